"""Social clauses at scale: build 1,000 operations, 3,000 lots, 10,000 participants and 500,000 monthly
statements, then time the yearly territory bilan, the national consolidation export and the
facilitator dashboard (all SQL aggregations). Target: each under 2 s.

    python bench/clauses.py                          # SQLite in /tmp/maillage-bench-clauses
    python bench/clauses.py --keep                   # reuse the data set of a previous run
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_clauses python bench/clauses.py

The database must be a dedicated one: the script migrates it and replaces its clause data.
"""

import os
import random
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MAILLAGE_VAR_DIR", "/tmp/maillage-bench-clauses")

if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    import psycopg

    url = os.environ["DATABASE_URL"]
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from maillage.accounts.models import Membership, Organisation, OrganisationKind, Role, User  # noqa: E402
from maillage.accounts.policies import clauses as policy  # noqa: E402
from maillage.clauses import models as m  # noqa: E402
from maillage.clauses import selectors  # noqa: E402
from maillage.clauses.exports import consolidation_workbook  # noqa: E402
from maillage.clauses.services.sizing import linear_schedule, schedule_months  # noqa: E402
from maillage.territories.models import Commune, Departement, Epci, Region  # noqa: E402

OPERATIONS, LOTS, PARTICIPANTS, STATEMENTS = 1_000, 3_000, 10_000, 500_000
YEARS = (2023, 2024, 2025)
BATCH = 5_000


def months_between(start: date, end: date) -> list[date]:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def reset() -> None:
    for model in (
        m.HoursStatement,
        m.Outcome,
        m.Contract,
        m.Eligibility,
        m.Participant,
        m.ScheduleStep,
        m.LotClause,
        m.LotCompany,
        m.Lot,
        m.Market,
        m.Operation,
        m.Coverage,
    ):
        model.objects.all().delete()
    Organisation.objects.filter(name__startswith="Bench ").delete()
    User.objects.filter(email="bench.facilitateur@exemple.fr").delete()


def build(rng: random.Random) -> User:
    region, _ = Region.objects.get_or_create(code="B9", defaults={"name": "Région de test"})
    departement, _ = Departement.objects.get_or_create(code="B9", defaults={"name": "Banc", "region": region})
    epcis = [
        Epci.objects.get_or_create(
            code=f"B0000{i:04d}", defaults={"name": f"Bench EPCI {i}", "search_name": f"bench {i}"}
        )[0]
        for i in range(20)
    ]
    communes = [
        Commune.objects.get_or_create(
            code=f"B{i:04d}",
            defaults={
                "name": f"Bench commune {i}",
                "search_name": f"bench {i}",
                "departement": departement,
                "epci": epcis[i % 20],
            },
        )[0]
        for i in range(200)
    ]
    mde = Organisation.objects.create(name="Bench MDE", kind=OrganisationKind.MDE)
    user = User.objects.create_user("bench.facilitateur@exemple.fr", "x")
    Membership.objects.create(user=user, organisation=mde, role=Role.FACILITATOR)
    buyers = Organisation.objects.bulk_create(
        Organisation(name=f"Bench acheteur {i}", kind=OrganisationKind.BUYER, siret=f"2{i:013d}") for i in range(150)
    )
    companies = Organisation.objects.bulk_create(
        Organisation(name=f"Bench entreprise {i}", kind=OrganisationKind.COMPANY, siret=f"4{i:013d}")
        for i in range(800)
    )
    rule = m.CountingRule.objects.filter(epci__isnull=True, buyer__isnull=True).first()
    rule.lasting_bonus_percent = Decimal("10")
    rule.save()
    cpvs = ["45262500", "45442100", "45223000", "90910000", "77310000", "55520000", "79710000", "45233140"]

    operations = []
    for i in range(OPERATIONS):
        commune = rng.choice(communes)
        start = date(rng.choice(YEARS), rng.randint(1, 12), 1)
        operations.append(
            m.Operation(
                name=f"Bench opération {i}",
                buyer=rng.choice(buyers),
                structure=mde,
                commune=commune,
                epci_id=commune.epci_id,
                status=m.OperationStatus.EXECUTION,
                start_on=start,
            )
        )
    operations = m.Operation.objects.bulk_create(operations, batch_size=BATCH)
    # A busy facilitator follows 200 operations (~600 lots); a coordinator sees them all.
    m.Operation.followers.through.objects.bulk_create(
        m.Operation.followers.through(operation_id=op.pk, user_id=user.pk) for op in operations[:200]
    )
    markets = m.Market.objects.bulk_create(
        (
            m.Market(
                operation=op,
                reference=f"B-{i}",
                object=op.name,
                cpv_code=rng.choice(cpvs),
                amount=Decimal(rng.choice([80_000, 150_000, 600_000, 2_000_000, 7_000_000])),
                notified_on=op.start_on,
            )
            for i, op in enumerate(operations)
            for _ in range(1 + (i % 2))
        ),
        batch_size=BATCH,
    )
    lots = []
    for i in range(LOTS):
        market = markets[i % len(markets)]
        operation = operations[[op.pk for op in operations].index(market.operation_id)] if i < 0 else None
        del operation
        commune = rng.choice(communes)
        start = market.notified_on
        duration = rng.choice([12, 18, 24, 30])
        lots.append(
            m.Lot(
                market=market,
                number=i // len(markets) + 1,
                label=f"Lot {i}",
                cpv_code=market.cpv_code,
                cpv_division=market.cpv_code[:2],
                commune=commune,
                epci_id=commune.epci_id,
                amount=Decimal(rng.randint(50, 3000) * 1000),
                start_on=start,
                duration_months=duration,
                end_on=date(start.year + (start.month - 1 + duration) // 12, (start.month - 1 + duration) % 12 + 1, 1),
                status=m.LotStatus.RUNNING,
                target_hours=Decimal(rng.randint(200, 3000)),
                counting_rule=rule,
            )
        )
    lots = m.Lot.objects.bulk_create(lots, batch_size=BATCH)
    m.LotCompany.objects.bulk_create(
        (m.LotCompany(lot=lot, company=rng.choice(companies), role=m.CompanyRole.HOLDER) for lot in lots),
        batch_size=BATCH,
    )
    steps = []
    for lot in lots:
        steps += [
            m.ScheduleStep(lot=lot, month=month, cumulative_hours=h)
            for month, h in linear_schedule(lot.target_hours, schedule_months(lot))
        ]
    m.ScheduleStep.objects.bulk_create(steps, batch_size=BATCH)

    participants = m.Participant.objects.bulk_create(
        (
            m.Participant(
                last_name=f"Nom{i}",
                first_name=f"Prénom{i}",
                birth_date=date(rng.randint(1960, 2005), rng.randint(1, 12), 1),
                sex=rng.choice("FM"),
                qualification=rng.choice(m.Qualification.values),
                identity_key=f"bench|{i}",
                structure=mde,
            )
            for i in range(PARTICIPANTS)
        ),
        batch_size=BATCH,
    )
    criteria = list(m.EligibilityCriterion.objects.all())
    m.Eligibility.objects.bulk_create(
        (
            m.Eligibility(
                participant=p,
                criterion=rng.choice(criteria),
                validated_on=date(2023, 1, 1),
                valid_until=date(2026, rng.randint(1, 12), 1),
            )
            for p in participants
        ),
        batch_size=BATCH,
    )
    contracts, statements = [], []
    modalities = m.Modality.values
    while len(statements) < STATEMENTS:
        lot = rng.choice(lots)
        modality = rng.choice(modalities)
        months = months_between(lot.start_on, min(lot.end_on, date(2025, 12, 1)))
        if not months:
            continue
        contract = m.Contract(
            participant=rng.choice(participants),
            lot=lot,
            employer=rng.choice(companies),
            modality=modality,
            start_on=months[0],
            end_on=lot.end_on,
            is_lasting=modality == "cdi",
        )
        contracts.append(contract)
        for month in months:
            statements.append((contract, month))
    contracts = m.Contract.objects.bulk_create(contracts, batch_size=BATCH)
    statuses = [m.StatementStatus.VALIDATED] * 18 + [m.StatementStatus.SUBMITTED, m.StatementStatus.REJECTED]
    batch = []
    for contract, month in statements[:STATEMENTS]:
        batch.append(
            m.HoursStatement(
                contract=contract,
                lot_id=contract.lot_id,
                participant_id=contract.participant_id,
                month=month,
                hours=Decimal(rng.randint(20, 151)),
                status=rng.choice(statuses),
                amount=Decimal(rng.randint(1, 5) * 1000) if contract.modality == "st_siae" else None,
            )
        )
        if len(batch) >= BATCH:
            m.HoursStatement.objects.bulk_create(batch)
            batch = []
    m.HoursStatement.objects.bulk_create(batch)
    return user


def timed(label: str, function, runs: int = 3):
    """Run ``function`` ``runs`` times; print the first (cold) and the best (warm) time."""
    times, value = [], None
    for _ in range(runs):
        started = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - started)
    best = min(times)
    flag = "OK " if best < 2 else "LENT"
    print(f"  [{flag}] {label:<50} {best:6.2f} s (1er passage : {times[0]:.2f} s)")
    return value, best


def main() -> None:
    vendor = connection.vendor
    print(f"Base : {vendor} – charge de la machine : {os.getloadavg()[0]:.1f} ({os.cpu_count()} cœurs)")
    call_command("migrate", verbosity=0)
    rng = random.Random(2026)
    started = time.perf_counter()
    existing = User.objects.filter(email="bench.facilitateur@exemple.fr").first()
    if "--keep" in sys.argv and existing and m.HoursStatement.objects.count() >= STATEMENTS:
        user = existing  # reuse the data set built by a previous run
    else:
        with transaction.atomic():
            reset()
            user = build(rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vendor == "postgresql" else "ANALYZE")
    print(
        f"Jeu de données construit en {time.perf_counter() - started:.1f} s : "
        f"{m.Operation.objects.count()} opérations, {m.Lot.objects.count()} lots, "
        f"{m.Participant.objects.count()} participants, {m.Contract.objects.count()} contrats, "
        f"{m.HoursStatement.objects.count()} relevés mensuels."
    )
    user = User.objects.get(pk=user.pk)
    scope = selectors.BilanScope(year=2025)
    result, _ = timed("Bilan annuel du territoire (2025)", lambda: selectors.bilan(scope))
    print(
        f"      {result.hours:,.0f} h comptabilisées, {result.fte} ETP, {result.participants} participants, "
        f"{result.contracts} contrats"
    )
    epci = Epci.objects.filter(code__startswith="B0000").first()
    timed(
        "Bilan annuel d'un EPCI (2025)",
        lambda: selectors.bilan(selectors.BilanScope(year=2025, epci_codes=frozenset({epci.code}))),
    )
    payload, _ = timed(
        "Consolidation nationale XLSX (2025)",
        lambda: consolidation_workbook(
            selectors.bilan(scope, with_months=False), selectors.national(scope), territory_label="Banc d'essai"
        ),
    )
    print(f"      {len(payload) / 1024:.0f} Ko")
    data, _ = timed(
        "Tableau de bord du facilitateur (200 opérations)",
        lambda: selectors.dashboard(user, policy.visible_lots(user), today=date(2025, 12, 15)),
    )
    print(
        f"      {data['totals']['lots']} lots suivis, {len(data['behind'])} en retard, "
        f"{len(data['expiring'])} éligibilités à échéance"
    )
    rows, _ = timed(
        "Avancement de tous les lots (coordination)",
        lambda: selectors.progress_rows(m.Lot.objects.all(), date(2025, 12, 15)),
    )
    print(f"      {len(rows)} lots, {sum(r['done'] for r in rows):,.0f} h comptabilisées")


if __name__ == "__main__":
    main()
