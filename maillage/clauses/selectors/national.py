"""The national yearly consolidation (Alliance Villes Emploi): what the network counts, defined once.

Definitions (see docs/clauses.md, « Consolidation nationale »):

- lots and markets **in execution** in the year: started on or before 31 December and not ended before
  1 January (or with validated hours in the year), in the territory (the lot's EPCI) and of the buyers;
- **planned hours of the year**: the increase of the lots' cumulative schedule over the year's months (a
  multi-year lot's target is never repeated every year);
- **contractor companies**: holders and co-contractors of those lots (sub-contractors apart), and
  separately the **employing structures** (ETTI, AI, GEIQ, SIAE, EA) of contracts with hours in the year;
- **outcomes**: every outcome observed in the year for a path on a lot of the scope (or a person who
  worked there), whether or not the person has hours in the year;
- **new** participants and companies: first contract (first lot) starting in the year; others continue;
- amount bands use the EU thresholds valid on 31 December of the year (stored, dated data).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Min, Q, Sum

from maillage.accounts.models import SIAE_KINDS, Organisation, OrganisationKind

from ..dates import add_months
from ..models import (
    BuyerProfile,
    BuyerType,
    ClauseKind,
    CompanyRole,
    Contract,
    Coverage,
    Funder,
    FundingLine,
    LotClause,
    LotCompany,
    Market,
    OutcomeSituation,
    Participant,
    ScheduleStep,
    guess_buyer_type,
    market_kind,
)
from .bilans import BilanScope, amount_bands, outcomes_of_year, year_bounds

SIAE_KINDS_FOR_CLAUSES = set(SIAE_KINDS)
_DAY = timedelta(days=1)
DURATION_BANDS = ["Moins d'1 mois", "1 à moins de 3 mois", "3 à moins de 6 mois", "6 mois et plus", "Sans terme (CDI)"]


@dataclass
class National:
    year: int
    lots_in_execution: int = 0
    markets_in_execution: int = 0
    planned_hours: float = 0.0
    clauses: list = field(default_factory=list)
    markets_by_nature: list = field(default_factory=list)
    markets_by_amount: list = field(default_factory=list)
    thresholds: str = ""
    buyers_by_type: list = field(default_factory=list)
    contractor_companies: int = 0
    contractor_companies_new: int = 0
    employing_structures: list = field(default_factory=list)
    participants_new: int = 0
    participants_continuing: int = 0
    contract_durations: list = field(default_factory=list)
    residence_epci: list = field(default_factory=list)
    residence_qpv: int = 0
    outcomes: list = field(default_factory=list)
    facilitators: int = 0
    structures_by_type: list = field(default_factory=list)
    fte: float = 0.0
    funding: list = field(default_factory=list)


def lots_in_execution(scope: BilanScope):
    first, last = year_bounds(scope.year)
    with_hours = scope.statements().values("lot_id")
    running = Q(start_on__lte=last) & (Q(end_on__gte=first) | Q(end_on__isnull=True))
    return scope.lots().filter(running | Q(pk__in=with_hours))


def national(scope: BilanScope) -> National:
    year = scope.year or date.today().year
    first, last = year_bounds(year)
    result = National(year=year)
    lots = lots_in_execution(scope)
    lot_ids = list(lots.values_list("pk", flat=True))
    result.lots_in_execution = len(lot_ids)
    markets = Market.objects.filter(lots__in=lot_ids).distinct()
    result.markets_in_execution = markets.count()

    # Planned hours: the schedule's increase over the year (never the whole target every year).
    before = {}
    for lot_id, month, cumulative in ScheduleStep.objects.filter(lot_id__in=lot_ids, month__lte=last).values_list(
        "lot_id", "month", "cumulative_hours"
    ):
        start, end = before.setdefault(lot_id, [0.0, 0.0])
        if month < first:
            before[lot_id][0] = max(start, float(cumulative))
        before[lot_id][1] = max(end, float(cumulative))
    result.planned_hours = round(sum(max(0.0, end - start) for start, end in before.values()), 2)

    # Clause kinds (insertion clause, reserved market, social award criterion) of the lots in execution.
    kinds = dict(
        LotClause.objects.filter(lot_id__in=lot_ids)
        .values_list("kind")
        .order_by()
        .annotate(n=Count("lot", distinct=True))
    )
    result.clauses = [(label, kinds.get(value, 0)) for value, label in ClauseKind.choices]

    # Markets by nature (works, services, supplies) and by amount band (dated EU thresholds).
    natures: dict[str, int] = {}
    for cpv in markets.values_list("cpv_code", flat=True):
        nature = market_kind((cpv or "")[:2])
        natures[nature] = natures.get(nature, 0) + 1
    result.markets_by_nature = sorted(natures.items())
    bands, result.thresholds = amount_bands(year)
    amounts = list(markets.values_list("amount", flat=True))
    result.markets_by_amount = [
        (label, sum(1 for a in amounts if a is not None and a >= low and (high is None or a < high)))
        for low, high, label in bands
    ] + [("Montant non renseigné", sum(1 for a in amounts if a is None))]

    # Buyers by type (the stored profile, else a guess from the SIREN).
    buyers = Organisation.objects.filter(clause_operations__markets__lots__in=lot_ids).distinct()
    profiles = dict(BuyerProfile.objects.filter(buyer__in=buyers).values_list("buyer_id", "buyer_type"))
    by_type: dict[str, int] = {}
    for pk, siret in buyers.values_list("pk", "siret"):
        kind = profiles.get(pk) or guess_buyer_type(siret)
        by_type[kind] = by_type.get(kind, 0) + 1
    result.buyers_by_type = [(label, by_type.get(value, 0)) for value, label in BuyerType.choices]

    # Contractor companies (holders, co-contractors) apart from the employing structures.
    contractors = LotCompany.objects.filter(
        lot_id__in=lot_ids, role__in=[CompanyRole.HOLDER, CompanyRole.CO_CONTRACTOR]
    ).values("company_id")
    contractor_ids = set(contractors.values_list("company_id", flat=True))
    result.contractor_companies = len(contractor_ids)
    first_lot = dict(
        LotCompany.objects.filter(company_id__in=contractor_ids)
        .values_list("company_id")
        .order_by()
        .annotate(first=Min("lot__start_on"))
    )
    result.contractor_companies_new = sum(1 for pk in contractor_ids if first_lot.get(pk) and first_lot[pk] >= first)
    statements = scope.statements()
    contracts = Contract.objects.filter(pk__in=statements.values("contract_id"))
    employers = dict(
        Organisation.objects.filter(pk__in=contracts.values("employer_id"), kind__in=SIAE_KINDS_FOR_CLAUSES)
        .values_list("kind")
        .order_by()
        .annotate(n=Count("pk"))
    )
    result.employing_structures = [
        (label, employers.get(value, 0)) for value, label in OrganisationKind.choices if value in SIAE_KINDS_FOR_CLAUSES
    ]

    # Participants: new (first contract in the year) or continuing; residence; contract durations.
    people = Participant.objects.filter(pk__in=statements.values("participant_id"))
    first_contract = dict(
        Contract.objects.filter(participant__in=people)
        .values_list("participant_id")
        .order_by()
        .annotate(f=Min("start_on"))
    )
    result.participants_new = sum(1 for d in first_contract.values() if d >= first)
    result.participants_continuing = len(first_contract) - result.participants_new
    residence: dict[str, int] = {}
    for name in people.values_list("commune__epci__name", flat=True):
        key = name or "Résidence non renseignée"
        residence[key] = residence.get(key, 0) + 1
    result.residence_epci = sorted(residence.items(), key=lambda item: (-item[1], item[0]))
    result.residence_qpv = people.filter(eligibilities__criterion__code="qpv").distinct().count()
    durations = [0] * len(DURATION_BANDS)
    for start, end in contracts.values_list("start_on", "end_on"):
        if end is None:
            durations[4] += 1
        elif end < add_months(start, 1) - _DAY:
            durations[0] += 1
        elif end < add_months(start, 3) - _DAY:
            durations[1] += 1
        elif end < add_months(start, 6) - _DAY:
            durations[2] += 1
        else:
            durations[3] += 1
    result.contract_durations = list(zip(DURATION_BANDS, durations, strict=True))

    counts = dict(outcomes_of_year(scope).values_list("situation").order_by().annotate(n=Count("pk")))
    result.outcomes = [(label, counts.get(value, 0)) for value, label in OutcomeSituation.choices]

    # Facilitation: the coverages of the territory (the filter applies to facilitators too), without names.
    coverages = Coverage.objects.all()
    if scope.epci_codes is not None:
        coverages = coverages.filter(epcis__in=scope.epci_codes).distinct()
    if scope.buyer_ids is not None:
        coverages = coverages.filter(Q(buyers__in=scope.buyer_ids) | Q(buyers__isnull=True)).distinct()
    result.facilitators = coverages.values("facilitator").distinct().count()
    result.fte = round(float(coverages.aggregate(total=Sum("fte"))["total"] or 0), 2)
    structure_kinds = dict(
        Organisation.objects.filter(pk__in=coverages.values("structure"))
        .values_list("kind")
        .order_by()
        .annotate(n=Count("pk"))
    )
    result.structures_by_type = [
        (label, structure_kinds[value]) for value, label in OrganisationKind.choices if value in structure_kinds
    ]
    funding = dict(
        FundingLine.objects.filter(coverage__in=coverages, year=year)
        .values_list("funder")
        .order_by()
        .annotate(total=Sum("amount"))
    )
    total = float(sum(funding.values())) if funding else 0.0
    result.funding = [
        (label, float(funding.get(value, 0)), round(100 * float(funding.get(value, 0)) / total, 1) if total else 0.0)
        for value, label in Funder.choices
    ]
    return result
