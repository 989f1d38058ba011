"""Reads of the procurement module: the "clausable markets" radar and the prospects, all aggregated in SQL.

A :class:`RadarQuery` says which contracts are looked at (a territory scope plus optional buyer, CPV
division and year filters); each breakdown is one ``GROUP BY`` query that the covering index
``procurement_radar_idx`` answers without reading the wide contracts table.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Case, Count, Max, Q, QuerySet, Sum, TextField, Value, When
from django.db.models.functions import Cast

from maillage.common_text import elide
from maillage.kernel import mde as mde_settings
from maillage.kernel.shared_cache import Generation, fingerprint
from maillage.territories.models import Commune, Departement, Epci
from maillage.territories.selectors import epci_outlines

from .cpv import division_label, market_kind
from .models import Buyer, BuyerCell, Contract, RadarCell, RadarSettings

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


# -- scopes ------------------------------------------------------------------------------------------


def perimeter_scope(user_epcis: set[str] | None = None) -> Scope:
    """The default scope: the user's own EPCI if their memberships restrict them, else the MDE's perimeter
    (or, while no perimeter is set, the MDE's département, or France)."""
    if user_epcis:
        return Scope("perimetre", "Votre territoire", tuple(sorted(user_epcis)))
    mde = mde_settings.settings()
    if mde is not None:
        codes = tuple(sorted(mde_settings.perimeter_codes()))
        if codes:
            return Scope("perimetre", f"Périmètre {elide('de', mde.short_name or mde.name)}", codes)
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


# -- contracts and pre-aggregated cells ----------------------------------------------------------------


def _within(queryset: QuerySet, query: RadarQuery, *, epci: str, departement: str) -> QuerySet:
    """The rows of the query's territory (its EPCIs, else its département), CPV division and year."""
    scope = query.scope
    if scope.epcis:
        queryset = queryset.filter(**{f"{epci}__in": scope.epcis})
    elif scope.departement:
        queryset = queryset.filter(**{departement: scope.departement})
    if query.division:
        queryset = queryset.filter(cpv_division=query.division)
    if query.year:
        queryset = queryset.filter(year=query.year)
    return queryset


def contracts(query: RadarQuery) -> QuerySet[Contract]:
    queryset = _within(Contract.objects.all(), query, epci="epci_id", departement="departement_id")
    return queryset.filter(buyer_id=query.buyer) if query.buyer else queryset


def won_by(queryset: QuerySet[Contract], holder_id: str) -> QuerySet[Contract]:
    """Contracts whose holders include ``holder_id`` (searched in the holders' JSON text, portable)."""
    # Compact JSON from the import; PostgreSQL's jsonb (and the ORM) print a space after the colon.
    return queryset.annotate(holders_text=Cast("holders", TextField())).filter(
        Q(holders_text__contains=f'"id":"{holder_id}"') | Q(holders_text__contains=f'"id": "{holder_id}"')
    )


def cells(query: RadarQuery) -> QuerySet[RadarCell]:
    """The radar cells of the query (no buyer filter: cells are not split by buyer)."""
    return _within(RadarCell.objects.all(), query, epci="epci_code", departement="departement_code")


# Annotation names must not clash with the models' fields: ``_finish`` renames them.
AGGREGATES = {
    "agg_count": Count("*"),
    "agg_amount": Sum("amount"),
    "agg_known": Count("has_social"),  # counts the non-null values
    "agg_social": Count(Case(When(has_social=True, then=Value(1)))),
    "agg_clause": Count(Case(When(social_clause=True, then=Value(1)))),
    "agg_criterion": Count(Case(When(social_criterion=True, then=Value(1)))),
    "agg_reserved": Count(Case(When(reserved=True, then=Value(1)))),
    "agg_social_amount": Sum(Case(When(has_social=True, then="amount"))),
}
CELL_AGGREGATES = {
    "agg_count": Sum("contracts"),
    "agg_amount": Sum("amount"),
    "agg_known": Sum("known"),
    "agg_social": Sum("social"),
    "agg_clause": Sum("clause"),
    "agg_criterion": Sum("criterion"),
    "agg_reserved": Sum("reserved"),
    "agg_social_amount": Sum("social_amount"),
}
_MEASURES = ("count", "amount", "known", "social", "clause", "criterion", "reserved", "social_amount")


@dataclass(frozen=True)
class Source:
    """Where a breakdown is computed: the contracts themselves, or the pre-aggregated cells."""

    queryset: QuerySet
    aggregates: dict
    epci: str
    division: str = "cpv_division"
    year: str = "year"


def source(query: RadarQuery) -> Source:
    if query.buyer:
        return Source(contracts(query), AGGREGATES, "epci_id")
    return Source(cells(query), CELL_AGGREGATES, "epci_code")


def _finish(row: dict) -> dict:
    """Renames the measures and adds the share of contracts with a social consideration (among those
    where it is known: the 2019 format does not tell)."""
    for name in _MEASURES:
        row[name] = row.pop(f"agg_{name}", None) or 0
    row["amount"] = Decimal(row["amount"] or 0)
    row["social_amount"] = Decimal(row["social_amount"] or 0)
    known = row["known"]
    row["share"] = round(100 * row["social"] / known, 1) if known else None
    row["unknown"] = row["count"] - known
    row["without"] = known - row["social"]
    row["no_clause"] = row["count"] > 0 and row["social"] == 0
    return row


def summary(src: Source | QuerySet) -> dict:
    if not isinstance(src, Source):
        src = Source(src, AGGREGATES, "epci_id")
    return _finish(src.queryset.aggregate(**src.aggregates))


def by_epci(query: RadarQuery, src: Source | None = None) -> list[dict]:
    """One row per EPCI of the contracts (EPCI of the scope without any contract included, at zero)."""
    src = src or source(query)
    rows = {}
    for row in src.queryset.values(src.epci).annotate(**src.aggregates).order_by():
        code = row.pop(src.epci)
        if code:
            rows[code] = _finish(row)
    for code in query.scope.epcis:
        if code not in rows:
            rows[code] = _finish({})
    names = dict(Epci.objects.filter(code__in=list(rows)).values_list("code", "name"))
    result = []
    for code, row in rows.items():
        row["code"] = code
        row["name"] = names.get(code, code)
        result.append(row)
    result.sort(key=lambda r: (-r["count"], r["name"]))
    return result


def _buyer_rows(queryset, aggregates, field: str, limit: int) -> list[dict]:
    rows = []
    for row in queryset.values(field).annotate(**aggregates).order_by("-agg_amount", field)[:limit]:
        siret = row.pop(field)
        row = _finish(row)
        row["siret"] = siret
        rows.append(row)
    names = dict(Buyer.objects.filter(siret__in=[r["siret"] for r in rows]).values_list("siret", "name"))
    for row in rows:
        row["name"] = names.get(row["siret"]) or f"SIRET {row['siret']}"
    return rows


def by_buyer(query: RadarQuery, limit: int = 25) -> list[dict]:
    """The buyers with the largest amounts: France-wide from the buyer cells, else from the contracts."""
    scope = query.scope
    if not (scope.epcis or scope.departement or query.buyer or query.division):
        queryset = BuyerCell.objects.all()
        if query.year:
            queryset = queryset.filter(year=query.year)
        return _buyer_rows(queryset, CELL_AGGREGATES, "buyer_siret", limit)
    return _buyer_rows(contracts(query), AGGREGATES, "buyer_id", limit)


def by_division(src: Source, labour_divisions=()) -> list[dict]:
    rows = []
    for row in src.queryset.values(src.division).annotate(**src.aggregates).order_by(src.division):
        code = row.pop(src.division)
        row = _finish(row)
        row["code"] = code
        row["label"] = division_label(code)
        row["kind"] = market_kind(code)
        row["labour"] = code in labour_divisions
        rows.append(row)
    return rows


def by_year(src: Source) -> list[dict]:
    rows = []
    for row in src.queryset.values(src.year).annotate(**src.aggregates).order_by(src.year):
        year = row.pop(src.year)
        row = _finish(row)
        row["year"] = year
        rows.append(row)
    return rows


RADAR_DATA = Generation("procurement:radar")  # bumped by every DECP import (services.rebuild_radar_cells)
RADAR_SECONDS = 15 * 60


def radar(query: RadarQuery, *, buyers_limit: int = 25) -> dict:
    """Everything the radar page and the API show for one query: public data, the same for every reader,
    shared in the cache until the next import."""
    key = fingerprint(query, buyers_limit)
    return RADAR_DATA.cached("radar", key, lambda: _radar(query, buyers_limit), RADAR_SECONDS)


def _radar(query: RadarQuery, buyers_limit: int) -> dict:
    src = source(query)
    divisions = by_division(src, query.labour_divisions)
    epcis = by_epci(query, src)
    return {
        "query": query,
        "summary": summary(src),
        "by_epci": epcis,
        "epcis_without_clause": [row for row in epcis if row["social"] == 0],
        "by_buyer": by_buyer(query, buyers_limit),
        "by_division": divisions,
        "labour_intensive": [row for row in divisions if row["labour"]],
        "by_year": by_year(src),
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
    outlines = epci_outlines(codes)
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
        .filter(agg_social=0)
        .order_by("-agg_amount", "buyer_id")[:limit]
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
        .filter(agg_social=0, agg_count__gte=min_contracts)
        .order_by("-agg_amount", "buyer_id", "cpv_division")[:limit]
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
