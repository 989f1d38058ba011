"""The demo's people: participants, their contracts and monthly hours lot by lot, their eligibility,
the statements (the last month waiting for validation), outcomes six months after, and the closings."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from maillage.accounts.models import OrganisationKind
from maillage.people.parts import bulk_create_parts

from ..dates import lasts_six_months
from ..models import (
    Contract,
    Eligibility,
    EligibilityCriterion,
    HoursStatement,
    Lot,
    LotStatus,
    Modality,
    Outcome,
    OutcomeSituation,
    Participant,
    Qualification,
    StatementStatus,
    identity_key,
)
from ..models.catalogue import DEFAULT_MONTHLY_HOURS_MAX
from ..services.closing import close_lot
from ..services.sizing import add_months
from .data import FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, MODALITY_WEIGHTS
from .setting import Demo

PARTICIPANTS = 2600


@dataclass
class Work:
    """The contracts drawn lot by lot and the monthly hours to declare on them."""

    contracts: list[Contract] = field(default_factory=list)
    statements: list[tuple] = field(default_factory=list)  # (contract, month, hours, modality)
    first_contract: dict[int, date] = field(default_factory=dict)
    last_contract: dict[int, date] = field(default_factory=dict)
    month_hours: dict[tuple[int, date], Decimal] = field(default_factory=dict)
    cursor: int = 0


def create_participants(demo: Demo) -> list[Participant]:
    rng, people, keys = demo.rng, [], set()
    year = demo.this_month.year
    while len(people) < PARTICIPANTS:
        sex = rng.choice("FFMMM")
        first = rng.choice(FIRST_NAMES_F if sex == "F" else FIRST_NAMES_M)
        last = rng.choice(LAST_NAMES)
        birth = date(rng.randint(year - 62, year - 18), rng.randint(1, 12), rng.randint(1, 28))
        key = identity_key(last, first, birth)
        if key in keys:
            continue
        keys.add(key)
        people.append(
            Participant(
                last_name=last,
                first_name=first,
                birth_date=birth,
                sex=sex,
                commune_id=rng.choices(demo.communes, weights=demo.weights)[0][0],
                qualification=rng.choices(Qualification.values, weights=[30, 35, 20, 5, 10])[0],
                prescriber=rng.choice(demo.prescribers),
                structure=rng.choice([demo.mde, demo.plie]),
            )
        )
    return bulk_create_parts(Participant, people, batch_size=1000)


def create_contracts(demo: Demo, lots: list[Lot], people: list[Participant]) -> Work:
    """Contracts and monthly hours, lot by lot, until the lot's target is (more or less) reached."""
    work = Work()
    pool = list(people)
    demo.rng.shuffle(pool)
    for lot in lots:
        if lot.status == LotStatus.PLANNED or not lot.target_hours:
            continue
        _staff_lot(demo, work, lot, pool)
    work.contracts = Contract.objects.bulk_create(work.contracts, batch_size=2000)
    return work


def _staff_lot(demo: Demo, work: Work, lot: Lot, pool: list[Participant]) -> None:
    rng, this_month = demo.rng, demo.this_month
    modalities, modality_weights = zip(*MODALITY_WEIGHTS, strict=True)
    achievement = rng.choice([0.6, 0.85, 0.95, 1.0, 1.05, 1.15])
    if lot.status == LotStatus.RUNNING:
        elapsed = max(1, (this_month.year - lot.start_on.year) * 12 + this_month.month - lot.start_on.month)
        achievement *= min(1.0, elapsed / max(1, lot.duration_months))
    remaining = float(lot.target_hours) * achievement
    lot_end = min(lot.end_on, demo.last_month)
    while remaining > 0:
        person = pool[work.cursor % len(pool)]
        work.cursor += 1
        modality = rng.choices(modalities, weights=modality_weights)[0]
        # Contracts start within the months already elapsed on the lot.
        elapsed = (lot_end.year - lot.start_on.year) * 12 + lot_end.month - lot.start_on.month
        if elapsed < 0:
            break
        begin = add_months(lot.start_on.replace(day=1), rng.randint(0, max(0, min(elapsed, lot.duration_months - 1))))
        end = min(add_months(begin, rng.randint(1, 6)) - timedelta(days=1), lot.end_on)
        contract = _contract(demo, lot, person, modality, begin, end)
        work.contracts.append(contract)
        work.first_contract.setdefault(person.pk, begin)
        work.last_contract[person.pk] = max(work.last_contract.get(person.pk, begin), begin)
        remaining = _declare_hours(demo, work, contract, lot_end, remaining)


def _contract(demo: Demo, lot: Lot, person, modality, begin: date, end: date) -> Contract:
    """SIAE and GEIQ modalities are employed by the structure for the lot's holder, others by the holder."""
    siae = demo.siae
    employer = {
        Modality.ETTI: siae[OrganisationKind.SIAE_ETTI],
        Modality.AI: siae[OrganisationKind.SIAE_AI],
        Modality.GEIQ: siae[OrganisationKind.GEIQ],
        Modality.SIAE_SUBCONTRACTING: siae[
            OrganisationKind.SIAE_EI if lot.cpv_division == "45" else OrganisationKind.SIAE_ACI
        ],
        Modality.SIAE_COCONTRACTING: siae[OrganisationKind.SIAE_EI],
    }.get(modality)
    return Contract(
        participant=person,
        lot=lot,
        employer_id=employer.pk if employer else lot.holder_id,
        for_company_id=lot.holder_id if employer else None,
        modality=modality,
        start_on=begin,
        end_on=end,
        is_lasting=modality == Modality.CDI or (modality == Modality.CDD and lasts_six_months(begin, end)),
        job_title="",
    )


def _declare_hours(demo: Demo, work: Work, contract: Contract, lot_end: date, remaining: float) -> float:
    """The contract's monthly hours (the plausible monthly maximum holds across a person's contracts)."""
    rng, month = demo.rng, contract.start_on
    person_id = contract.participant.pk
    while month <= contract.end_on and month <= lot_end and remaining > 0:
        hours = Decimal(rng.choice([24, 35, 52, 70, 80, 104, 121, 151]))
        if contract.modality == Modality.TRAINING:
            hours = Decimal(rng.choice([35, 70, 105]))
        used = work.month_hours.get((person_id, month), Decimal("0"))
        hours = min(hours, DEFAULT_MONTHLY_HOURS_MAX - used)
        if hours <= 0:
            month = add_months(month, 1)
            continue
        work.month_hours[(person_id, month)] = used + hours
        work.statements.append((contract, month, hours, contract.modality))
        remaining -= float(hours)
        month = add_months(month, 1)
    return remaining


def create_eligibilities(demo: Demo, people: list[Participant], work: Work) -> None:
    rng = demo.rng
    criteria = list(EligibilityCriterion.objects.filter(is_active=True).order_by("order"))
    weights = [28, 22, 5, 3, 6, 20, 8, 4, 10, 4][: len(criteria)]
    validator = next(iter(demo.facilitators)).pk if demo.facilitators else None
    eligibilities = []
    for person in people:
        if person.pk not in work.first_contract:
            continue
        validated = work.first_contract[person.pk] - timedelta(days=rng.randint(5, 40))
        chosen = {rng.choices(criteria, weights=weights)[0]}
        if rng.random() < 0.3:
            chosen.add(rng.choices(criteria, weights=weights)[0])
        # Eligibility is checked on every contract: a path longer than the validity was re-validated.
        last_start = work.last_contract[person.pk]
        if any(last_start > add_months(validated, c.validity_months) for c in chosen):
            validated = last_start - timedelta(days=rng.randint(5, 40))
        # Only criteria the person's age allows (« moins de 26 ans », « 50 ans et plus »).
        chosen = {c for c in chosen if not c.age_problem(person.birth_date, validated)} or {criteria[0]}
        for criterion in chosen:
            eligibilities.append(
                Eligibility(
                    participant=person,
                    criterion=criterion,
                    proof_kind=criterion.proof_hint,
                    proof_on=validated,
                    validated_on=validated,
                    valid_until=add_months(validated, criterion.validity_months),
                    prescriber=person.prescriber if criterion.needs_prescriber_opinion else None,
                    validated_by_id=validator,
                )
            )
    _expire_soon(demo, eligibilities, work.contracts)
    Eligibility.objects.bulk_create(eligibilities, batch_size=2000)


def _expire_soon(demo: Demo, eligibilities: list[Eligibility], contracts: list[Contract]) -> None:
    """A few people on a path now whose eligibility expires within two months (the dashboard's alert)."""
    rng, this_month = demo.rng, demo.this_month
    running = sorted({c.participant_id for c in contracts if c.end_on and c.end_on >= this_month})
    expiring = set(rng.sample(running, min(12, len(running))))
    for eligibility in eligibilities:
        if eligibility.participant_id in expiring:
            eligibility.validated_on = eligibility.proof_on = add_months(this_month, -23) - timedelta(
                days=rng.randint(0, 25)
            )
            eligibility.valid_until = add_months(eligibility.validated_on, eligibility.criterion.validity_months)


def create_statements(demo: Demo, work: Work, follower_of: dict[int, int]) -> list[HoursStatement]:
    """Mostly validated by the operation's follower; the last month mostly waits; a few are rejected."""
    rng, now, statements = demo.rng, timezone.now(), []
    for contract, month, hours, modality in work.statements:
        status, reason = StatementStatus.VALIDATED, ""
        if month == demo.last_month and rng.random() < 0.6:
            status = StatementStatus.SUBMITTED
        elif rng.random() < 0.01:
            status, reason = StatementStatus.REJECTED, "Bulletin de salaire manquant"
        validator = follower_of.get(contract.lot.market.operation_id) if status != StatementStatus.SUBMITTED else None
        statements.append(
            HoursStatement(
                contract=contract,
                lot_id=contract.lot_id,
                participant_id=contract.participant_id,
                month=month,
                hours=hours,
                status=status,
                rejection_reason=reason,
                amount=(hours * Decimal("30") / Decimal("0.6")).quantize(Decimal("1"))
                if modality == Modality.SIAE_SUBCONTRACTING
                else None,
                validated_by_id=validator,
                validated_at=now if validator else None,
            )
        )
    return HoursStatement.objects.bulk_create(statements, batch_size=5000)


def create_outcomes(demo: Demo, contracts: list[Contract]) -> None:
    """Outcomes 6 months after the end of the path, for most people."""
    outcome_limit = add_months(demo.this_month, -6)
    last_end: dict[int, date] = {}
    for contract in contracts:
        if contract.end_on and contract.end_on < outcome_limit:
            last_end[contract.participant_id] = max(
                last_end.get(contract.participant_id, contract.end_on), contract.end_on
            )
    outcomes = [
        Outcome(
            participant_id=pid,
            path_end_on=end,
            observed_on=add_months(end, 6),
            situation=demo.rng.choices(OutcomeSituation.values, weights=[26, 6, 22, 3, 6, 12, 15, 10])[0],
        )
        for pid, end in sorted(last_end.items())
        if demo.rng.random() < 0.7
    ]
    Outcome.objects.bulk_create(outcomes)


def close_finished_lots(demo: Demo) -> None:
    """Closed lots are closed through the service: figures and the counting rule's version are frozen."""
    closer = next(iter(demo.facilitators), None)
    for lot in Lot.objects.filter(status=LotStatus.CLOSED, closings__isnull=True).select_related("counting_rule"):
        Lot.objects.filter(pk=lot.pk).update(status=LotStatus.RUNNING)
        lot.status = LotStatus.RUNNING
        close_lot(closer, lot)
