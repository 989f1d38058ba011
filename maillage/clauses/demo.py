"""Social-clauses demo: three years of activity in the Eure (27) demo territory.

Hundreds of operations (markets and lots sized with the territory's presets), thousands of participants
with their eligibility, contracts and monthly hours (mostly validated, the last month waiting for
validation, a few rejected), outcomes 6 months after, and the facilitators' coverage (the MDE and the
PLIE overlap on the core EPCI; two EPCIs are left uncovered).

Deterministic (``random.Random(27)``, dates anchored on the current month) and idempotent (does nothing
when the demo operations exist). Rows are written with ``bulk_create``: the whole seed loads in seconds.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from maillage.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from maillage.people.parts import bulk_create_parts
from maillage.territories.models import Commune, Epci

from .dates import lasts_six_months
from .defaults import load_defaults
from .demo_data import (
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    LAST_NAMES,
    LOT_TRADES,
    MODALITY_WEIGHTS,
    PROGRAMME_WEIGHTS,
    PROGRAMMES,
)
from .demo_declarations import seed_company_grid
from .models import (
    BuyerProfile,
    BuyerType,
    ClauseKind,
    CompanyRole,
    Contract,
    CountingRule,
    Coverage,
    Eligibility,
    EligibilityCriterion,
    Funder,
    FundingLine,
    HoursStatement,
    Lot,
    LotClause,
    LotCompany,
    LotStatus,
    Market,
    Modality,
    Operation,
    OperationStatus,
    Outcome,
    OutcomeSituation,
    Participant,
    Qualification,
    ScheduleStep,
    SizingPreset,
    StatementStatus,
    identity_key,
)
from .models.catalogue import DEFAULT_MONTHLY_HOURS_MAX
from .services.sizing import add_months, compute_target_hours, linear_schedule, sizing_from_preset

MARKER = "[démo]"
MDE_NAME = "Maison de l'Emploi et de la Formation d'Évreux"
PLIE_NAME = "PLIE de l'agglomération d'Évreux"
CORE_EPCI = "200071454"
PERIMETER_EPCIS = [CORE_EPCI, "242700276", "242700607", "200066462", "200089456"]
FACILITATORS = {
    "facilitateur@demo.maillage.fr": (MDE_NAME, [CORE_EPCI, "242700276"]),
    "facilitatrice.plie@demo.maillage.fr": (PLIE_NAME, [CORE_EPCI, "200089456"]),
}
OPERATIONS = 420


def _say(stdout, message):
    if stdout:
        stdout.write(f"  Clauses sociales : {message}")


def seed(stdout=None) -> None:
    if Operation.objects.filter(description__startswith=MARKER).exists():
        _say(stdout, "déjà chargées.")
        return
    communes = list(
        Commune.objects.filter(epci_id__in=PERIMETER_EPCIS)
        .order_by("-population")
        .values_list("code", "epci_id", "name")
    )
    if not communes:
        _say(stdout, "territoire de démonstration absent (lancez load_reference), rien à faire.")
        return
    with transaction.atomic():
        counts = _seed(random.Random(27), communes)
        counts["grid"] = seed_company_grid()
    _say(
        stdout,
        f"{counts['operations']} opérations, {counts['lots']} lots, {counts['participants']} participants, "
        f"{counts['contracts']} contrats, {counts['statements']} relevés mensuels, "
        f"{counts['grid']} déclarations de l'entreprise de démonstration en une grille.",
    )


def _org(name: str, kind: str, commune_code: str | None = None) -> Organisation:
    organisation = Organisation.objects.filter(name=name).order_by("pk").first()
    if organisation is None:
        commune = Commune.objects.filter(code=commune_code).first() if commune_code else None
        organisation = Organisation.objects.create(name=name, kind=kind, commune=commune)
    return organisation


def _seed(rng: random.Random, communes: list[tuple[str, str, str]]) -> dict:
    load_defaults(EligibilityCriterion, SizingPreset, CountingRule)
    this_month = timezone.localdate().replace(day=1)
    start = date(this_month.year - 2, 1, 1)
    last_month = add_months(this_month, -1)
    weights = [max(1, 60 - i) for i in range(len(communes))]

    mde = _org(MDE_NAME, OrganisationKind.MDE, "27229")
    plie = _org(PLIE_NAME, OrganisationKind.PLIE, "27229")
    # The same list on every run (the draws depend on its length): base-demo buyers, then the demo's own.
    buyers = list(
        Organisation.objects.filter(kind=OrganisationKind.BUYER).exclude(name__startswith="Commune de ").order_by("pk")
    )
    buyers.append(_org("CA Évreux Portes de Normandie", OrganisationKind.LOCAL_AUTHORITY, "27229"))
    for code, _, name in communes[5:17]:
        buyers.append(_org(f"Commune de {name}", OrganisationKind.BUYER, code))
    companies = list(Organisation.objects.filter(kind=OrganisationKind.COMPANY).order_by("pk")[:120])
    if not companies:
        companies = [_org(f"Entreprise de démonstration {i}", OrganisationKind.COMPANY) for i in range(30)]
    demo_company = (
        Membership.objects.filter(user__email="entreprise@demo.maillage.fr", role=Role.COMPANY_MEMBER)
        .values_list("organisation_id", flat=True)
        .first()
    )
    siae = {
        kind: _org(name, kind, "27229")
        for kind, name in [
            (OrganisationKind.SIAE_ETTI, "Intérim Solidaire Normandie (ETTI, fictive)"),
            (OrganisationKind.SIAE_AI, "Coup de Main Services (AI, fictive)"),
            (OrganisationKind.GEIQ, "GEIQ BTP Eure (fictif)"),
            (OrganisationKind.SIAE_EI, "Tremplin Bâtiment 27 (EI, fictive)"),
            (OrganisationKind.SIAE_ACI, "Jardins de l'Iton (ACI, fictif)"),
        ]
    }
    prescribers = list(
        Organisation.objects.filter(
            kind__in=[
                OrganisationKind.FRANCE_TRAVAIL,
                OrganisationKind.MISSION_LOCALE,
                OrganisationKind.CAP_EMPLOI,
                OrganisationKind.PLIE,
            ]
        ).order_by("pk")
    ) or [plie]

    facilitators = {}
    for email, (structure_name, epci_codes) in FACILITATORS.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        structure = mde if structure_name == MDE_NAME else plie
        coverage, _ = Coverage.objects.get_or_create(
            facilitator=user,
            structure=structure,
            defaults={
                "fte": Decimal("1") if structure == mde else Decimal("0.5"),
                "funding": "État, CA Évreux Portes de Normandie" if structure == mde else "FSE+, Département",
            },
        )
        coverage.epcis.set(Epci.objects.filter(code__in=epci_codes))
        # Structured funding of the post, per funder and year (the national file's shares).
        for year in range(date.today().year - 2, date.today().year + 1):
            lines = (
                [(Funder.STATE, 24000), (Funder.EPCI, 18000), (Funder.FSE, 8000)]
                if structure == mde
                else [(Funder.FSE, 15000), (Funder.DEPARTMENT, 9000)]
            )
            for funder, amount in lines:
                FundingLine.objects.get_or_create(
                    coverage=coverage, year=year, funder=funder, defaults={"amount": Decimal(amount)}
                )
        coverage.buyers.set([b for b in buyers if b.commune_id and b.commune_id.startswith("27")][:3])
        facilitators[user] = (structure, set(epci_codes))
    # A buyer-specific counting rule (the social landlord counts lasting contracts with a 20 % bonus).
    landlord = next((b for b in buyers if "Habitat" in b.name), None)
    if landlord:
        BuyerProfile.objects.get_or_create(buyer=landlord, defaults={"buyer_type": BuyerType.SOCIAL_LANDLORD})
    if landlord and not CountingRule.objects.filter(buyer=landlord).exists():
        CountingRule.objects.create(
            name="Règle du bailleur social",
            buyer=landlord,
            lasting_bonus_percent=Decimal("20"),
            training_monthly_cap=Decimal("70"),
        )
    default_rule = CountingRule.objects.filter(epci__isnull=True, buyer__isnull=True).order_by("pk").first()
    buyer_rules = {r.buyer_id: r for r in CountingRule.objects.filter(buyer__isnull=False, epci__isnull=True)}
    presets: dict[str, list[SizingPreset]] = {}
    for preset in SizingPreset.objects.filter(epci__isnull=True).order_by("trade"):
        presets.setdefault(preset.cpv_division, []).append(preset)

    # Operations, markets, lots.
    operations, op_meta = [], []
    for index in range(OPERATIONS):
        division, cpv, pattern = rng.choices(PROGRAMMES, weights=PROGRAMME_WEIGHTS)[0]
        code, epci_code, place = rng.choices(communes, weights=weights)[0]
        begin = add_months(start, rng.randint(0, 34))
        duration = rng.choice([6, 9, 12, 12, 18, 24]) if division == "45" else rng.choice([12, 24, 36])
        end = add_months(begin, duration)
        status = (
            OperationStatus.CLOSED
            if end < this_month
            else (OperationStatus.EXECUTION if begin <= this_month else OperationStatus.CONSULTATION)
        )
        operations.append(
            Operation(
                name=pattern.format(place=place, n=rng.choice([24, 36, 48, 60, 80])) + f" ({begin.year})",
                buyer=rng.choice(buyers),
                structure=mde,
                commune_id=code,
                epci_id=epci_code,
                status=status,
                start_on=begin,
                end_on=end,
                description=f"{MARKER} Opération fictive de démonstration n° {index + 1}.",
            )
        )
        op_meta.append((division, cpv, begin, end, duration, code, epci_code))
    operations = Operation.objects.bulk_create(operations)
    follow = []
    for operation in operations:
        candidates = [u for u, (_, codes) in facilitators.items() if operation.epci_id in codes] or list(facilitators)
        if candidates:
            user = rng.choice(candidates)
            follow.append(Operation.followers.through(operation_id=operation.pk, user_id=user.pk))
            if facilitators[user][0] == plie:
                operation.structure = plie
    Operation.followers.through.objects.bulk_create(follow)
    Operation.objects.bulk_update([o for o in operations if o.structure_id == plie.pk], ["structure"])

    markets, lots = [], []
    for operation, (division, cpv, begin, _end, duration, _code, _epci) in zip(operations, op_meta, strict=True):
        amount = (
            Decimal(rng.choice([300, 600, 900, 1500, 2500, 4000, 6000]) * 1000)
            if division == "45"
            else Decimal(rng.choice([80, 120, 200, 350, 600]) * 1000)
        )
        market = Market(
            operation=operation,
            reference=f"{begin.year}-{operation.pk:04d}",
            object=operation.name,
            cpv_code=cpv,
            notified_on=begin,
            amount=amount,
            duration_months=duration,
        )
        markets.append(market)
    markets = Market.objects.bulk_create(markets)
    for market, operation, (division, cpv, begin, end, duration, code, epci_code) in zip(
        markets, operations, op_meta, strict=True
    ):
        trades = (
            rng.sample(LOT_TRADES[division], rng.randint(1, 3)) if division in LOT_TRADES else [("Lot unique", cpv)]
        )
        for number, (label, lot_cpv) in enumerate(trades, start=1):
            lot_amount = (market.amount / len(trades)).quantize(Decimal("1"))
            lot_status = (
                LotStatus.CLOSED
                if end < this_month
                else (LotStatus.RUNNING if begin <= this_month else LotStatus.PLANNED)
            )
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
                status=lot_status,
                counting_rule=buyer_rules.get(operation.buyer_id, default_rule),
                penalty_per_hour=Decimal("40"),
            )
            division_presets = presets.get(lot_cpv[:2]) or presets.get(division) or []
            if division_presets:
                preset = next((p for p in division_presets if p.trade.split()[0] in label), division_presets[0])
                sizing = sizing_from_preset(preset, lot_amount)
                lot.target_hours = compute_target_hours(sizing)
                lot.sizing_method = sizing.method
                lot.labour_share, lot.insertion_rate = sizing.labour_share, sizing.insertion_rate
                lot.hourly_cost, lot.euros_per_hour = sizing.hourly_cost, sizing.euros_per_hour
            lots.append(lot)
    lots = Lot.objects.bulk_create(lots)
    steps, links, clauses = [], [], []
    company_lots = 0
    for lot in lots:
        months = []
        current = lot.start_on.replace(day=1)
        while current <= lot.end_on.replace(day=1) and current < add_months(lot.start_on, lot.duration_months):
            months.append(current)
            current = add_months(current, 1)
        steps += [
            ScheduleStep(lot=lot, month=m, cumulative_hours=h) for m, h in linear_schedule(lot.target_hours, months)
        ]
        holder_id = demo_company if demo_company and company_lots < 6 and rng.random() < 0.05 else None
        if holder_id:
            company_lots += 1
        holder = holder_id or rng.choice(companies).pk
        links.append(LotCompany(lot=lot, company_id=holder, role=CompanyRole.HOLDER, start_on=lot.start_on))
        if rng.random() < 0.15:
            other = rng.choice(companies).pk
            if other != holder:
                links.append(LotCompany(lot=lot, company_id=other, role=CompanyRole.CO_CONTRACTOR))
        clauses.append(LotClause(lot=lot, kind=ClauseKind.INSERTION))
        if rng.random() < 0.1:
            clauses.append(LotClause(lot=lot, kind=ClauseKind.AWARD, award_weight=Decimal(rng.choice([5, 10, 15]))))
        lot.holder_id = holder
    if demo_company and company_lots == 0 and lots:
        links.append(LotCompany(lot=lots[0], company_id=demo_company, role=CompanyRole.SUB_CONTRACTOR))
    ScheduleStep.objects.bulk_create(steps, batch_size=2000)
    LotCompany.objects.bulk_create(links, ignore_conflicts=True)
    LotClause.objects.bulk_create(clauses)
    # A reserved market (SIAE) for cleaning.
    cleaning = next((lot for lot in lots if lot.cpv_division == "90"), None)
    if cleaning:
        LotClause.objects.create(lot=cleaning, kind=ClauseKind.RESERVED, reserved_for="siae")

    # Participants.
    follower_of = {f.operation_id: f.user_id for f in follow}
    people, keys = [], set()
    while len(people) < 2600:
        sex = rng.choice("FFMMM")
        first = rng.choice(FIRST_NAMES_F if sex == "F" else FIRST_NAMES_M)
        last = rng.choice(LAST_NAMES)
        birth = date(rng.randint(this_month.year - 62, this_month.year - 18), rng.randint(1, 12), rng.randint(1, 28))
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
                commune_id=rng.choices(communes, weights=weights)[0][0],
                qualification=rng.choices(Qualification.values, weights=[30, 35, 20, 5, 10])[0],
                prescriber=rng.choice(prescribers),
                structure=rng.choice([mde, plie]),
            )
        )
    people = bulk_create_parts(Participant, people, batch_size=1000)
    criteria = list(EligibilityCriterion.objects.filter(is_active=True).order_by("order"))
    criteria_weights = [28, 22, 5, 3, 6, 20, 8, 4, 10, 4][: len(criteria)]

    # Contracts and monthly statements, lot by lot, until the lot's target is (more or less) reached.
    contracts, statement_specs, first_contract, last_contract = [], [], {}, {}
    month_hours: dict[tuple[int, date], Decimal] = {}
    pool = list(people)
    rng.shuffle(pool)
    cursor = 0
    modalities, modality_weights = zip(*MODALITY_WEIGHTS, strict=True)
    for lot in lots:
        if lot.status == LotStatus.PLANNED or not lot.target_hours:
            continue
        achievement = rng.choice([0.6, 0.85, 0.95, 1.0, 1.05, 1.15])
        if lot.status == LotStatus.RUNNING:
            elapsed = max(1, (this_month.year - lot.start_on.year) * 12 + this_month.month - lot.start_on.month)
            achievement *= min(1.0, elapsed / max(1, lot.duration_months))
        remaining = float(lot.target_hours) * achievement
        lot_end = min(lot.end_on, last_month)
        while remaining > 0:
            person = pool[cursor % len(pool)]
            cursor += 1
            modality = rng.choices(modalities, weights=modality_weights)[0]
            # Contracts start within the months already elapsed on the lot.
            elapsed = (lot_end.year - lot.start_on.year) * 12 + lot_end.month - lot.start_on.month
            if elapsed < 0:
                break
            begin = add_months(
                lot.start_on.replace(day=1), rng.randint(0, max(0, min(elapsed, lot.duration_months - 1)))
            )
            length = rng.randint(1, 6)
            end = min(add_months(begin, length) - timedelta(days=1), lot.end_on)
            employer = {
                Modality.ETTI: siae[OrganisationKind.SIAE_ETTI],
                Modality.AI: siae[OrganisationKind.SIAE_AI],
                Modality.GEIQ: siae[OrganisationKind.GEIQ],
                Modality.SIAE_SUBCONTRACTING: siae[
                    OrganisationKind.SIAE_EI if lot.cpv_division == "45" else OrganisationKind.SIAE_ACI
                ],
                Modality.SIAE_COCONTRACTING: siae[OrganisationKind.SIAE_EI],
            }.get(modality)
            contract = Contract(
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
            contracts.append(contract)
            first_contract.setdefault(person.pk, begin)
            last_contract[person.pk] = max(last_contract.get(person.pk, begin), begin)
            month = begin
            while month <= end and month <= lot_end and remaining > 0:
                hours = Decimal(rng.choice([24, 35, 52, 70, 80, 104, 121, 151]))
                if modality == Modality.TRAINING:
                    hours = Decimal(rng.choice([35, 70, 105]))
                # The plausible monthly maximum holds across a person's lots and contracts.
                used = month_hours.get((person.pk, month), Decimal("0"))
                hours = min(hours, DEFAULT_MONTHLY_HOURS_MAX - used)
                if hours <= 0:
                    month = add_months(month, 1)
                    continue
                month_hours[(person.pk, month)] = used + hours
                statement_specs.append((contract, month, hours, modality))
                remaining -= float(hours)
                month = add_months(month, 1)
    contracts = Contract.objects.bulk_create(contracts, batch_size=2000)
    eligibilities = []
    for person in people:
        if person.pk not in first_contract:
            continue
        validated = first_contract[person.pk] - timedelta(days=rng.randint(5, 40))
        chosen = {rng.choices(criteria, weights=criteria_weights)[0]}
        if rng.random() < 0.3:
            chosen.add(rng.choices(criteria, weights=criteria_weights)[0])
        # Eligibility is checked on every contract: a path longer than the validity was re-validated.
        last_start = last_contract[person.pk]
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
                    validated_by_id=next(iter(facilitators)).pk if facilitators else None,
                )
            )
    # A few people on a path now whose eligibility expires within two months (the dashboard's alert).
    running = sorted({c.participant_id for c in contracts if c.end_on and c.end_on >= this_month})
    expiring = set(rng.sample(running, min(12, len(running))))
    for eligibility in eligibilities:
        if eligibility.participant_id in expiring:
            eligibility.validated_on = eligibility.proof_on = add_months(this_month, -23) - timedelta(
                days=rng.randint(0, 25)
            )
            eligibility.valid_until = add_months(eligibility.validated_on, eligibility.criterion.validity_months)
    Eligibility.objects.bulk_create(eligibilities, batch_size=2000)
    now = timezone.now()
    statements = []
    for contract, month, hours, modality in statement_specs:
        status = StatementStatus.VALIDATED
        reason = ""
        if month == last_month and rng.random() < 0.6:
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
    HoursStatement.objects.bulk_create(statements, batch_size=5000)
    # Outcomes 6 months after the end of the path, for most people.
    outcome_limit = add_months(this_month, -6)
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
            situation=rng.choices(OutcomeSituation.values, weights=[26, 6, 22, 3, 6, 12, 15, 10])[0],
        )
        for pid, end in sorted(last_end.items())
        if rng.random() < 0.7
    ]
    Outcome.objects.bulk_create(outcomes)
    # Closed lots are closed through the service: figures and the counting rule's version are frozen.
    from .services.closing import close_lot

    closer = next(iter(facilitators), None)
    for lot in Lot.objects.filter(status=LotStatus.CLOSED, closings__isnull=True).select_related("counting_rule"):
        Lot.objects.filter(pk=lot.pk).update(status=LotStatus.RUNNING)
        lot.status = LotStatus.RUNNING
        close_lot(closer, lot)
    return {
        "operations": len(operations),
        "lots": len(lots),
        "participants": len(people),
        "contracts": len(contracts),
        "statements": len(statements),
    }
