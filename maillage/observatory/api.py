"""/api/v1/observatory/…: indicators, diagnostics and the local tension matrix, in JSON or CSV
(``?format=csv``), with statistical secrecy applied exactly as on screen.

- ``observatory/indicators?indicator=job_seekers&level=dep&code=27&period=2024`` (10,000 rows at most
  per page, ``limit`` / ``offset``);
- ``observatory/diagnostics/perimetre``, ``observatory/diagnostics/epci/<siren>``…;
- ``observatory/tension``.
"""

import csv
import io

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from maillage.kernel.exports import safe_cell

from . import policies, secrecy
from .exports import diagnostic_rows
from .models import Figure, Level
from .selectors import diagnostic as diag
from .selectors.scope import perimeter_scope, scope_for
from .selectors.tension import tension_matrix

MAX_LIMIT = 10_000


class CsvRenderer(BaseRenderer):
    """``{"columns": [...], "results": [{...}]}`` → CSV (« ; », UTF-8 with BOM, formula-safe)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, delimiter=";")
        if isinstance(data, dict) and "columns" in data:
            columns = data["columns"]
            writer.writerow(columns)
            for row in data.get("results", []):
                writer.writerow(
                    [safe_cell(secrecy.SECRET_LABEL if row.get(c, "") is None else row.get(c, "")) for c in columns]
                )
        elif isinstance(data, dict) and "detail" in data:
            writer.writerow(["erreur"])
            writer.writerow([data["detail"]])
        return buffer.getvalue().encode("utf-8")


class CanView(permissions.BasePermission):
    message = "Vous n'avez pas accès à l'observatoire."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and policies.can_use_api(request.user))


INDICATOR_COLUMNS = ["level", "code", "period", "indicator", "dim_kind", "dim_code", "value", "unit", "secret",
                     "lower_bound", "source", "vintage"]  # fmt: skip


def protect_rows(rows: list[dict]) -> list[dict]:
    """Primary secrecy on counts of people; secondary within a breakdown shown with its total."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault((row["level"], row["code"], row["period"], row["indicator"], row["dim_kind"]), []).append(row)
    totals = {
        (r["level"], r["code"], r["period"], r["indicator"]): r
        for r in rows
        if r["dim_kind"] == "" and r["dim_code"] == ""
    }
    for key, members in groups.items():
        if members[0]["unit"] not in secrecy.PEOPLE_UNITS:
            continue
        with_total = key[4] != "" and key[:4] in totals
        protected = secrecy.protect_series({r["dim_code"]: r["value"] for r in members}, with_total=with_total)
        for r in members:
            if r["dim_code"] in protected.masked:
                r["value"], r["secret"] = None, True
    return rows


class ObservatoryViewSet(viewsets.ViewSet):
    permission_classes = [CanView]
    renderer_classes = [JSONRenderer, CsvRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter("indicator", str, required=True, description="ex. job_seekers, bmo_projects"),
            OpenApiParameter("level", str, description="commune, epci, bassin, ze, dep, reg, fr"),
            OpenApiParameter("code", str, description="codes séparés par des virgules"),
            OpenApiParameter("period", str, description="AAAA ou AAAA-MM (préfixe accepté)"),
            OpenApiParameter("dim_kind", str),
            OpenApiParameter("dim_code", str),
            OpenApiParameter("limit", int),
            OpenApiParameter("offset", int),
        ],
        responses={200: dict},
    )
    @action(detail=False, methods=["get"], url_path="indicators")
    def indicators(self, request):
        params = request.query_params
        indicator = params.get("indicator", "")[:40]
        if not indicator:
            raise ValidationError({"indicator": "Indiquez un indicateur (ex. job_seekers)."})
        queryset = Figure.objects.filter(indicator=indicator).select_related("dataset")
        if params.get("level"):
            if params["level"] not in Level.values:
                raise ValidationError({"level": f"Niveau inconnu : {params['level']}."})
            queryset = queryset.filter(level=params["level"])
        if params.get("code"):
            queryset = queryset.filter(code__in=[c.strip() for c in params["code"].split(",")[:500]])
        if params.get("period"):
            queryset = queryset.filter(period__startswith=params["period"][:7])
        if "dim_kind" in params:
            queryset = queryset.filter(dim_kind=params["dim_kind"][:10])
        if params.get("dim_code"):
            queryset = queryset.filter(dim_code=params["dim_code"][:12])
        try:
            limit = min(MAX_LIMIT, max(1, int(params.get("limit", 1000))))
            offset = max(0, int(params.get("offset", 0)))
        except ValueError as exc:
            raise ValidationError({"limit": "limit et offset sont des entiers."}) from exc
        page = list(queryset.order_by("level", "code", "period", "dim_kind", "dim_code")[offset : offset + limit])
        rows = [
            {
                "level": f.level,
                "code": f.code,
                "period": f.period,
                "indicator": f.indicator,
                "dim_kind": f.dim_kind,
                "dim_code": f.dim_code,
                "value": f.value,
                "unit": f.unit,
                "secret": f.is_secret,
                "lower_bound": f.is_lower_bound,
                "source": f.dataset.source,
                "vintage": f.dataset.vintage,
            }  # fmt: skip
            for f in page
        ]
        return Response(
            {"columns": INDICATOR_COLUMNS, "count": len(rows), "offset": offset, "results": protect_rows(rows)}
        )

    @extend_schema(responses={200: dict})
    @action(detail=False, methods=["get"], url_path=r"diagnostics/(?P<kind>[a-z]+)(?:/(?P<code>[0-9A-Za-z]+))?")
    def diagnostics(self, request, kind=None, code=None):
        scope = scope_for(kind, code or "")
        if scope is None or not scope.commune_codes:
            raise NotFound("Territoire inconnu.")
        data = diag.diagnostic(scope)
        rows = diagnostic_rows(scope, data)
        columns = ["rubrique", "libelle", "territoire", "valeur", "unite", "precision"]
        results = [
            dict(zip(columns, [None if v == secrecy.SECRET_LABEL else v for v in row], strict=True)) for row in rows
        ]
        return Response({"scope": scope.label, "columns": columns, "results": results})

    @extend_schema(responses={200: dict})
    @action(detail=False, methods=["get"], url_path="tension")
    def tension(self, request):
        matrix = tension_matrix(perimeter_scope())
        columns = ["epci", "epci_name", "rome", "rome_label", "score", "offers", "candidates", "applications", "filled",
                   "closed_unfilled", "days_to_fill", "bmo_fap", "bmo_difficult_pct", "dares_class"]  # fmt: skip
        results = [{c: r[c] for c in columns} for r in matrix["rows"]]
        return Response({"columns": columns, "weights": matrix["weights"], "results": results})


def register(router) -> None:
    router.register("observatory", ObservatoryViewSet, basename="observatory")
