"""Coordination of facilitators: who covers which EPCI and buyer, overlaps, territories and market types
with no clause."""

from datetime import date

from django.db.models import Count, Q

from maillage.kernel.mde import perimeter_codes
from maillage.territories.models import Epci
from maillage.territories.selectors import epci_outlines

from ..models import Coverage, Lot, Operation, market_kind

MARKET_KINDS = ["travaux", "services", "fournitures"]


def perimeter_epcis():
    codes = perimeter_codes()
    codes |= set(Lot.objects.exclude(epci__isnull=True).values_list("epci_id", flat=True).distinct())
    codes |= set(Coverage.objects.values_list("epcis__code", flat=True).exclude(epcis__code__isnull=True))
    return Epci.objects.filter(code__in=codes).order_by("name")


def coverage_table(since: date | None = None) -> list[dict]:
    """One row per EPCI: facilitators and structures covering it, clause lots by market kind, gaps."""
    since = since or date(date.today().year - 1, 1, 1)
    coverages = Coverage.objects.select_related("facilitator", "structure").prefetch_related("epcis")
    by_epci: dict[str, list[Coverage]] = {}
    for coverage in coverages:
        for epci in coverage.epcis.all():
            by_epci.setdefault(epci.code, []).append(coverage)
    clause_lots = (
        Lot.objects.filter(clauses__isnull=False)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=since))
        .values("epci_id", "cpv_division")
        .order_by()
        .annotate(n=Count("pk", distinct=True))
    )
    kinds_by_epci: dict[str, dict[str, int]] = {}
    for row in clause_lots:
        kinds = kinds_by_epci.setdefault(row["epci_id"], {})
        kind = market_kind(row["cpv_division"])
        kinds[kind] = kinds.get(kind, 0) + row["n"]
    rows = []
    for epci in perimeter_epcis():
        covering = by_epci.get(epci.code, [])
        structures = sorted({c.structure.name for c in covering})
        kinds = kinds_by_epci.get(epci.code, {})
        rows.append(
            {
                "epci": epci,
                "facilitators": sorted({str(c.facilitator) for c in covering}),
                "structures": structures,
                "overlap": len(structures) > 1,
                "uncovered": not covering,
                "lots_by_kind": [(kind, kinds.get(kind, 0)) for kind in MARKET_KINDS],
                "missing_kinds": [kind for kind in MARKET_KINDS if not kinds.get(kind)],
                "clause_lots": sum(kinds.values()),
            }
        )
    return rows


def followers_table() -> list[dict]:
    """Who follows which operations (running ones), per facilitator."""
    rows = (
        Operation.followers.through.objects.filter(
            operation__status__in=["execution", "consultation", "dimensionnement"]
        )
        .values("user_id", "user__first_name", "user__last_name", "user__email")
        .order_by("user__last_name")
        .annotate(operations=Count("operation_id"))
    )
    return list(rows)


def geojson(rows: list[dict]) -> dict:
    features = []
    outlines = epci_outlines(row["epci"].code for row in rows)
    for row in rows:
        geometry = outlines.get(row["epci"].code)
        if not geometry:
            continue
        status = "non couvert" if row["uncovered"] else ("chevauchement" if row["overlap"] else "couvert")
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "code": row["epci"].code,
                    "name": row["epci"].name,
                    "status": status,
                    "structures": ", ".join(row["structures"]) or "aucune",
                    "clause_lots": row["clause_lots"],
                    "missing": ", ".join(row["missing_kinds"]) or "aucun",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
