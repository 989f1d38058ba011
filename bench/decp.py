"""DECP at national scale: generate a synthetic national file of 1.5 million contracts (2022 format, valid
against the official schema, .json.gz written streaming), import it with the real pipeline, then time the
radar for one département and for all of France.

Targets on a 2-core machine: import ≥ 10,000 contracts/s with peak memory under 1 GB; radar under 1 s for
a département and under 5 s for France; on SQLite and on PostgreSQL.

    python bench/decp.py                                  # SQLite in /tmp/maillage-bench-decp
    python bench/decp.py --count 100000                   # a quicker run
    createdb -h 127.0.0.1 -U postgres decp_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/decp_bench python bench/decp.py

The generated file is kept (bench/out/, git-ignored) and reused by later runs. The database must be a
dedicated one: the script migrates it, loads the territories if needed and empties the DECP tables.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MAILLAGE_VAR_DIR", "/tmp/maillage-bench-decp")
os.environ.setdefault("DJANGO_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from maillage.procurement import selectors, services  # noqa: E402
from maillage.procurement.demo.synthetic import ContractFactory, communes_from_database, write_file  # noqa: E402
from maillage.procurement.models import Buyer, Contract, DecpImport  # noqa: E402
from maillage.territories.models import Commune  # noqa: E402


def peak_rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(label: str, function, repeat: int = 2):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    print(f"  {label:<48} {times[0]:7.3f} s (puis {min(times[1:] or times):.3f} s)")
    return result, times


def prepare_database() -> None:
    if connection.vendor == "sqlite":
        # A new file is quicker than deleting 1.5 million rows (the territories are loaded again).
        name = Path(connection.settings_dict["NAME"])
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0, skip_checks=True)
    if not Commune.objects.exists():
        print("Chargement des territoires…")
        if connection.vendor == "postgresql":
            # Paris has 125 characters of postcodes for a 120-character column (reported to the
            # territories module): widen it in this dedicated database only.
            with connection.cursor() as cursor:
                cursor.execute("ALTER TABLE territories_commune ALTER COLUMN postcodes TYPE varchar(255)")
        call_command("load_territories", verbosity=0)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {Contract._meta.db_table}, {Buyer._meta.db_table}")
        else:
            cursor.execute(f"DELETE FROM {Contract._meta.db_table}")
            cursor.execute(f"DELETE FROM {Buyer._meta.db_table}")
    DecpImport.objects.all().delete()


def generate(path: Path, count: int) -> None:
    print(f"Génération de {count:,} marchés synthétiques dans {path}…".replace(",", " "))
    start = time.perf_counter()
    communes = communes_from_database()
    factory = ContractFactory(communes, seed=2026, buyers=max(100, count // 25), years=(2019, 2025), id_prefix="B")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.parent / (path.name + ".partial")
    write_file(str(partial), factory, count, compress=path.name.endswith(".gz"))
    partial.rename(path)
    print(f"  {time.perf_counter() - start:.1f} s, {path.stat().st_size / 1e6:.0f} Mo compressés")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1_500_000, help="Nombre de marchés (1 500 000).")
    parser.add_argument("--file", help="Fichier DECP à utiliser (par défaut bench/out/decp-synthetique-N.json.gz).")
    parser.add_argument("--regenerate", action="store_true", help="Régénérer le fichier même s'il existe.")
    parser.add_argument("--departement", default="27", help="Département du radar chronométré (27).")
    parser.add_argument("--reimport", action="store_true", help="Chronométrer aussi une réimportation (idempotence).")
    parser.add_argument("--single-process", action="store_true", help="Lecture et écriture dans un seul processus.")
    parser.add_argument("--commit", type=int, default=100_000, help="Marchés par transaction (100 000).")
    args = parser.parse_args()

    path = Path(args.file) if args.file else ROOT / "bench" / "out" / f"decp-synthetique-{args.count}.json.gz"
    print(f"Base : {connection.vendor} ({connection.settings_dict['NAME']}), {os.cpu_count()} cœurs")
    print("Charge de la machine (moyenne 1, 5, 15 min) : " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    prepare_database()
    if args.regenerate or not path.exists():
        generate(path, args.count)
    parallel = False if args.single_process else None

    print("Import…")
    cpu_before = cpu_seconds()
    start = time.perf_counter()
    decp_import = services.run_import(services.path_sources([str(path)]), parallel=parallel, commit_every=args.commit)
    import_elapsed = time.perf_counter() - start
    read = decp_import.counts["Enregistrements lus"]
    print(f"  {decp_import.message}")
    print(f"  durée {import_elapsed:.1f} s, soit {read / import_elapsed:,.0f} marchés/s".replace(",", " "))
    print(f"  dont recalcul des cellules du radar et statistiques : {decp_import.maintenance_seconds:.1f} s")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"  CPU : processus principal {cpu_seconds() - cpu_before:.1f} s, "
        f"processus de lecture {children.ru_utime + children.ru_stime:.1f} s"
    )
    print(
        f"  mémoire maximale : processus principal {peak_rss_mb():.0f} Mo, "
        f"processus de lecture {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} Mo"
    )
    print(f"  marchés en base : {Contract.objects.count():,}".replace(",", " "))

    if args.reimport:
        print("Réimport du même fichier (idempotence)…")
        start = time.perf_counter()
        again = services.run_import(services.path_sources([str(path)]), parallel=parallel, commit_every=args.commit)
        elapsed = time.perf_counter() - start
        print(f"  {again.message}")
        print(f"  durée {elapsed:.1f} s, soit {read / elapsed:,.0f} marchés/s".replace(",", " "))

    print("Radar (agrégations SQL)…")
    departement = selectors.default_query(selectors.departement_scope(args.departement))
    france = selectors.default_query(selectors.france_scope())
    data, dep_times = timed(f"radar du département {args.departement}", lambda: selectors.radar(departement))
    print(f"    {data['summary']['count']:,} marchés, {len(data['by_epci'])} EPCI".replace(",", " "))
    timed(f"carte du département {args.departement}", lambda: selectors.map_features(data["by_epci"]))
    timed(
        f"prospects du département {args.departement}",
        lambda: selectors.prospect_types(selectors.contracts(departement)),
    )
    data, fr_times = timed("radar de la France entière", lambda: selectors.radar(france))
    print(f"    {data['summary']['count']:,} marchés, {len(data['by_epci'])} EPCI".replace(",", " "))
    timed("carte de la France entière", lambda: selectors.map_features(data["by_epci"]))
    print()
    print("Charge de la machine (moyenne 1, 5, 15 min) : " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    print("Résumé")
    print(f"  import : {read / import_elapsed:,.0f} marchés/s (objectif ≥ 10 000)".replace(",", " "))
    child = peak_rss_mb(resource.RUSAGE_CHILDREN)
    print(f"  mémoire maximale : {peak_rss_mb():.0f} Mo + {child:.0f} Mo (lecture) (objectif < 1 Go)")
    print(f"  radar département : {min(dep_times):.2f} s (objectif < 1 s) ; premier appel {dep_times[0]:.2f} s")
    print(f"  radar France : {min(fr_times):.2f} s (objectif < 5 s) ; premier appel {fr_times[0]:.2f} s")


if __name__ == "__main__":
    main()
