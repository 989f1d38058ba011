"""Clause imports: time the preview (the commit's rules, rolled back) and the commit of a participants file
and of an hours file of ``BENCH_ROWS`` rows (2,000 by default), and print seconds, rows per second and
SQL queries per row.

    python bench/clauses_import.py                   # SQLite in /tmp/maillage-bench-clauses-import
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_clauses_import python bench/clauses_import.py

Everything it creates (a facilitator, an operation with one lot, the people, their contracts and hours)
lives inside a transaction rolled back at the end.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MAILLAGE_VAR_DIR", "/tmp/maillage-bench-clauses-import")

if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    import psycopg

    base, name = os.environ["DATABASE_URL"].rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')

import django  # noqa: E402

django.setup()

from datetime import date  # noqa: E402
from decimal import Decimal  # noqa: E402

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "2000"))


def _timed(label, function):
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        start = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - start
    print(f"{label:<22} {seconds:7.1f} s  {ROWS / seconds:7.0f} lignes/s  {count[0] / ROWS:5.1f} requêtes/ligne")
    return result


def _world():
    from maillage.accounts.models import Membership, Organisation, OrganisationKind, Role, User
    from maillage.clauses import services
    from maillage.clauses.models import Lot, Market, Operation

    user = User.objects.create_user(email="bench-import@exemple.invalid", password=None)
    mde = Organisation.objects.create(name="MDE banc d'essai", kind=OrganisationKind.MDE)
    Membership.objects.create(user=user, organisation=mde, role=Role.FACILITATOR)
    buyer = Organisation.objects.create(name="Ville banc d'essai", kind=OrganisationKind.BUYER)
    company = Organisation.objects.create(name="Entreprise banc d'essai", kind=OrganisationKind.COMPANY)
    operation = Operation.objects.create(name="Banc d'essai des imports", buyer=buyer, start_on=date(2025, 1, 1))
    operation.followers.add(user)
    market = Market.objects.create(operation=operation, reference="BANC-1", object="Banc")
    lot = Lot.objects.create(market=market, number=1, label="Gros œuvre", status="en_cours", target_hours=Decimal(0))
    services.assign_counting_rule(lot)
    services.set_lot_company(None, lot, company, "titulaire")
    return user


def main():
    call_command("migrate", verbosity=0)
    from maillage.clauses.services import imports

    with transaction.atomic():
        user = _world()
        people = ["nom;prenom;date_naissance;sexe;criteres;date_validation"]
        contracts = ["nom;prenom;date_naissance;operation;lot;modalite;debut"]
        hours = ["nom;prenom;date_naissance;operation;lot;mois;heures"]
        for n in range(ROWS):
            who = f"Banc{n};Alex;{1 + n % 28:02d}/{1 + n % 12:02d}/{1970 + n % 30}"
            people.append(f"{who};F;rsa;01/01/2025")
            contracts.append(f"{who};Banc d'essai des imports;Gros œuvre;cddi;01/02/2025")
            hours.append(f"{who};Banc d'essai des imports;Gros œuvre;2025-03;120")
        print(f"{ROWS} lignes, base {connection.vendor}")
        for kind, lines in (("participants", people), ("contrats", contracts), ("heures", hours)):
            upload = SimpleUploadedFile(f"{kind}.csv", "\n".join(lines).encode("utf-8"))
            batch = _timed(f"aperçu {kind}", lambda u=upload, k=kind: imports.prepare_import(user, k, u))
            assert not batch.errors, batch.errors[:3]
            _timed(f"import {kind}", lambda b=batch: imports.apply_import(user, b, keep_valid_rows=False))
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
