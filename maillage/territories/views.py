from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from maillage.accounts import policies
from maillage.accounts.decorators import permission_required
from maillage.kernel import mde as mde_settings

from . import selectors
from .models import Epci

Perm = policies.Perm


@login_required
@permission_required(Perm.VIEW_TERRITORIES)
def perimeter(request):
    mde = mde_settings.settings()
    epcis = selectors.perimeter_epcis(mde)
    context = {
        "epcis": epcis,
        "has_outlines": selectors.has_outlines(e.code for e in epcis),
        "map_tile_url": settings.MAP_TILE_URL,
    }
    return render(request, "territories/perimeter.html", context)


@login_required
@permission_required(Perm.VIEW_TERRITORIES)
def perimeter_geojson(request):
    mde = mde_settings.settings()
    return JsonResponse(selectors.perimeter_feature_collection(mde))


@login_required
@permission_required(Perm.VIEW_TERRITORIES)
def commune_search(request):
    query = request.GET.get("q", "").strip()
    communes = selectors.search_communes(query) if query else []
    template = "territories/_commune_results.html" if request.htmx else "territories/commune_search.html"
    return render(request, template, {"q": query, "communes": communes})


@login_required
@permission_required(Perm.VIEW_TERRITORIES)
def epci_detail(request, code):
    epci = get_object_or_404(Epci, code=code)
    communes = epci.communes.order_by("name")
    return render(request, "territories/epci_detail.html", {"epci": epci, "communes": communes})


@login_required
@permission_required(Perm.VIEW_TERRITORIES)
@require_GET
def epci_autocomplete(request):
    """EPCI by name (accents and case ignored) or SIREN code: « CA Évreux Portes de Normandie (200071454) »."""
    query = request.GET.get("q", "").strip()[:100]
    results = [
        {"value": f"{epci.name} ({epci.code})", "label": f"{epci.name} ({epci.code})"}
        for epci in selectors.search_epcis(query)
    ]
    return JsonResponse({"query": query, "results": results})
