"""Establishment list, company file, establishment form, overview and form suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.accounts.policies import require
from maillage.companies import policies as policy
from maillage.kernel.exports import XLSX_TYPE, Column, Table
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import SortColumn, Sorting
from maillage.territories.selectors import search_communes

from .. import selectors, services
from ..exports import company_file_xlsx
from ..forms import EstablishmentForm, PlanYearForm
from ..models import Contact, Establishment, SizeBand
from .common import module_context, render_form


def _epci_name(e) -> str:
    return e.commune.epci.name if e.commune.epci else ""


def _contact(attribute: str):
    def read(e):
        return getattr(e.main_contact, attribute, "") if e.main_contact else ""

    return read


EXPORT = Table(
    "etablissements",
    "Établissements",
    [
        Column("SIRET", "siret"),
        Column("Nom", "name"),
        Column("Raison sociale", "legal_name"),
        Column("Code NAF", "naf"),
        Column("Tranche d'effectif", "get_size_band_display"),
        Column("Commune", "commune.name"),
        Column("Code INSEE", "commune_id"),
        Column("EPCI", _epci_name),
        Column("Adresse", "address"),
        Column("Besoins ouverts", "open_needs"),
        Column("Postes à pourvoir", "open_positions"),
        Column("Chargé de relation", lambda e: str(e.referent) if e.referent else ""),
        Column("Contact principal", lambda e: str(e.main_contact) if e.main_contact else ""),
        Column("Fonction", _contact("job_title")),
        Column("E-mail", _contact("email")),
        Column("Téléphone", _contact("phone")),
    ],
)


def _filters(request) -> selectors.EstablishmentFilters:
    referent = str(request.user.pk) if request.GET.get("miens") == "1" else request.GET.get("referent", "")
    return selectors.EstablishmentFilters(
        q=request.GET.get("q", "").strip(),
        epci=request.GET.get("epci", ""),
        section=request.GET.get("secteur", ""),
        size_band=request.GET.get("taille", ""),
        open_needs=request.GET.get("besoins") == "1",
        referent=int(referent) if referent.isdigit() else None,
        include_inactive=request.GET.get("inactifs") == "1",
    )


def _with_main_contacts(establishments):
    """Each establishment with its main active contact (``main_contact``), in one query."""
    main_contacts = {}
    contacts = Contact.objects.filter(establishment__in=[e.pk for e in establishments], is_active=True)
    for contact in contacts.order_by("-is_main", "last_name"):
        main_contacts.setdefault(contact.establishment_id, contact)
    for e in establishments:
        e.main_contact = main_contacts.get(e.pk)
    return establishments


ESTABLISHMENT_COLUMNS = [
    SortColumn("nom", "Établissement", ("name", "siret")),
    SortColumn("siret", "SIRET", ("siret",)),
    SortColumn("commune", "Commune", ("commune__search_name", "name")),  # folded: Évreux before Vernon
    SortColumn("naf", "NAF", ("naf", "name")),
    SortColumn("effectif", "Effectif", ("size_band", "name"), descending_first=True),
    SortColumn("besoins", "Besoins ouverts", ("open_needs", "name"), descending_first=True),
    SortColumn("postes", "Postes", ("open_positions", "name"), descending_first=True),
]


@login_required
def establishment_list(request):
    if not policy.can_list_establishments(request.user):
        require(policy.can_view_aggregates(request.user))
        return redirect("companies:overview")
    filters = _filters(request)
    sorting = Sorting(request, ESTABLISHMENT_COLUMNS, default="nom")
    establishments = sorting.order(selectors.establishments_for(request.user, filters))  # the export's order too
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        require(policy.can_export(request.user), "Vous ne pouvez pas exporter cette liste.")
        rows = list(establishments)
        audit.record(
            request.user, AuditAction.EXPORT, "companies.establishment", "", f"liste : {len(rows)} établissements"
        )
        return EXPORT.response(export, _with_main_contacts(rows))
    context = {
        "page": page_of(request, establishments),
        "sorting": sorting,
        "filters": filters,
        "epcis": selectors.epci_choices(request.user),
        "sections": selectors.NAF_SECTIONS,
        "size_bands": SizeBand.choices,
        "can_create": policy.can_create_establishment(request.user),
        "can_export": policy.can_export(request.user),
        "mine": request.GET.get("miens") == "1",
        **module_context(request.user),
    }
    return render(request, "companies/establishment_list.html", context)


@login_required
def overview(request):
    require(policy.can_view_aggregates(request.user) or policy.can_list_establishments(request.user))
    context = {"stats": selectors.aggregates(request.user), **module_context(request.user)}
    return render(request, "companies/overview.html", context)


def visible_establishment_or_404(user, pk) -> Establishment:
    return get_object_or_404(policy.visible_establishments(user).select_related("commune__epci", "organisation"), pk=pk)


@login_required
def establishment_detail(request, pk):
    return establishment_page(request, visible_establishment_or_404(request.user, pk))


def establishment_page(request, establishment, **posted):
    """The company file; a form of the file posted with errors (``posted``: its name in the context → the bound
    form) comes back in its place with the errors and what was typed (status 200, as every form of the product)."""
    file = selectors.company_file(request.user, establishment)
    audit.record_instance(request.user, AuditAction.VIEW, establishment, "fiche entreprise")
    user = request.user
    context = {
        "file": file,
        "establishment": establishment,
        "can_change": policy.can_change_establishment(user, establishment),
        "can_manage_contacts": policy.can_manage_contacts(user, establishment),
        "can_manage_interactions": policy.can_manage_interactions(user, establishment),
        "can_manage_needs": policy.can_manage_needs(user, establishment),
        "can_manage_plan": policy.can_manage_plan(user, establishment),
        "can_manage_agreements": policy.can_manage_agreements(user),
        "plan_form": PlanYearForm(initial={"year": timezone.localdate().year}),
        **module_context(user),
        **posted,
    }
    return render(request, "companies/establishment_detail.html", context)


@login_required
def establishment_export(request, pk):
    establishment = visible_establishment_or_404(request.user, pk)
    require(
        policy.can_export(request.user) or policy.is_own_establishment(request.user, establishment),
        "Vous ne pouvez pas exporter cette fiche.",
    )
    file = selectors.company_file(request.user, establishment)
    audit.record_instance(request.user, AuditAction.EXPORT, establishment, "fiche entreprise (XLSX)")
    response = HttpResponse(company_file_xlsx(file), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="fiche-entreprise-{establishment.siret}.xlsx"'
    return response


@login_required
def establishment_form(request, pk=None):
    user = request.user
    establishment = visible_establishment_or_404(user, pk) if pk else None
    if establishment:
        require(policy.can_change_establishment(user, establishment), "Vous ne pouvez pas modifier cet établissement.")
    else:
        require(policy.can_create_establishment(user), "Vous ne pouvez pas créer d'établissement.")
    restricted = not policy.can_change_establishment_link(user)
    form = EstablishmentForm(request.POST or None, instance=establishment, restricted=restricted)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        if establishment:
            services.update_establishment(user, establishment, **data)
            messages.success(request, "L'établissement a été modifié.")
        else:
            establishment = services.create_establishment(user, **data)
            messages.success(request, "L'établissement a été créé.")
        return redirect("companies:establishment_detail", pk=establishment.pk)
    title = f"Modifier {establishment.name}" if establishment else "Nouvel établissement"
    back = (
        reverse("companies:establishment_detail", args=[establishment.pk])
        if establishment
        else reverse("companies:establishment_list")
    )
    return render_form(
        request,
        form,
        title=title,
        back_url=back,
        establishment=establishment,
        communes=selectors.communes_for_form(),
    )


@login_required
def commune_suggestions(request):
    require(policy.can_use_module(request.user))
    query = request.GET.get("q") or request.GET.get("commune") or ""
    communes = search_communes(query[:60], limit=15)
    return render(request, "companies/_commune_options.html", {"communes": communes})


@login_required
def appellation_suggestions(request):
    require(policy.can_use_module(request.user))
    query = request.GET.get("q") or request.GET.get("appellation") or ""
    appellations = selectors.search_appellations(query[:80], limit=20)
    return render(request, "companies/_appellation_options.html", {"appellations": appellations})
