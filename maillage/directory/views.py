"""Pages of the directory: search and map, service and structure listings, questionnaire, guides, rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from maillage.accounts.policies import is_professional
from maillage.kernel import ratelimit
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import Folded, SortColumn, Sorting

from . import guides, policies, schema, selectors, services
from .eligibility import describe
from .forms import GuideForm, QuestionnaireForm, RuleForm, SearchForm, ServiceForm, StructureForm
from .models import EligibilityRule, Service, Structure


def _map_settings() -> dict:
    from django.conf import settings

    return {"map_tile_url": settings.MAP_TILE_URL, "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION}


def _map_points(hits) -> list[dict]:
    return [
        {
            "id": hit.service.pk,
            "nom": hit.service.name,
            "structure": hit.service.structure.name,
            "lat": hit.service.latitude,
            "lon": hit.service.longitude,
        }
        for hit in hits
        if hit.service.latitude is not None
    ][:500]


@login_not_required
@ratelimit.limit_requests("public_search", methods=("GET",), exempt=is_professional)
def search(request):
    form = SearchForm(request.GET or None)
    hits, commune = [], None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        commune = data.get("commune")
        hits = selectors.search(
            thematique=data.get("thematique", ""),
            commune=commune,
            radius_km=data.get("distance") or 20,
            public=data.get("public", ""),
            text=data.get("q", ""),
        )
    elif not form.is_bound:
        hits = selectors.search(limit=50)
    return render(
        request,
        "directory/search.html",
        {
            "form": form,
            "hits": hits,
            "commune": commune,
            "points": _map_points(hits),
            "can_refer": policies.can_refer(request.user),
            "is_staff": policies.is_mde_staff(request.user),
            **_map_settings(),
        },
    )


@login_not_required
def service_detail(request, pk: int):
    service = get_object_or_404(Service.objects.select_related("structure", "commune"), pk=pk, is_active=True)
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "rules": [(rule, describe(rule)) for rule in service.rules.all()],
            "can_refer": policies.can_refer(request.user),
            "can_edit": policies.can_edit_structure(request.user, service.structure),
            "can_manage_rules": policies.can_manage_rules(request.user),
            "stale": selectors.is_stale(service.structure),
            "labels": {
                "type": schema.label("types", service.type) if service.type else "",
                "fees": schema.label("fees", service.fees) if service.fees else "",
                "reception": [schema.label("reception_modes", m) for m in service.reception_modes or []],
                "mobilisation": [schema.label("mobilisation_modes", m) for m in service.mobilisation_modes or []],
                "mobilisers": [schema.label("mobilisers", m) for m in service.mobilisable_by or []],
            },
            "points": _map_points([selectors.Hit(service, None)]),
            **_map_settings(),
        },
    )


@login_not_required
@ratelimit.limit_requests("public_search", methods=("GET",), exempt=is_professional)
def questionnaire(request):
    form = QuestionnaireForm(request.GET or None)
    matches = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        thematiques = list(data["thematiques"])
        matches = selectors.programmes_for(
            form.answers(), thematiques=thematiques, commune=data["commune"], radius_km=data["distance"]
        )
    return render(
        request,
        "directory/questionnaire.html",
        {
            "form": form,
            "matches": matches,
            "eligible": [m for m in matches or [] if m.eligible],
            "others": [m for m in matches or [] if not m.eligible],
            "can_refer": policies.can_refer(request.user),
        },
    )


STRUCTURE_COLUMNS = [
    SortColumn("structure", "Structure", ("name_key",)),  # the default order; names accent-folded
    SortColumn("commune", "Commune", ("commune_key", "name_key")),
    # Never checked first, then the oldest check: the cards to check come first.
    SortColumn("verification", "Dernière vérification", ("checked", "last_checked_at", "name_key")),
]


@login_required
def structure_list(request):
    qs = Structure.objects.filter(is_active=True)
    if not policies.is_mde_staff(request.user):
        qs = qs.filter(editor_links__user=request.user) | qs.filter(
            organisation_id__in=[m.organisation_id for m in policies.active_memberships(request.user)]
        )
    stale_only = request.GET.get("a_verifier") == "1"
    if stale_only:
        qs = qs.filter(pk__in=selectors.stale_structures().values("pk"))
    sorting = Sorting(request, STRUCTURE_COLUMNS, default="structure")
    qs = qs.distinct().annotate(
        name_key=Folded("name"),
        commune_key=Folded("commune_name"),
        checked=Case(When(last_checked_at__isnull=True, then=Value(0)), default=Value(1)),
    )
    page = page_of(request, sorting.order(qs))
    now = timezone.now()
    rows = [(s, selectors.is_stale(s, now)) for s in page]
    return render(
        request,
        "directory/structure_list.html",
        {
            "page": page,
            "rows": rows,
            "sorting": sorting,
            "stale_only": stale_only,
            "can_create": policies.can_create_structure(request.user),
        },
    )


@login_not_required
def structure_detail(request, pk: int):
    structure = get_object_or_404(Structure, pk=pk, is_active=True)
    return render(
        request,
        "directory/structure_detail.html",
        {
            "structure": structure,
            "services": structure.services.filter(is_active=True).order_by("name"),
            "can_edit": policies.can_edit_structure(request.user, structure),
            "stale": selectors.is_stale(structure),
        },
    )


@login_required
def structure_edit(request, pk: int | None = None):
    structure = get_object_or_404(Structure, pk=pk) if pk else Structure(updated_on=timezone.localdate())
    allowed = (
        policies.can_edit_structure(request.user, structure) if pk else policies.can_create_structure(request.user)
    )
    if not allowed:
        raise PermissionDenied
    form = StructureForm(
        request.POST or None, instance=structure, initial={"commune_input": structure.commune_id or ""}
    )
    if request.method == "POST" and form.is_valid():
        structure = form.save(commit=False)
        if form.cleaned_data.get("commune_input"):
            structure.commune = form.cleaned_data["commune_input"]
            structure.commune_name = structure.commune.name
            structure.latitude, structure.longitude = structure.commune.latitude, structure.commune.longitude
        try:
            services.structure_save(structure=structure, user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Fiche de la structure enregistrée.")
            return redirect("directory:structure_detail", pk=structure.pk)
    return render(request, "directory/structure_form.html", {"form": form, "structure": structure})


@login_required
@require_POST
def structure_checked(request, pk: int):
    structure = get_object_or_404(Structure, pk=pk)
    services.structure_mark_checked(structure=structure, user=request.user)
    messages.success(request, "Merci : la fiche est marquée comme vérifiée aujourd'hui.")
    return redirect("directory:structure_detail", pk=pk)


@login_required
def service_edit(request, structure_pk: int, pk: int | None = None):
    structure = get_object_or_404(Structure, pk=structure_pk)
    if not policies.can_edit_structure(request.user, structure):
        raise PermissionDenied
    service = (
        get_object_or_404(Service, pk=pk, structure=structure)
        if pk
        else Service(structure=structure, source="maillage", updated_on=timezone.localdate())
    )
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        service = form.apply(form.save(commit=False))
        try:
            services.service_save(service=service, user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Service enregistré.")
            return redirect("directory:service_detail", pk=service.pk)
    return render(request, "directory/service_form.html", {"form": form, "service": service, "structure": structure})


@login_required
def service_rules(request, pk: int):
    """Eligibility rules of a service, edited by MDE staff without code."""
    service = get_object_or_404(Service, pk=pk)
    if not policies.can_manage_rules(request.user):
        raise PermissionDenied
    form = RuleForm(request.POST or None)
    if request.method == "POST":
        if "delete" in request.POST:
            EligibilityRule.objects.filter(service=service, pk=request.POST.get("delete")).delete()
            messages.success(request, "Condition supprimée.")
            return redirect("directory:service_rules", pk=pk)
        if form.is_valid():
            rule = form.save(commit=False)
            rule.service = service
            rule.full_clean()
            rule.save()
            messages.success(request, "Condition ajoutée.")
            return redirect("directory:service_rules", pk=pk)
    rules = [(rule, describe(rule)) for rule in service.rules.all()]
    return render(request, "directory/service_rules.html", {"service": service, "form": form, "rules": rules})


@login_not_required
def guide(request):
    choices = guides.territory_choices()
    form = GuideForm(request.GET or None, territories=choices, initial={"category": "mobilite"})
    if form.is_bound and form.is_valid():
        content, title, _count = guides.guide_pdf(form.cleaned_data["category"], form.cleaned_data["territory"])
        response = HttpResponse(content, content_type="application/pdf")
        slug = "".join(c if c.isalnum() else "-" for c in title.lower())[:80]
        response["Content-Disposition"] = f'inline; filename="{slug}.pdf"'
        return response
    return render(request, "directory/guide.html", {"form": form})


@login_required
def counts(request):
    if not policies.can_view_counts(request.user):
        raise PermissionDenied
    return render(request, "directory/counts.html", {"data": selectors.referral_counts()})
