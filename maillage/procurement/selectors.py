"""Reads of the procurement module: the "clausable markets" radar and the prospects, all aggregated in SQL.

A :class:`RadarQuery` says which contracts are looked at (a territory scope plus optional buyer, CPV
division and year filters); each breakdown is one ``GROUP BY`` query that the covering index
``procurement_radar_idx`` answers without reading the wide contracts table.
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Avg, Count, Max, Q, QuerySet, Sum

from maillage.core.models import MdeSettings
from maillage.territories.models import Commune, Departement, Epci

from .cpv import division_label, market_kind
from .models import Buyer, Contract, RadarSettings

NATIONAL_TARGET = 30  # % of markets with a social consideration (national plan 2022–2025)


@dataclass(frozen=True)
class Scope:
    kind: str  # "perimetre", "epci", "departement", "france"
    label: str
    epcis: tuple[str, ...] = ()
    departement: str = ""


@dataclass(frozen=True)
class RadarQuery:
    scope: Scope
    buyer: str = ""
    division: str = ""
    year: int | None = None
    labour_divisions: tuple[str, ...] = field(default_factory=tuple)

    def with_scope(self, scope: Scope) -> "RadarQuery":
        return replace(self, scope=scope)


# -- scopes ------------------------------------------------------------------------------------------


def perimeter_scope(user_epcis: set[str] | None = None) -> Scope:
    """The default scope: the user's own EPCI if their memberships restrict them, else the MDE's perimeter
    (or, while no perimeter is set, the MDE's département, or France)."""
    if user_epcis:
        return Scope("perimetre", "Votre territoire", tuple(sorted(user_epcis)))
    mde = MdeSettings.objects.filter(pk=1).first()
    if mde is not None:
        codes = tuple(sorted(mde.perimeter.values_list("code", flat=True)))
        if codes:
            return Scope("perimetre", f"Périmètre de {mde.short_name or mde.name}", codes)
        if mde.departement_id:
            return departement_scope(mde.departement_id)
    return france_scope()


def france_scope() -> Scope:
    return Scope("france", "France entière")


def departement_scope(code: str) -> Scope:
    departement = Departement.objects.filter(code=code).first()
    label = str(departement) if departement else f"Département {code}"
    return Scope("departement", label, departement=code)


def epci_scope(code: str) -> Scope:
    epci = Epci.objects.filter(code=code).first()
    return Scope("epci", epci.name if epci else f"EPCI {code}", (code,))


def default_query(scope: Scope, **filters) -> RadarQuery:
    settings = RadarSettings.current()
    return RadarQuery(scope=scope, labour_divisions=tuple(settings.division_list), **filters)


# -- contracts -------------------------------------------------------------------------------------------


def contracts(query: RadarQuery) -> QuerySet[Contract]:
    queryset = Contract.objects.all()
    scope = query.scope
    if scope.epcis:
        queryset = queryset.filter(epci_id__in=scope.epcis)
    elif scope.departement:
        queryset = queryset.filter(departement_id=scope.departement)
    if query.buyer:
        queryset = queryset.filter(buyer_id=query.buyer)
    if query.division:
        queryset = queryset.filter(cpv_division=query.division)
    if query.year:
        queryset = queryset.filter(year=query.year)
    return queryset


# Annotation names must not clash with the model's fields (amount, reserved): ``_finish`` renames them.
AGGREGATES = {
    "count": Count("pk"),
    "amount_total": Sum("amount"),
    "known": Count("pk", filter=Q(has_social__isnull=False)),
    "social": Count("pk", filter=Q(has_social=True)),
    "clause": Count("pk", filter=Q(social_clause=True)),
    "criterion": Count("pk", filter=Q(social_criterion=True)),
    "reserved_count": Count("pk", filter=Q(reserved=True)),
    "social_amount_total": Sum("amount", filter=Q(has_social=True)),
}


def _finish(row: dict) -> dict:
    """Adds the share of contracts with a social consideration (among those where it is known)."""
    row["amount"] = row.pop("amount_total", None) or Decimal(0)
    row["social_amount"] = row.pop("social_amount_total", None) or Decimal(0)
    row["reserved"] = row.pop("reserved_count", 0) or 0
    known = row.get("known") or 0
    row["share"] = round(100 * row["social"] / known, 1) if known else None
    row["unknown"] = row["count"] - known
    row["without"] = known - row["social"]
    row["no_clause"] = row["count"] > 0 and row["social"] == 0
    return row


def summary(queryset: QuerySet[Contract]) -> dict:
    return _finish(queryset.aggregate(**AGGREGATES))


def by_epci(query: RadarQuery, queryset: QuerySet[Contract]) -> list[dict]:
    """One row per EPCI of the contracts (EPCI of the scope without any contract included, at zero)."""
    rows = {
        row["epci_id"]: _finish(row)
        for row in queryset.exclude(epci_id=None).values("epci_id").annotate(**AGGREGATES).order_by()
    }
    for code in query.scope.epcis:
        if code not in rows:
            rows[code] = _finish({"epci_id": code, **dict.fromkeys(AGGREGATES, 0)})
    names = dict(Epci.objects.filter(code__in=list(rows)).values_list("code", "name"))
    result = []
    for code, row in rows.items():
        row["code"] = code
        row["name"] = names.get(code, code)
        result.append(row)
    result.sort(key=lambda r: (-r["count"], r["name"]))
    return result


def by_buyer(queryset: QuerySet[Contract], limit: int = 25) -> list[dict]:
    rows = [
        _finish(row) for row in queryset.values("buyer_id").annotate(**AGGREGATES).order_by("-amount_total")[:limit]
    ]
    names = dict(Buyer.objects.filter(siret__in=[r["buyer_id"] for r in rows]).values_list("siret", "name"))
    for row in rows:
        row["siret"] = row["buyer_id"]
        row["name"] = names.get(row["buyer_id"]) or f"SIRET {row['buyer_id']}"
    return rows


def by_division(queryset: QuerySet[Contract], labour_divisions=()) -> list[dict]:
    rows = [_finish(row) for row in queryset.values("cpv_division").annotate(**AGGREGATES).order_by("cpv_division")]
    for row in rows:
        code = row["cpv_division"]
        row["code"] = code
        row["label"] = division_label(code)
        row["kind"] = market_kind(code)
        row["labour"] = code in labour_divisions
    return rows


def by_year(queryset: QuerySet[Contract]) -> list[dict]:
    return [_finish(row) for row in queryset.values("year").annotate(**AGGREGATES).order_by("year")]


def radar(query: RadarQuery, *, buyers_limit: int = 25) -> dict:
    """Everything the radar page and the API show for one query."""
    queryset = contracts(query)
    divisions = by_division(queryset, query.labour_divisions)
    epcis = by_epci(query, queryset)
    return {
        "query": query,
        "summary": summary(queryset),
        "by_epci": epcis,
        "epcis_without_clause": [row for row in epcis if row["social"] == 0],
        "by_buyer": by_buyer(queryset, buyers_limit),
        "by_division": divisions,
        "labour_intensive": [row for row in divisions if row["labour"]],
        "by_year": by_year(queryset),
        "national_target": NATIONAL_TARGET,
    }


# -- map ---------------------------------------------------------------------------------------------------


def share_class(share: float | None) -> str:
    """A colour class of the map legend."""
    if share is None:
        return "inconnu"
    if share == 0:
        return "aucune"
    if share < 10:
        return "faible"
    if share < NATIONAL_TARGET:
        return "moyenne"
    return "objectif"


def map_features(epci_rows: list[dict]) -> dict:
    """A GeoJSON FeatureCollection of the EPCI rows: outlines when loaded, else a point at the centre of
    their communes."""
    codes = [row["code"] for row in epci_rows]
    outlines = dict(Epci.objects.filter(code__in=codes).exclude(outline=None).values_list("code", "outline"))
    missing = [code for code in codes if code not in outlines]
    centres = {
        row["epci_id"]: (row["lat"], row["lon"])
        for row in Commune.objects.filter(epci_id__in=missing, latitude__isnull=False)
        .values("epci_id")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
        .order_by()
    }
    features = []
    for row in epci_rows:
        code = row["code"]
        geometry = outlines.get(code)
        if isinstance(geometry, dict) and geometry.get("type") == "Feature":
            geometry = geometry.get("geometry")
        if geometry is None and code in centres:
            lat, lon = centres[code]
            geometry = {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}
        if geometry is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "code": code,
                    "nom": row["name"],
                    "marches": row["count"],
                    "montant": float(row["amount"] or 0),
                    "avec_social": row["social"],
                    "part": row["share"],
                    "classe": share_class(row["share"]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


# -- prospects ---------------------------------------------------------------------------------------------


def prospect_buyers(queryset: QuerySet[Contract], limit: int = 200) -> list[dict]:
    """Buyers none of whose contracts has a known social consideration, by amount."""
    rows = [
        _finish(row)
        for row in queryset.values("buyer_id")
        .annotate(**AGGREGATES, last_notified=Max("notified_on"))
        .filter(social=0)
        .order_by("-amount_total", "buyer_id")[:limit]
    ]
    names = dict(Buyer.objects.filter(siret__in=[r["buyer_id"] for r in rows]).values_list("siret", "name"))
    for row in rows:
        row["siret"] = row["buyer_id"]
        row["name"] = names.get(row["buyer_id"]) or f"SIRET {row['buyer_id']}"
    return rows


def prospect_types(queryset: QuerySet[Contract], min_contracts: int = 2, limit: int = 300) -> list[dict]:
    """Recurring market types (buyer × CPV division with several contracts) with no social consideration."""
    rows = [
        _finish(row)
        for row in queryset.exclude(cpv_division="")
        .values("buyer_id", "cpv_division")
        .annotate(**AGGREGATES, last_notified=Max("notified_on"))
        .filter(social=0, count__gte=min_contracts)
        .order_by("-amount_total", "buyer_id", "cpv_division")[:limit]
    ]
    names = dict(Buyer.objects.filter(siret__in={r["buyer_id"] for r in rows}).values_list("siret", "name"))
    for row in rows:
        row["siret"] = row["buyer_id"]
        row["name"] = names.get(row["buyer_id"]) or f"SIRET {row['buyer_id']}"
        row["division_label"] = division_label(row["cpv_division"])
    return rows


def years_available() -> list[int]:
    """Years offered in the filters (a fixed range: a DISTINCT over millions of rows is not worth it)."""
    from django.utils import timezone

    return list(range(timezone.now().year, 2014, -1))
