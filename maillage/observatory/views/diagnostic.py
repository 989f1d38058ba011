"""Diagnostic pages: perimeter, EPCI, bassin, département; the EPCI map; exports."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from maillage.territories.models import Epci

from .. import comments, policies, secrecy
from ..exports import DIAGNOSTIC, diagnostic_pdf, diagnostic_rows
from ..models import Level, Zone
from ..selectors import diagnostic as diag
from ..selectors import modules as other_modules
from .common import can_view, get_scope


@login_required
def home(request):
    return diagnostic(request, "perimetre")


@login_required
def diagnostic(request, kind, code=""):
    can_view(request)
    scope = get_scope(kind, code)
    data = diag.diagnostic(scope)
    context = {
        **data,
        "kind": kind,
        "code": code,
        "threshold": secrecy.threshold(),
        "other": other_modules.platform_figures(request.user, scope),
        "epcis": Epci.objects.filter(code__in=scope.epci_codes).order_by("name"),
        "perimeter_epcis": Epci.objects.filter(code__in=diag_scope_epcis()).order_by("name"),
        "bassins": Zone.objects.filter(level=Level.BASSIN, code__in=[w.code for w in data["bmo"]["weights"]]),
        "comments": comments.for_page(scope.key),
        "can_comment": policies.can_comment(request.user),
        "is_staff": policies.is_staff(request.user),
        "map_tile_url": getattr(settings, "MAP_TILE_URL", ""),
        "chart": chart_data(data["job_seekers"], scope),
    }
    return render(request, "observatory/diagnostic.html", context)


def diag_scope_epcis():
    from ..selectors.scope import perimeter_scope

    return perimeter_scope().epci_codes


def chart_data(seekers: dict, scope) -> dict:
    """Index base 100 in January 2020 per series (masked values stay out of the chart)."""
    names = {"scope": scope.label}
    names.update({f"{level}:{code}": label for level, code, label in diag.reference_territories(scope)})
    datasets = []
    for key, values in seekers["series"].items():
        base = values.get("2020-01")
        if not base:
            continue
        datasets.append(
            {
                "label": names.get(key, key),
                "data": [round(100 * values[p] / base, 1) if values.get(p) else None for p in seekers["periods"]],
            }
        )
    return {"labels": seekers["periods"], "datasets": datasets}


@login_required
def map_geojson(request, kind, code=""):
    can_view(request)
    scope = get_scope(kind, code)
    features = []
    for row in diag.epci_map(scope):
        outline = row.pop("outline")
        if outline:
            features.append({"type": "Feature", "geometry": outline, "properties": row})
    return JsonResponse({"type": "FeatureCollection", "features": features})


@login_required
def export(request, kind, fmt, code=""):
    can_view(request)
    scope = get_scope(kind, code)
    data = diag.diagnostic(scope)
    if fmt == "pdf":
        return diagnostic_pdf(scope, data, title=f"Diagnostic territorial – {scope.label}")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = diagnostic_rows(scope, data)
    return DIAGNOSTIC.response(fmt, rows, filename=f"diagnostic-{scope.key.replace(':', '-')}")


@login_required
@require_POST
def comment(request):
    from .common import require

    require(policies.can_comment(request.user))
    page = request.POST.get("page", "")[:60]
    try:
        comments.add(
            user=request.user, page=page, topic=request.POST.get("topic", "")[:60], text=request.POST.get("text", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/observatoire/") else "observatory:home")


@login_required
def choose(request):
    can_view(request)
    value = request.GET.get("territoire", "perimetre")
    kind, _, code = value.partition(":")
    if kind not in ("perimetre", "epci", "bassin", "dep"):
        kind, code = "perimetre", ""
    if kind == "perimetre":
        return redirect("observatory:home")
    return redirect("observatory:diagnostic", kind, code)
