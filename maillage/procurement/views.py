"""Pages of the procurement module: radar, map data, contracts, prospects, DECP imports (thin views)."""

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from maillage.accounts.policies import require
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import SortColumn, Sorting
from maillage.procurement import policies as policy
from maillage.referentials.selectors import cpv_label
from maillage.territories.models import Commune

from . import exports, selectors, services
from .cpv import division_label, market_kind
from .forms import ContractFilterForm, DecpUploadForm, RadarFilterForm, RadarSettingsForm
from .models import Contract, DecpImport, RadarSettings

EXPORT_LIMIT = 50_000


def _query(request, form_class=RadarFilterForm):
    form = form_class(request.GET or None)
    query = form.to_query(policy.default_epcis(request.user))
    return form, query


def _nav(user) -> dict:
    return {"can_import": policy.can_import(user), "can_prospect": policy.can_view_prospects(user)}


@login_required
def radar(request):
    require(policy.can_view_radar(request.user))
    form, query = _query(request)
    data = selectors.radar(query)
    export, table = request.GET.get("export"), request.GET.get("tableau", "epci")
    if export in ("csv", "xlsx") and table in exports.RADAR:
        radar_table, source = exports.RADAR[table]
        return radar_table.response(export, data[source])
    context = {
        "form": form,
        "epci_options": form.epci_options(),
        "data": data,
        "scope": query.scope,
        "query_string": request.GET.urlencode(),
        "nav": _nav(request.user),
        "map_tile_url": django_settings.MAP_TILE_URL,
        "map_tile_attribution": django_settings.MAP_TILE_ATTRIBUTION,
        "labour_labels": [f"{code} – {division_label(code)}" for code in query.labour_divisions],
    }
    return render(request, "procurement/radar.html", context)


@login_required
def radar_map(request):
    """GeoJSON of the radar's EPCI, coloured by share of contracts with a social consideration."""
    require(policy.can_view_radar(request.user))
    _, query = _query(request)
    rows = selectors.by_epci(query)
    return JsonResponse(selectors.map_features(rows))


# -- contracts ----------------------------------------------------------------------------------------------

# Texts sort on their stored folded keys (« Évreux » among the E), dates and amounts largest first with
# the unknown ones last; each sort has its index (``Contract.Meta``, migration 0005). The place, shown
# as a commune, an EPCI or a département, is not sorted.
CONTRACT_COLUMNS = [
    SortColumn("objet", "Objet", ("object_key",)),
    SortColumn("acheteur", "Acheteur", ("buyer__name_key",)),
    SortColumn("cpv", "CPV", ("cpv_code",)),
    SortColumn("montant", "Montant HT", ("amount",), descending_first=True, nulls_last=True),
    SortColumn("notification", "Notifié le", ("notified_on",), descending_first=True, nulls_last=True),
    SortColumn("social", "Considération sociale", ("social_rank",)),
]
# Those with a social consideration first, then those without, then the unknown ones.
SOCIAL_RANK = Case(
    When(has_social=True, then=Value(0)), When(has_social=False, then=Value(1)), default=Value(2),
    output_field=IntegerField(),
)  # fmt: skip


def _contracts_queryset(form, query):
    # Communes fetched for the page's rows only: joined before the sort, all 35,000 were hashed (30 ms).
    communes = Prefetch("commune", queryset=Commune.objects.only("code", "name"))
    queryset = selectors.contracts(query).select_related("buyer", "epci").prefetch_related(communes)
    if form.is_valid():
        if form.cleaned_data.get("q"):
            queryset = queryset.filter(object__icontains=form.cleaned_data["q"])
        if form.cleaned_data.get("titulaire"):
            queryset = selectors.won_by(queryset, form.cleaned_data["titulaire"])
        social = form.cleaned_data.get("social")
        if social == "oui":
            queryset = queryset.filter(has_social=True)
        elif social == "non":
            queryset = queryset.filter(has_social=False)
        elif social == "inconnu":
            queryset = queryset.filter(has_social=None)
    return queryset


@login_required
def contract_list(request):
    require(policy.can_view_radar(request.user))
    form, query = _query(request, ContractFilterForm)
    sorting = Sorting(request, CONTRACT_COLUMNS, default="-notification")
    queryset = _contracts_queryset(form, query)
    if sorting.key == "social":
        queryset = queryset.annotate(social_rank=SOCIAL_RANK)
    queryset = sorting.order(queryset)
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return exports.CONTRACTS.response(export, queryset.only(*exports.CONTRACT_FIELDS)[:EXPORT_LIMIT])
    page = page_of(request, queryset)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "procurement/contract_list.html",
        {
            "form": form,
            "epci_options": form.epci_options(),
            "page": page,
            "sorting": sorting,
            "scope": query.scope,
            "query_string": params.urlencode(),
            "export_limit": EXPORT_LIMIT,
            "nav": _nav(request.user),
        },
    )


@login_required
def contract_detail(request, pk):
    require(policy.can_view_radar(request.user))
    contract = get_object_or_404(Contract.objects.select_related("buyer", "commune", "epci", "departement"), pk=pk)
    context = {
        "contract": contract,
        "division_label": division_label(contract.cpv_division),
        "cpv_label": cpv_label(contract.cpv_code),
        "kind": market_kind(contract.cpv_division),
        "market": services.followed_market(contract),
        "can_follow": policy.can_follow_contract(request.user),
        "clauses_available": services.clauses_market_factory() is not None,
        "same_buyer_count": Contract.objects.filter(buyer_id=contract.buyer_id).count(),
        "nav": _nav(request.user),
    }
    return render(request, "procurement/contract_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contract_follow(request, pk):
    """Confirm, then create the market in the social-clauses module and go to it."""
    require(policy.can_follow_contract(request.user))
    contract = get_object_or_404(Contract.objects.select_related("buyer", "commune"), pk=pk)
    existing = services.followed_market(contract)
    if existing is not None:
        messages.info(request, "Ce marché est déjà suivi dans le module des clauses sociales.")
        return redirect(existing.get_absolute_url())
    if request.method == "POST":
        try:
            market = services.follow_contract(request.user, contract)
        except services.MarketFollowError as exc:
            messages.error(request, str(exc))
            return redirect("procurement:contract_detail", pk=contract.pk)
        messages.success(request, "Le marché est créé dans le module des clauses sociales : complétez-le.")
        return redirect(market.get_absolute_url())
    return render(
        request,
        "procurement/contract_follow.html",
        {
            "contract": contract,
            "cpv_label": cpv_label(contract.cpv_code),
            "clauses_available": services.clauses_market_factory() is not None,
        },
    )


# -- prospects -------------------------------------------------------------------------------------------------


@login_required
def prospects(request):
    require(policy.can_view_prospects(request.user))
    form, query = _query(request)
    queryset = selectors.contracts(query)
    settings = RadarSettings.current()
    export = request.GET.get("export")
    table = request.GET.get("table", "types")
    if export in ("csv", "xlsx"):
        if table == "acheteurs":
            return exports.PROSPECT_BUYERS.response(export, selectors.prospect_buyers(queryset, limit=5000))
        rows = selectors.prospect_types(queryset, settings.prospect_min_contracts, limit=5000)
        return exports.PROSPECT_TYPES.response(export, rows)
    context = {
        "form": form,
        "epci_options": form.epci_options(),
        "scope": query.scope,
        "buyers": selectors.prospect_buyers(queryset, limit=100),
        "types": selectors.prospect_types(queryset, settings.prospect_min_contracts, limit=150),
        "min_contracts": settings.prospect_min_contracts,
        "query_string": request.GET.urlencode(),
        "nav": _nav(request.user),
    }
    return render(request, "procurement/prospects.html", context)


# -- imports ----------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_list(request):
    require(policy.can_import(request.user))
    form = DecpUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        decp_import = services.start_ui_import(request.user, form.cleaned_data["fichier"])
        messages.info(request, "Le fichier est déposé : l'import se poursuit en tâche de fond.")
        return redirect("procurement:import_detail", pk=decp_import.pk)
    imports = DecpImport.objects.select_related("created_by")[:30]
    return render(
        request, "procurement/import_list.html", {"form": form, "imports": imports, "nav": _nav(request.user)}
    )


def _visible_import(request, pk) -> DecpImport:
    require(policy.can_import(request.user))
    return get_object_or_404(DecpImport.objects.select_related("task_run", "created_by"), pk=pk)


@login_required
def import_detail(request, pk):
    decp_import = _visible_import(request, pk)
    template = "procurement/_import_progress.html" if request.htmx else "procurement/import_detail.html"
    return render(request, template, {"imp": decp_import, "run": decp_import.task_run, "nav": _nav(request.user)})


@login_required
def import_report(request, pk):
    decp_import = _visible_import(request, pk)
    if not decp_import.report or not default_storage.exists(decp_import.report):
        raise Http404("Aucun rapport pour cet import.")
    return FileResponse(
        default_storage.open(decp_import.report, "rb"),
        as_attachment=True,
        filename=f"rapport-import-decp-{decp_import.pk}.csv",
        content_type="text/csv; charset=utf-8",
    )


# -- settings -----------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def radar_settings(request):
    from maillage.accounts.policies import Perm, has_perm

    if not has_perm(request.user, Perm.MANAGE_SETTINGS):
        raise PermissionDenied("Réservé aux administrateurs.")
    form = RadarSettingsForm(request.POST or None, instance=RadarSettings.current())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Réglages du radar enregistrés.")
        return redirect("procurement:radar")
    return render(request, "procurement/radar_settings.html", {"form": form})
