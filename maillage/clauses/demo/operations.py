"""The demo's operations: one market each, split in lots sized with the presets, scheduled month by
month, held by companies (the demo company holds a few), with their clauses."""

from datetime import date
from decimal import Decimal

from maillage.common_text import elide

from ..models import (
    ClauseKind,
    CompanyRole,
    Lot,
    LotClause,
    LotCompany,
    LotStatus,
    Market,
    Operation,
    OperationStatus,
    ScheduleStep,
)
from ..services.sizing import add_months, compute_target_hours, linear_schedule, sizing_from_preset
from .data import LOT_TRADES, PROGRAMME_WEIGHTS, PROGRAMMES
from .setting import MARKER, OPERATIONS, Demo


def _operation_name(pattern: str, place: str, rng) -> str:
    """« Rénovation énergétique de la mairie du Vaudreuil », not « de Le Vaudreuil »."""
    return pattern.format(place=place, de_place=elide("de", place), n=rng.choice([24, 36, 48, 60, 80]))


def _status(begin: date, end: date, this_month: date, closed, running, planned):
    return closed if end < this_month else (running if begin <= this_month else planned)


def create_operations(demo: Demo):
    """The operations (with what their market and lots need: ``op.meta``) and who follows each."""
    rng, operations = demo.rng, []
    for index in range(OPERATIONS):
        division, cpv, pattern = rng.choices(PROGRAMMES, weights=PROGRAMME_WEIGHTS)[0]
        code, epci_code, place = rng.choices(demo.communes, weights=demo.weights)[0]
        begin = add_months(demo.start, rng.randint(0, 34))
        duration = rng.choice([6, 9, 12, 12, 18, 24]) if division == "45" else rng.choice([12, 24, 36])
        end = add_months(begin, duration)
        operation = Operation(
            name=_operation_name(pattern, place, rng) + f" ({begin.year})",
            buyer=rng.choice(demo.buyers),
            structure=demo.mde,
            commune_id=code,
            epci_id=epci_code,
            status=_status(
                begin,
                end,
                demo.this_month,
                OperationStatus.CLOSED,
                OperationStatus.EXECUTION,
                OperationStatus.CONSULTATION,
            ),
            start_on=begin,
            end_on=end,
            description=f"{MARKER} Opération fictive de démonstration n° {index + 1}.",
        )
        operation.meta = (division, cpv, begin, end, duration, code, epci_code)
        operations.append(operation)
    operations = Operation.objects.bulk_create(operations)  # the same objects, with their primary keys
    return operations, _follow(demo, operations)


def _follow(demo: Demo, operations: list[Operation]) -> list:
    """A facilitator covering the operation's EPCI follows it; the PLIE's own become the PLIE's."""
    follow = []
    for operation in operations:
        candidates = [u for u, (_, codes) in demo.facilitators.items() if operation.epci_id in codes] or list(
            demo.facilitators
        )
        if candidates:
            user = demo.rng.choice(candidates)
            follow.append(Operation.followers.through(operation_id=operation.pk, user_id=user.pk))
            if demo.facilitators[user][0] == demo.plie:
                operation.structure = demo.plie
    Operation.followers.through.objects.bulk_create(follow)
    Operation.objects.bulk_update([o for o in operations if o.structure_id == demo.plie.pk], ["structure"])
    return follow


def create_lots(demo: Demo, operations: list[Operation]) -> list[Lot]:
    rng, markets = demo.rng, []
    for operation in operations:
        division, cpv, begin, _end, duration, _code, _epci = operation.meta
        amount = (
            Decimal(rng.choice([300, 600, 900, 1500, 2500, 4000, 6000]) * 1000)
            if division == "45"
            else Decimal(rng.choice([80, 120, 200, 350, 600]) * 1000)
        )
        markets.append(
            Market(
                operation=operation,
                reference=f"{begin.year}-{operation.pk:04d}",
                object=operation.name,
                cpv_code=cpv,
                notified_on=begin,
                amount=amount,
                duration_months=duration,
            )
        )
    markets = Market.objects.bulk_create(markets)
    lots = []
    for market, operation in zip(markets, operations, strict=True):
        division, cpv = operation.meta[:2]
        trades = (
            rng.sample(LOT_TRADES[division], rng.randint(1, 3)) if division in LOT_TRADES else [("Lot unique", cpv)]
        )
        for number, (label, lot_cpv) in enumerate(trades, start=1):
            lots.append(_lot(demo, market, operation, number, label, lot_cpv, len(trades)))
    return Lot.objects.bulk_create(lots)


def _lot(demo: Demo, market: Market, operation: Operation, number: int, label: str, lot_cpv: str, count: int):
    division, _cpv, begin, end, duration, code, epci_code = operation.meta
    lot_amount = (market.amount / count).quantize(Decimal("1"))
    lot = Lot(
        market=market,
        number=number,
        label=label,
        cpv_code=lot_cpv,
        cpv_division=lot_cpv[:2],
        commune_id=code,
        epci_id=epci_code,
        amount=lot_amount,
        start_on=begin,
        end_on=end,
        duration_months=duration,
        status=_status(begin, end, demo.this_month, LotStatus.CLOSED, LotStatus.RUNNING, LotStatus.PLANNED),
        counting_rule=demo.buyer_rules.get(operation.buyer_id, demo.default_rule),
        penalty_per_hour=Decimal("40"),
    )
    division_presets = demo.presets.get(lot_cpv[:2]) or demo.presets.get(division) or []
    if division_presets:
        preset = next((p for p in division_presets if p.trade.split()[0] in label), division_presets[0])
        sizing = sizing_from_preset(preset, lot_amount)
        lot.target_hours = compute_target_hours(sizing)
        lot.sizing_method = sizing.method
        lot.labour_share, lot.insertion_rate = sizing.labour_share, sizing.insertion_rate
        lot.hourly_cost, lot.euros_per_hour = sizing.hourly_cost, sizing.euros_per_hour
    return lot


def _months(lot: Lot) -> list[date]:
    months, current = [], lot.start_on.replace(day=1)
    while current <= lot.end_on.replace(day=1) and current < add_months(lot.start_on, lot.duration_months):
        months.append(current)
        current = add_months(current, 1)
    return months


def plan_lots(demo: Demo, lots: list[Lot]) -> None:
    """Each lot's schedule, holder (and sometimes a co-contractor) and clauses; ``lot.holder_id`` is kept
    for the contracts. The demo company holds up to six lots (or subcontracts the first one)."""
    rng, steps, links, clauses = demo.rng, [], [], []
    company_lots = 0
    for lot in lots:
        steps += [
            ScheduleStep(lot=lot, month=m, cumulative_hours=h)
            for m, h in linear_schedule(lot.target_hours, _months(lot))
        ]
        holder_id = demo.demo_company if demo.demo_company and company_lots < 6 and rng.random() < 0.05 else None
        if holder_id:
            company_lots += 1
        holder = holder_id or rng.choice(demo.companies).pk
        links.append(LotCompany(lot=lot, company_id=holder, role=CompanyRole.HOLDER, start_on=lot.start_on))
        if rng.random() < 0.15:
            other = rng.choice(demo.companies).pk
            if other != holder:
                links.append(LotCompany(lot=lot, company_id=other, role=CompanyRole.CO_CONTRACTOR))
        clauses.append(LotClause(lot=lot, kind=ClauseKind.INSERTION))
        if rng.random() < 0.1:
            clauses.append(LotClause(lot=lot, kind=ClauseKind.AWARD, award_weight=Decimal(rng.choice([5, 10, 15]))))
        lot.holder_id = holder
    if demo.demo_company and company_lots == 0 and lots:
        links.append(LotCompany(lot=lots[0], company_id=demo.demo_company, role=CompanyRole.SUB_CONTRACTOR))
    ScheduleStep.objects.bulk_create(steps, batch_size=2000)
    LotCompany.objects.bulk_create(links, ignore_conflicts=True)
    LotClause.objects.bulk_create(clauses)
    # A reserved market (SIAE) for cleaning.
    cleaning = next((lot for lot in lots if lot.cpv_division == "90"), None)
    if cleaning:
        LotClause.objects.create(lot=cleaning, kind=ClauseKind.RESERVED, reserved_for="siae")
