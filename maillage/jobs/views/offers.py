"""Offer pages: list (with exports), detail, form with ROME suggestion (HTMX), ranked candidates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.accounts.policies import require
from maillage.companies import policies as company_policy
from maillage.companies import selectors as company_selectors
from maillage.jobs import policies as policy
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import SortColumn, Sorting
from maillage.referentials.models import Appellation, Skill

from .. import matching
from ..exports import OFFER_MATCHES, OFFERS
from ..forms import ApplyForm, OfferForm
from ..models import ApplicationOrigin, Candidate, ContractType, Offer, OfferSource, OfferStatus
from ..selectors import candidates as candidate_selectors
from ..selectors import offers as selectors
from ..services import applications as application_services
from ..services import offers as services
from ..suggest import OfferText, get_suggester, suggest_appellations, suggest_skills


def _establishments(user):
    return company_policy.visible_establishments(user).select_related("commune").order_by("name")


OFFER_COLUMNS = [
    SortColumn("recentes", "Date de création", ("created_at",), descending_first=True),  # the default order
    SortColumn("offre", "Offre", ("title",)),
    SortColumn("metier", "Métier (ROME)", ("appellation__search_label", "title")),  # folded labels
    SortColumn("contrat", "Contrat", ("contract_type", "title")),
    SortColumn("lieu", "Lieu", ("commune__search_name", "place_label", "title")),  # Évreux before Vernon
    SortColumn("candidatures", "Candidatures", ("application_count", "title"), descending_first=True),
]


@login_required
def offer_list(request):
    require(policy.can_use_module(request.user))
    params = {
        "query": request.GET.get("q", "").strip(),
        "contract": request.GET.get("contrat", ""),
        "status": request.GET.get("etat", ""),
        "shortage": request.GET.get("tension") == "1",
        "source": request.GET.get("source", ""),
    }
    sorting = Sorting(request, OFFER_COLUMNS, default="-recentes")
    offers = sorting.order(selectors.offers_for(request.user, **params))
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return OFFERS.response(export, offers)  # in the page's order
    page = page_of(request, offers, 30)
    return render(
        request,
        "jobs/offer_list.html",
        {
            "page": page,
            "sorting": sorting,
            "params": params,
            "contracts": ContractType.choices,
            "statuses": OfferStatus.choices,
            "sources": OfferSource.choices,
            "can_create": policy.can_create_offer(request.user),
            "can_import": policy.is_manager(request.user),
            # A job seeker sees published offers only: no state, source or application columns.
            "staff_view": policy.is_professional(request.user),
            "company_view": bool(policy.company_organisation_ids(request.user)),
            "querystring": request.GET.urlencode(),
        },
    )


@login_required
def offer_detail(request, pk):
    offer = get_object_or_404(
        policy.visible_offers(request.user).select_related("appellation__fiche", "commune", "establishment"), pk=pk
    )
    candidate = policy.candidate_profile(request.user)
    applied = candidate is not None and offer.applications.filter(candidate=candidate).exists()
    return render(
        request,
        "jobs/offer_detail.html",
        {
            "offer": offer,
            "skills": selectors.offer_skills(offer),
            "can_change": policy.can_change_offer(request.user, offer),
            "can_match": policy.can_match_offer(request.user, offer),
            "can_apply": candidate is not None and not applied and policy.can_apply(request.user, candidate, offer),
            "applied": applied,
            "apply_form": ApplyForm(),
            "application_count": policy.visible_applications(request.user).filter(offer=offer).count(),
        },
    )


def _offer_form_view(request, offer=None):
    establishments = _establishments(request.user)
    if request.method == "POST":
        form = OfferForm(request.POST, establishments=establishments)
        if form.is_valid():
            data = dict(form.cleaned_data)
            if not policy.is_manager(request.user) and not data.get("establishment"):
                form.add_error("establishment", "Choisissez un de vos établissements.")
            else:
                shortage = {"auto": None, "oui": True, "non": False}[data.pop("shortage")]
                skills = data.pop("skills")
                try:
                    offer = services.save_offer(
                        user=request.user, offer=offer, data=data, skills=skills, shortage_override=shortage
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, "L'offre est enregistrée.")
                    return redirect("jobs:offer_detail", offer.pk)
    else:
        form = OfferForm(initial=OfferForm.initial_from(offer) if offer else None, establishments=establishments)
    appellation_code = form["appellation"].value()
    chosen = (
        Appellation.objects.select_related("fiche").filter(code=appellation_code).first() if appellation_code else None
    )
    skill_codes = form["skills"].value() or []
    return render(
        request,
        "jobs/offer_form.html",
        {
            "form": form,
            "offer": offer,
            "chosen": chosen,
            "chosen_skills": list(Skill.objects.filter(code__in=skill_codes)),
        },
    )


@login_required
def offer_create(request):
    require(policy.can_create_offer(request.user))
    return _offer_form_view(request)


@login_required
def offer_edit(request, pk):
    offer = get_object_or_404(Offer.objects.select_related("establishment"), pk=pk)
    require(policy.can_change_offer(request.user, offer))
    return _offer_form_view(request, offer)


@login_required
@require_GET
def suggest_offer_job(request):
    """HTMX: the 5 appellations suggested for the typed title and description, and the skills of the first."""
    require(policy.can_create_offer(request.user) or policy.is_professional(request.user))
    title = request.GET.get("title", "")[:255]
    description = request.GET.get("description", "")[:5000]
    naf = company_selectors.naf_of(request.GET.get("establishment", "")[:12])
    suggestions = get_suggester().suggest_for_offer(OfferText(title, description, naf_code=naf), k=5)
    skills = suggest_skills(suggestions[0].fiche_code, f"{title} {description}", k=10) if suggestions else []
    return render(
        request,
        "jobs/partials/job_suggestions.html",
        {"suggestions": suggestions, "skills": skills, "title": title},
    )


@login_required
@require_GET
def suggest_job_skills(request):
    """HTMX: skills of the chosen appellation's fiche, the ones the text talks about first."""
    require(policy.can_use_module(request.user))
    appellation = Appellation.objects.filter(code=request.GET.get("appellation", "")).first()
    skills = []
    if appellation:
        skills = suggest_skills(appellation.fiche_id, request.GET.get("description", "")[:5000], k=12)
    return render(request, "jobs/partials/skill_choices.html", {"skills": skills, "name": "skills"})


@login_required
@require_GET
def appellation_search(request):
    """HTMX: appellations matching a few typed words (for candidates' jobs), as checkboxes."""
    require(policy.can_use_module(request.user))
    name = request.GET.get("name", "held")
    name = name if name in {"held", "sought"} else "held"
    query = request.GET.get(f"q_{name}", "") or request.GET.get("q", "")
    suggestions = suggest_appellations(query, "", k=8) if len(query.strip()) >= 2 else []
    return render(request, "jobs/partials/appellation_choices.html", {"suggestions": suggestions, "name": name})


@login_required
def offer_matches(request, pk):
    """Ranked, explained candidates for an offer (professionals; partners see only their candidates)."""
    offer = get_object_or_404(policy.visible_offers(request.user).select_related("appellation", "commune"), pk=pk)
    require(policy.can_match_offer(request.user, offer))
    allowed = None if policy.is_manager(request.user) else candidate_selectors.visible_ids_filter(request.user)
    results = matching.candidates_for_offer(offer, k=20, allowed=allowed)
    people = Candidate.objects.select_related("commune", "person").in_bulk([m.object_id for m in results])
    for match in results:
        match.obj = people.get(match.object_id)
    results = [m for m in results if m.obj is not None]
    audit.record_instances(request.user, AuditAction.VIEW, [m.obj for m in results], f"rapprochement offre {offer.pk}")
    applied = set(offer.applications.values_list("candidate_id", flat=True))
    if request.GET.get("export") in {"csv", "xlsx"}:
        audit.record_instances(
            request.user, AuditAction.EXPORT, [m.obj for m in results], f"rapprochement offre {offer.pk}"
        )
        return OFFER_MATCHES.response(request.GET["export"], results, filename=f"rapprochement-offre-{offer.pk}")
    return render(request, "jobs/offer_matches.html", {"offer": offer, "results": results, "applied": applied})


@login_required
@require_POST
def offer_apply(request, pk):
    """A candidate applies, or a professional proposes one of their candidates (``candidate`` field)."""
    offer = get_object_or_404(policy.visible_offers(request.user), pk=pk)
    candidate_id = request.POST.get("candidate")
    if candidate_id:
        candidate = get_object_or_404(policy.visible_candidates(request.user), pk=candidate_id)
        origin = ApplicationOrigin.MATCHING if request.POST.get("from_matching") else ApplicationOrigin.PROFESSIONAL
    else:
        candidate = policy.candidate_profile(request.user)
        origin = ApplicationOrigin.CANDIDATE
    require(candidate is not None and policy.can_apply(request.user, candidate, offer))
    form = ApplyForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        application_services.create_application(
            user=request.user, candidate=candidate, offer=offer, origin=origin, message=message
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "La candidature est enregistrée.")
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("jobs:offer_detail", pk)


@login_required
@require_POST
def offer_from_need(request, need_id):
    """From a company's recruitment need to an offer and its ranked candidates (one click)."""
    need = get_object_or_404(
        company_policy.visible_needs(request.user).select_related("establishment__commune", "appellation"),
        pk=need_id,
    )
    require(
        policy.is_manager(request.user)
        or policy.can_change_offer(request.user, Offer(establishment=need.establishment))
    )
    offer = services.offer_from_need(user=request.user, need=need)
    messages.success(request, "L'offre correspondant au besoin est publiée.")
    if policy.can_match_offer(request.user, offer):
        return redirect("jobs:offer_matches", offer.pk)
    return redirect("jobs:offer_detail", offer.pk)


@login_required
def offer_import(request):
    """Upload a France Travail offers file; save the valid offers (or nothing) and report the rest."""
    import json
    import uuid

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from ..services.ft_import import REPORT_DIR, REPORT_PREFIX, import_ft_offers

    require(policy.is_manager(request.user))
    report, report_name = None, ""
    if request.method == "POST" and request.FILES.get("fichier"):
        upload = request.FILES["fichier"]
        try:
            data = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            messages.error(request, f"Fichier JSON illisible : {exc}")
        else:
            report = import_ft_offers(data, strict=request.POST.get("mode") == "strict")
            problems = [("erreur", p) for p in report.errors] + [("avertissement", p) for p in report.warnings]
            if problems:
                lines = ["offre;id;champ;gravité;message"]
                lines += [f"{p.position};{p.external_id};{p.field};{kind};{p.message}" for kind, p in problems]
                report_name = default_storage.save(
                    f"{REPORT_DIR}/{REPORT_PREFIX}{uuid.uuid4().hex}.csv",
                    ContentFile(("\ufeff" + "\n".join(lines)).encode()),
                )
    return render(
        request,
        "jobs/offer_import.html",
        {"report": report, "report_name": report_name.rsplit("/", 1)[-1] if report_name else ""},
    )


@login_required
def offer_import_report(request, name):
    from django.core.files.storage import default_storage
    from django.http import FileResponse, Http404

    from ..services.ft_import import REPORT_DIR, REPORT_PREFIX

    require(policy.is_manager(request.user))
    if not name.startswith(REPORT_PREFIX) or not name.endswith(".csv") or "/" in name:
        raise Http404
    path = f"{REPORT_DIR}/{name}"
    if not default_storage.exists(path):
        raise Http404
    return FileResponse(default_storage.open(path, "rb"), as_attachment=True, filename="rapport-import-offres.csv")
