"""Directory at scale: 50,000 services over the real communes of Normandy, then

1. the search « thématique + commune within 20 km + public » (bounding-box prefilter on the indexed
   latitude/longitude, then the exact distance): median and 95th percentile over 300 random queries,
   beside the baseline of the same filters without the bounding box (exact distance over every
   matching service). Target: median < 50 ms on SQLite and PostgreSQL.
2. the import rate of a data·inclusion v1 file (10,000 services, JSON) and of the real 2025 extract of
   La Réunion (2,705 services through the column mapping), dry runs.

    python bench/directory.py                       # SQLite in /tmp/maillage-bench-directory
    python bench/directory.py --keep                # reuse the services of a previous run
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_directory python bench/directory.py

The database must be a dedicated one: the script migrates it and replaces its directory data.
"""

import csv
import gzip
import json
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MAILLAGE_VAR_DIR", "/tmp/maillage-bench-directory")

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

from maillage.common_text import fold  # noqa: E402
from maillage.directory import importers, schema, selectors  # noqa: E402
from maillage.directory.exports import export_services  # noqa: E402
from maillage.directory.models import Service, ServiceTheme, Structure, sync_themes  # noqa: E402
from maillage.territories.models import Commune, Departement, Region  # noqa: E402

SERVICES, STRUCTURES, QUERIES = 50_000, 5_000, 300
NORMANDY = ("14", "27", "50", "61", "76")
FIXTURES = ROOT / "tests" / "directory" / "fixtures"


def load_communes() -> list[Commune]:
    region, _ = Region.objects.get_or_create(code="28", defaults={"name": "Normandie"})
    depts = {
        code: Departement.objects.get_or_create(code=code, defaults={"name": code, "region": region})[0]
        for code in NORMANDY
    }
    path = ROOT / "data" / "reference" / "geo" / "communes_centroids.csv.gz"
    existing = set(Commune.objects.filter(departement_id__in=NORMANDY).values_list("code", flat=True))
    new = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["insee_code"]
            if code[:2] in depts and code not in existing:
                new.append(
                    Commune(
                        code=code,
                        name=row["name"],
                        search_name=fold(row["name"]),
                        departement=depts[code[:2]],
                        latitude=float(row["lat"]),
                        longitude=float(row["lon"]),
                    )
                )
    Commune.objects.bulk_create(new, batch_size=2000)
    return list(Commune.objects.filter(departement_id__in=NORMANDY, latitude__isnull=False))


def build(rng: random.Random, communes: list[Commune]) -> None:
    Service.objects.all().delete()
    Structure.objects.all().delete()
    thematiques = [v for v, _ in schema.THEMATIQUES]
    publics = [v for v, _ in schema.PUBLICS if v != "tous-publics"]
    with transaction.atomic():
        structures = []
        for i in range(STRUCTURES):
            commune = rng.choice(communes)
            structures.append(
                Structure(
                    di_id=f"bench--s{i}",
                    name=f"Structure de banc {i}",
                    commune=commune,
                    commune_name=commune.name,
                    latitude=commune.latitude,
                    longitude=commune.longitude,
                    updated_on=date(2025, 1, 1),
                )
            )
        Structure.objects.bulk_create(structures, batch_size=2000)
        structures = list(Structure.objects.all())
        batch = []
        for i in range(SERVICES):
            structure = rng.choice(structures)
            service = Service(
                di_id=f"bench--{i}",
                structure=structure,
                source="bench",
                name=f"Service {i} {rng.choice(['atelier', 'permanence', 'accompagnement', 'formation'])}",
                description="Service de banc d'essai, description courte.",
                updated_on=date(2025, 1, 1),
                thematiques=rng.sample(thematiques, rng.randint(1, 3)),
                publics=["tous-publics"] if rng.random() < 0.4 else rng.sample(publics, rng.randint(1, 3)),
                commune=structure.commune,
                commune_name=structure.commune_name,
                latitude=structure.latitude + rng.uniform(-0.01, 0.01),
                longitude=structure.longitude + rng.uniform(-0.01, 0.01),
                reception_modes=["en-presentiel"],
            )
            service.refresh_keys()
            batch.append(service)
            if len(batch) == 5000:
                sync_themes(Service.objects.bulk_create(batch))
                batch = []
        sync_themes(Service.objects.bulk_create(batch))


def baseline(thematique: str, commune: Commune, public: str) -> int:
    """The same filters without the bounding box: exact distance over every matching service."""
    from django.db.models import Q

    qs = Service.objects.filter(is_active=True, thematiques_key__contains=f"|{thematique}--")
    qs = qs.filter(Q(publics_key__contains=f"|{public}|") | Q(publics_key="") | Q(publics_key="|tous-publics|"))
    count = 0
    for lat, lon in qs.values_list("latitude", "longitude"):
        if importers.distance_km(commune.latitude, commune.longitude, lat, lon) <= 20:
            count += 1
    return count


def timed_queries(rng: random.Random, communes: list[Commune]) -> None:
    categories = [v for v, _ in schema.CATEGORIES]
    publics = [v for v, _ in schema.PUBLICS if v != "tous-publics"]
    durations, cpu_times, baselines, sizes = [], [], [], []
    for i in range(QUERIES):
        commune = rng.choice(communes)
        thematique = rng.choice(categories)
        public = rng.choice(publics)
        started, cpu = time.perf_counter(), time.process_time()
        hits = selectors.search(thematique=thematique, commune=commune, radius_km=20, public=public)
        durations.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu) * 1000)
        sizes.append(len(hits))
        if i < 30:
            started = time.perf_counter()
            expected = baseline(thematique, commune, public)
            baselines.append((time.perf_counter() - started) * 1000)
            assert expected == len(hits) or len(hits) == 200, (expected, len(hits))
    durations.sort()
    print(
        f"  recherche thématique + commune à 20 km + public, {QUERIES} requêtes : médiane "
        f"{statistics.median(durations):.1f} ms, 95e centile {durations[int(len(durations) * 0.95)]:.1f} ms "
        f"(objectif < 50 ms) ; {statistics.mean(sizes):.0f} services trouvés en moyenne"
    )
    print(
        f"  temps processeur du processus Django (SQLite : base comprise) : "
        f"médiane {statistics.median(cpu_times):.1f} ms "
        f"— à lire à côté de la charge de la machine : {os.getloadavg()[0]:.1f} (moyenne 1 min)"
    )
    print(
        f"  référence sans préfiltre rectangle (distance exacte sur tous les services filtrés), "
        f"{len(baselines)} requêtes : médiane {statistics.median(baselines):.1f} ms"
    )


def import_rates() -> None:
    ids = list(Service.objects.filter(di_id__startswith="bench--").order_by("pk").values_list("pk", flat=True)[:10_000])
    records = export_services(Service.objects.filter(pk__in=ids))
    content = json.dumps(records).encode()
    started = time.perf_counter()
    report, _ = importers.import_services(content, "services.json", dry_run=True)
    elapsed = time.perf_counter() - started
    print(
        f"  import data·inclusion v1 (JSON, {report.rows} services, essai à blanc) : {elapsed:.1f} s, "
        f"{report.rows / elapsed:.0f} services/s ({report.stored} valides, {report.rejected} rejetés)"
    )
    services = FIXTURES / "data_inclusion_services_974_extrait_2025.csv.gz"
    structures = FIXTURES / "data_inclusion_structures_974_extrait_2025.json.gz"
    if not services.exists() or not Commune.objects.filter(departement_id="974").exists():
        print("  extrait de La Réunion : communes 974 absentes de cette base (manage.py load_reference), ignoré")
        return
    started = time.perf_counter()
    report, _ = importers.import_services(
        gzip.decompress(services.read_bytes()), "extrait.csv", structures=gzip.decompress(structures.read_bytes()),
        structures_name="structures.json", dry_run=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    print(
        f"  import de l'extrait réel (CSV aplati, correspondance, {report.rows} services, essai à blanc) : "
        f"{elapsed:.1f} s, {report.rows / elapsed:.0f} services/s"
    )


def load_reunion() -> None:
    region, _ = Region.objects.get_or_create(code="04", defaults={"name": "La Réunion"})
    dept, _ = Departement.objects.get_or_create(code="974", defaults={"name": "La Réunion", "region": region})
    path = ROOT / "data" / "reference" / "geo" / "communes_centroids.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["insee_code"].startswith("974"):
                Commune.objects.get_or_create(
                    code=row["insee_code"],
                    defaults={
                        "name": row["name"], "search_name": fold(row["name"]), "departement": dept,
                        "latitude": float(row["lat"]), "longitude": float(row["lon"]),
                    },
                )  # fmt: skip


def main() -> None:
    keep = "--keep" in sys.argv
    call_command("migrate", verbosity=0)
    print(f"Annuaire : {connection.vendor}, {SERVICES} services")
    rng = random.Random(15)
    communes = load_communes()
    load_reunion()
    if keep and not ServiceTheme.objects.exists():
        sync_themes(list(Service.objects.all()))
    if not keep or Service.objects.filter(di_id__startswith="bench--").count() != SERVICES:
        started = time.perf_counter()
        build(rng, communes)
        took = time.perf_counter() - started
        print(f"  jeu de données : {SERVICES} services, {STRUCTURES} structures en {took:.0f} s")
    # Statistics as production has them (autovacuum / ANALYZE), so the planner uses the search index.
    with connection.cursor() as cursor:
        for table in ("directory_servicetheme", "directory_service", "directory_structure"):
            cursor.execute(f"ANALYZE {table}")
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        autocommit = connection.get_autocommit()
        connection.set_autocommit(True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM directory_servicetheme")
        connection.set_autocommit(autocommit)
    timed_queries(rng, communes)
    import_rates()


if __name__ == "__main__":
    main()
