"""Bilans (operation, yearly per buyer and territory) and the national consolidation, computed in SQL.

Every screen, export and API answer calls :func:`bilan`, so their totals reconcile by construction.
Hours are the *counted* hours (counting rules applied, see ``counting.py``) of validated statements;
a statement belongs to the year of its month and to the territory of its lot.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Substr

from maillage.accounts.policies import require
from maillage.territories.models import Epci

from .. import policies
from ..dates import years_before
from ..models import (
    FTE_HOURS,
    MODALITY_GROUPS,
    Contract,
    Eligibility,
    EuThreshold,
    HoursStatement,
    Lot,
    Market,
    Modality,
    Outcome,
    OutcomeSituation,
    Participant,
    Qualification,
    Sex,
    StatementStatus,
    market_kind,
)
from .counting import counted_hours, effective_lot

AGE_BANDS = ["Moins de 26 ans", "26 à 49 ans", "50 ans et plus"]


@dataclass(frozen=True)
class BilanScope:
    year: int | None = None
    epci_codes: frozenset[str] | None = None  # None: the whole perimeter
    buyer_ids: frozenset[int] | None = None  # None: every buyer
    operation_id: int | None = None
    lot_ids: frozenset[int] | None = None

    def statements(self) -> QuerySet[HoursStatement]:
        """Validated statements of the year whose hours count for a lot of the scope (globalised hours count
        for the credited lot: one definition everywhere, see ``counting.globalised``)."""
        queryset = HoursStatement.objects.filter(status=StatementStatus.VALIDATED)
        if self.year:
            queryset = queryset.filter(month__gte=date(self.year, 1, 1), month__lt=date(self.year + 1, 1, 1))
        filters = {}
        if self.epci_codes is not None:
            filters["epci_id__in"] = self.epci_codes
        if self.buyer_ids is not None:
            filters["market__operation__buyer_id__in"] = self.buyer_ids
        if self.operation_id is not None:
            filters["market__operation_id"] = self.operation_id
        if self.lot_ids is not None:
            filters["pk__in"] = self.lot_ids
        if filters:
            lots = Lot.objects.filter(**filters).values("pk")
            queryset = queryset.annotate(counts_for=effective_lot()).filter(counts_for__in=lots)
        return queryset

    def lots(self) -> QuerySet[Lot]:
        queryset = Lot.objects.all()
        if self.epci_codes is not None:
            queryset = queryset.filter(epci_id__in=self.epci_codes)
        if self.buyer_ids is not None:
            queryset = queryset.filter(market__operation__buyer_id__in=self.buyer_ids)
        if self.operation_id is not None:
            queryset = queryset.filter(market__operation_id=self.operation_id)
        if self.lot_ids is not None:
            queryset = queryset.filter(pk__in=self.lot_ids)
        return queryset

    def reference_date(self) -> date:
        return date(self.year, 12, 31) if self.year else date.today()


@dataclass
class Bilan:
    scope: BilanScope
    hours: float = 0.0
    raw_hours: float = 0.0
    fte: float = 0.0
    participants: int = 0
    contracts: int = 0
    companies: int = 0
    buyers: int = 0
    operations: int = 0
    lots: int = 0
    markets: int = 0
    target_hours: float = 0.0
    by_month: list = field(default_factory=list)
    by_modality: list = field(default_factory=list)
    by_modality_group: list = field(default_factory=list)
    contracts_by_modality: list = field(default_factory=list)
    by_buyer: list = field(default_factory=list)
    by_epci: list = field(default_factory=list)
    by_division: list = field(default_factory=list)
    by_kind: list = field(default_factory=list)
    by_lot: list = field(default_factory=list)
    by_sex: list = field(default_factory=list)
    by_age: list = field(default_factory=list)
    by_qualification: list = field(default_factory=list)
    by_public: list = field(default_factory=list)
    markets_by_amount: list = field(default_factory=list)
    markets_by_division: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)

    def as_dict(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "scope"}
        data["year"] = self.scope.year
        return data


def _r(value) -> float:
    return round(float(value or 0), 2)


def _labelled(counts: dict, choices) -> list[tuple[str, float]]:
    return [(label, counts.get(value, 0)) for value, label in choices]


def bilan(scope: BilanScope, *, with_people: bool = True, with_months: bool = True) -> Bilan:
    statements = scope.statements()
    result = Bilan(scope=scope)

    # 1. Hours by lot and modality: one grouped query (the counting rules evaluated once per statement),
    #    rolled up by lot attributes below.
    per_lot = list(
        statements.annotate(counts_for=effective_lot())
        .values("counts_for", "contract__modality")
        .order_by()
        .annotate(counted=Sum(counted_hours()), raw=Sum("hours"))
    )
    for row in per_lot:
        row["lot_id"] = row.pop("counts_for")
    lot_ids = {row["lot_id"] for row in per_lot}
    lots = {
        lot["pk"]: lot
        for lot in scope.lots()
        .values(
            "pk",
            "number",
            "label",
            "target_hours",
            "cpv_division",
            "epci_id",
            "epci__name",
            "market_id",
            "market__operation_id",
            "market__operation__name",
            "market__operation__buyer_id",
            "market__operation__buyer__name",
        )
        .order_by()
        .iterator(chunk_size=5000)
        if lot["pk"] in lot_ids
    }
    by_modality: dict[str, float] = {}
    by_lot: dict[int, float] = {}
    by_buyer: dict[tuple, float] = {}
    by_epci: dict[tuple, float] = {}
    by_division: dict[str, float] = {}
    by_kind: dict[str, float] = {}
    for row in per_lot:
        lot = lots[row["lot_id"]]
        counted = float(row["counted"] or 0)
        result.hours += counted
        result.raw_hours += float(row["raw"] or 0)
        by_modality[row["contract__modality"]] = by_modality.get(row["contract__modality"], 0) + counted
        by_lot[lot["pk"]] = by_lot.get(lot["pk"], 0) + counted
        key = (lot["market__operation__buyer_id"], lot["market__operation__buyer__name"])
        by_buyer[key] = by_buyer.get(key, 0) + counted
        key = (lot["epci_id"], lot["epci__name"] or "Lieu non renseigné")
        by_epci[key] = by_epci.get(key, 0) + counted
        division = lot["cpv_division"] or "–"
        by_division[division] = by_division.get(division, 0) + counted
        kind = market_kind(lot["cpv_division"])
        by_kind[kind] = by_kind.get(kind, 0) + counted
    result.hours = _r(result.hours)
    result.raw_hours = _r(result.raw_hours)
    result.fte = _r(result.hours / float(FTE_HOURS))
    result.lots = len(lot_ids)
    result.operations = len({lot["market__operation_id"] for lot in lots.values()})
    result.markets = len({lot["market_id"] for lot in lots.values()})
    result.buyers = len({lot["market__operation__buyer_id"] for lot in lots.values()})
    result.target_hours = _r(sum(float(lot["target_hours"] or 0) for lot in lots.values()))
    result.by_modality = [(label, _r(by_modality.get(value, 0))) for value, label in Modality.choices]
    result.by_modality_group = [
        (group, _r(sum(by_modality.get(m, 0) for m in members))) for group, members in MODALITY_GROUPS.items()
    ]
    result.by_lot = sorted(
        (
            {
                "lot_id": pk,
                "operation": lots[pk]["market__operation__name"],
                "lot": f"Lot {lots[pk]['number']} – {lots[pk]['label']}",
                "target": _r(lots[pk]["target_hours"]),
                "hours": _r(hours),
            }
            for pk, hours in by_lot.items()
        ),
        key=lambda row: (row["operation"], row["lot"]),
    )
    result.by_buyer = sorted(((name, _r(h)) for (_, name), h in by_buyer.items()), key=lambda x: -x[1])
    result.by_epci = sorted(((name, _r(h)) for (_, name), h in by_epci.items()), key=lambda x: -x[1])
    result.by_division = sorted((d, _r(h)) for d, h in by_division.items())
    result.by_kind = sorted((k, _r(h)) for k, h in by_kind.items())

    # 2. Hours by month (chart; the national consolidation does not need it).
    if with_months:
        result.by_month = [
            (row["month"], _r(row["counted"]))
            for row in statements.values("month").order_by("month").annotate(counted=Sum(counted_hours()))
        ]

    # 3. Contracts and companies (employers) with hours in the scope.
    contracts_in_scope = Contract.objects.filter(pk__in=statements.values("contract_id"))
    counts = contracts_in_scope.aggregate(
        companies=Count("employer_id", distinct=True),
        **{f"m_{value}": Count("pk", filter=Q(modality=value)) for value in Modality.values},
    )
    contracts = {value: counts[f"m_{value}"] for value in Modality.values}
    result.contracts = sum(contracts.values())
    result.contracts_by_modality = _labelled(contracts, Modality.choices)
    result.companies = counts["companies"]

    # 4. Markets by amount band and CPV division.
    markets = Market.objects.filter(pk__in={lot["market_id"] for lot in lots.values()})
    bands, _ = amount_bands(scope.year or date.today().year)
    band_filters = {}
    for index, (low, high, _) in enumerate(bands):
        condition = Q(amount__gte=low) & (Q(amount__lt=high) if high is not None else Q())
        band_filters[f"b{index}"] = Count("pk", filter=condition)
    band_counts = markets.aggregate(unknown=Count("pk", filter=Q(amount__isnull=True)), **band_filters)
    result.markets_by_amount = [(label, band_counts[f"b{index}"]) for index, (_, _, label) in enumerate(bands)] + [
        ("Montant non renseigné", band_counts["unknown"])
    ]
    result.markets_by_division = [
        (division or "–", n)
        for division, n in markets.annotate(division=Substr("cpv_code", 1, 2))
        .values_list("division")
        .order_by("division")
        .annotate(n=Count("pk"))
    ]

    if with_people:
        _people(result, statements, scope)
    return result


def _people(result: Bilan, statements: QuerySet[HoursStatement], scope: BilanScope) -> None:
    """Participants by sex, age band and qualification in one grouped query; publics and outcomes."""
    people = Participant.objects.filter(pk__in=statements.values("participant_id"))
    ref = scope.reference_date()
    under_26 = years_before(ref, 26)
    over_50 = years_before(ref, 50)
    age_band = Case(
        When(person__birth_date__gt=under_26, then=Value(0)),
        When(person__birth_date__gt=over_50, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    by_sex: dict[str, int] = {}
    by_qualification: dict[str, int] = {}
    by_age = [0, 0, 0]
    for sex, qualification, band, n in (
        people.annotate(band=age_band).values_list("sex", "qualification", "band").order_by().annotate(n=Count("pk"))
    ):
        by_sex[sex] = by_sex.get(sex, 0) + n
        by_qualification[qualification] = by_qualification.get(qualification, 0) + n
        by_age[band] += n
    result.by_sex = _labelled(by_sex, Sex.choices)
    result.participants = sum(by_sex.values())
    result.by_qualification = _labelled(by_qualification, Qualification.choices)
    result.by_age = list(zip(AGE_BANDS, by_age, strict=True))
    publics = (
        Eligibility.objects.filter(participant_id__in=statements.values("participant_id"))
        .values_list("criterion__label")
        .order_by("criterion__order")
        .annotate(n=Count("participant_id", distinct=True))
    )
    result.by_public = [(label, n) for label, n in publics]
    # Every outcome observed in the year for the scope, not only those of people with hours that year.
    counts = dict(outcomes_of_year(scope).values_list("situation").order_by().annotate(n=Count("pk")))
    result.outcomes = _labelled(counts, OutcomeSituation.choices)


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def outcomes_of_year(scope: BilanScope):
    """Every outcome observed in the year for the scope (not only the people with hours that year)."""
    queryset = Outcome.objects.all()
    if scope.year:
        first, last = year_bounds(scope.year)
        queryset = queryset.filter(observed_on__gte=first, observed_on__lte=last)
    if scope.epci_codes is None and scope.buyer_ids is None and scope.operation_id is None and scope.lot_ids is None:
        return queryset
    lots = scope.lots().values("pk")
    return queryset.filter(Q(lot__in=lots) | Q(lot__isnull=True, participant__contracts__lot__in=lots)).distinct()


def amount_bands(year: int) -> tuple[list[tuple], str]:
    """Bands of market amounts around the EU thresholds valid at the end of the year."""
    reference = date(year, 12, 31)
    threshold = (
        EuThreshold.objects.filter(valid_from__lte=reference).order_by("-valid_from").first()
        or EuThreshold.objects.order_by("valid_from").first()
    )
    if threshold is None:
        return [(0, None, "Tous montants")], "aucun seuil enregistré"
    low, high = int(threshold.supplies_services), int(threshold.works)
    k_low, k_high = f"{low // 1000} k€", f"{high // 1000:,} k€".replace(",", " ")
    bands = [
        (0, 90_000, "Moins de 90 k€"),
        (90_000, low, f"De 90 k€ au seuil européen ({k_low})"),
        (low, 1_000_000, f"De {k_low} à 1 M€"),
        (1_000_000, high, f"De 1 M€ au seuil des travaux ({k_high})"),
        (high, None, f"{k_high} et plus"),
    ]
    label = f"seuils {threshold.valid_from:%Y}–{threshold.valid_until:%Y} : {k_low} et {k_high}"
    return bands, label


def available_years() -> list[int]:
    years = sorted({d.year for d in HoursStatement.objects.dates("month", "year")}, reverse=True)
    return years or [date.today().year]


def territory_choices() -> list[tuple[str, str]]:
    codes = Lot.objects.exclude(epci__isnull=True).values("epci_id").distinct()
    return list(Epci.objects.filter(code__in=codes).order_by("name").values_list("code", "name"))


def bilan_scope(user, params) -> BilanScope:
    """The bilan's scope from query parameters, narrowed to what the user may see (shared with the API)."""
    require(policies.can_view_aggregates(user), "Les bilans sont réservés aux partenaires habilités.")
    years = available_years()
    try:
        year = int(params.get("annee") or years[0])
    except ValueError:
        year = years[0]
    if not 1990 <= year <= 2100:  # an absurd year is the default one, not a 500 (issue #9)
        year = years[0]
    epci = params.get("epci") or ""
    buyer = str(params.get("acheteur") or "")
    buyer_scope = policies.aggregate_buyer_scope(user)
    buyer_ids = frozenset({int(buyer)}) if buyer.isdigit() else None
    if buyer_scope is not None:
        buyer_ids = frozenset(buyer_scope & set(buyer_ids)) if buyer_ids is not None else frozenset(buyer_scope)
    return BilanScope(year=year, epci_codes=frozenset({epci}) if epci else None, buyer_ids=buyer_ids)
