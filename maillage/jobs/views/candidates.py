"""Candidate pages: list, file, form, ranked offers, export on request, anonymisation, self-registration.

Every page that shows or exports a person's data to a professional writes an audit event.
"""

import json
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import DateField, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.accounts.policies import require
from maillage.jobs import policies as policy
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import SortColumn, Sorting
from maillage.people.selectors import NAME_SORT_FIELDS, name_sort_keys
from maillage.referentials.models import Appellation, Skill

from .. import matching
from ..exports import CANDIDATES
from ..forms import CandidateForm
from ..models import Offer
from ..selectors import applications as application_selectors
from ..selectors import candidates as selectors
from ..services import candidates as services


def _professional_organisation(user):
    orgs = sorted(policy.professional_organisation_ids(user))
    if not orgs:
        return None
    from maillage.accounts.models import Organisation

    return Organisation.objects.filter(pk=orgs[0]).first()


NAME = NAME_SORT_FIELDS  # folded, see people.selectors.name_sort_keys
# Only columns the list shows: sorting by a hidden field would reveal it (a relative age, a status...).
CANDIDATE_COLUMNS = [
    SortColumn("nom", "Nom", NAME),
    SortColumn("commune", "Commune", ("commune__search_name", *NAME)),  # Évreux before Vernon
    # No date means available now: before every date, on SQLite and PostgreSQL alike.
    SortColumn("disponibilite", "Disponibilité", ("availability", *NAME)),
    SortColumn("structure", "Structure référente", ("organisation__name", *NAME)),
    SortColumn("activite", "Dernière activité", ("last_activity_at",), descending_first=True),
]


@login_required
def candidate_list(request):
    require(policy.can_list_candidates(request.user))
    query = request.GET.get("q", "").strip()
    candidates = selectors.candidates_for(request.user, query=query, searching_only=request.GET.get("actifs") == "1")
    sorting = Sorting(request, CANDIDATE_COLUMNS, default="nom")
    candidates = candidates.annotate(**name_sort_keys("person"))
    if sorting.key == "disponibilite":
        candidates = candidates.annotate(
            availability=Coalesce("available_from", Value(date.min), output_field=DateField())
        )
    candidates = sorting.order(candidates)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        require(policy.can_export_candidate_list(request.user))
        candidates = list(candidates)
        audit.record_instances(request.user, AuditAction.EXPORT, candidates, "liste des candidats")
        return CANDIDATES.response(export, candidates)
    page = page_of(request, candidates, 30)
    audit.record_instances(request.user, AuditAction.VIEW, list(page), "liste")
    return render(
        request,
        "jobs/candidate_list.html",
        {
            "page": page,
            "q": query,
            "sorting": sorting,
            "can_create": policy.can_create_candidate(request.user),
            "can_export": policy.can_export_candidate_list(request.user),
            "querystring": request.GET.urlencode(),
        },
    )


@login_required
def candidate_detail(request, pk):
    candidate = get_object_or_404(
        policy.visible_candidates(request.user).select_related("commune", "organisation", "person"), pk=pk
    )
    services.record_view(request.user, candidate)
    return render(
        request,
        "jobs/candidate_detail.html",
        {
            "candidate": candidate,
            "held": candidate.held_appellations.select_related("fiche"),
            "sought": candidate.sought_appellations.select_related("fiche"),
            "skills": candidate.skills.order_by("label"),
            "applications": application_selectors.applications_for(request.user, candidate=candidate),
            "can_change": policy.can_change_candidate(request.user, candidate),
            "can_export": policy.can_export_candidate(request.user, candidate),
            "can_anonymise": policy.is_manager(request.user) and not candidate.anonymised_at,
            "is_self": policy.candidate_profile(request.user) == candidate,
        },
    )


def _candidate_form_view(request, candidate=None):
    if request.method == "POST":
        form = CandidateForm(request.POST)
        if form.is_valid():
            try:
                candidate = services.save_candidate(
                    user=request.user,
                    candidate=candidate,
                    data=form.service_data(),
                    held=form.cleaned_data["held"],
                    sought=form.cleaned_data["sought"],
                    skills=form.cleaned_data["skills"],
                    organisation=_professional_organisation(request.user) if candidate is None else None,
                    consent_given=form.cleaned_data["consent"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Le profil est enregistré.")
                return redirect("jobs:candidate_detail", candidate.pk)
    else:
        form = CandidateForm(
            initial=CandidateForm.initial_from(candidate) if candidate else {"consent_purpose": "partage"}
        )
        if candidate:
            services.record_view(request.user, candidate, detail="formulaire")

    if candidate is not None and policy.candidate_profile(request.user) == candidate:
        form.fields[
            "consent"
        ].label = "Je donne mon consentement pour cette finalité (je peux le retirer à tout moment)"

    def chosen(field, model):
        codes = form[field].value() or []
        return list(model.objects.filter(code__in=codes))

    return render(
        request,
        "jobs/candidate_form.html",
        {
            "form": form,
            "candidate": candidate,
            "held": chosen("held", Appellation),
            "sought": chosen("sought", Appellation),
            "chosen_skills": chosen("skills", Skill),
        },
    )


@login_required
def candidate_create(request):
    require(policy.can_create_candidate(request.user))
    return _candidate_form_view(request)


@login_required
def candidate_edit(request, pk):
    candidate = get_object_or_404(policy.visible_candidates(request.user), pk=pk)
    require(policy.can_change_candidate(request.user, candidate))
    return _candidate_form_view(request, candidate)


@login_required
def candidate_skill_suggestions(request):
    """HTMX: core skills of the jobs chosen (held and sought), to tick."""
    require(policy.can_use_module(request.user))
    codes = request.GET.getlist("held") + request.GET.getlist("sought")
    from maillage.referentials.models import FicheSkill

    fiches = Appellation.objects.filter(code__in=codes).values_list("fiche_id", flat=True)
    skills = (
        Skill.objects.filter(fiche_skills__fiche_id__in=fiches, fiche_skills__importance=FicheSkill.Importance.CORE)
        .distinct()
        .order_by("label")[:40]
    )
    return render(request, "jobs/partials/skill_choices.html", {"skills": skills, "name": "skills"})


@login_required
def candidate_matches(request, pk):
    candidate = get_object_or_404(policy.visible_candidates(request.user).select_related("commune", "person"), pk=pk)
    require(policy.can_match_candidate(request.user, candidate))
    services.record_view(request.user, candidate, detail="offres rapprochées")
    results = matching.offers_for_candidate(candidate, k=20)
    offers = Offer.objects.select_related("commune", "establishment", "appellation").in_bulk(
        [m.object_id for m in results]
    )
    for match in results:
        match.obj = offers.get(match.object_id)
    results = [m for m in results if m.obj is not None]
    applied = set(candidate.applications.values_list("offer_id", flat=True))
    return render(
        request,
        "jobs/candidate_matches.html",
        {
            "candidate": candidate,
            "results": results,
            "applied": applied,
            "is_self": policy.candidate_profile(request.user) == candidate,
            "matchable": candidate.is_matchable,
        },
    )


@login_required
def candidate_export(request, pk):
    """The person's data as JSON (right of access, on request)."""
    candidate = get_object_or_404(policy.visible_candidates(request.user), pk=pk)
    require(policy.can_export_candidate(request.user, candidate))
    data = services.export_data(user=request.user, candidate=candidate)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="donnees-candidat-{candidate.pk}.json"'
    return response


@login_required
@require_POST
def candidate_anonymise(request, pk):
    candidate = get_object_or_404(policy.visible_candidates(request.user), pk=pk)
    require(policy.is_manager(request.user) and not candidate.anonymised_at)
    services.anonymise(user=request.user, candidate=candidate)
    messages.success(request, "Le profil est anonymisé.")
    return redirect("jobs:candidate_list")


@login_required
def my_profile(request):
    candidate = policy.candidate_profile(request.user)
    if candidate is None:
        return redirect("jobs:offer_list")
    return redirect("jobs:candidate_detail", candidate.pk)
