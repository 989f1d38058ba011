"""Appellation autocomplete: time 100 realistic partial queries on the 13,120 ROME appellations,
through the selector and through the HTTP views (HTMX fragment and JSON), and print median / p95
(of the first pass, and of each query's best of ``BENCH_REPEAT`` passes, 3 by default).

    python bench/autocomplete.py                     # SQLite in /tmp/maillage-bench-autocomplete
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_autocomplete python bench/autocomplete.py

The script migrates the database and loads ROME 4.0 if it is not loaded yet (``load_referentials``
is idempotent). The user it logs in with exists only inside a transaction rolled back at the end.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MAILLAGE_VAR_DIR", "/tmp/maillage-bench-autocomplete")

if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    import psycopg

    base, name = os.environ["DATABASE_URL"].rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from maillage.referentials import selectors  # noqa: E402
from maillage.referentials.models import Appellation  # noqa: E402

# What people type: partial words, with and without accents, one or two words.
QUERIES = [
    "plomb", "electri", "électri", "aide soi", "aide-soig", "cariste", "boulang", "boulangère", "infirm",
    "infirmière", "chauffeur", "chauff", "maçon", "macon", "menuis", "peintre", "soudeur", "soud", "vendeu",
    "vendeuse", "comptab", "secrétaire", "secretaire", "agent d'entretien", "agent entre", "assistante mat",
    "auxiliaire de vie", "aux vie", "coiffeu", "cuisin", "serveur", "serveu", "magasin", "prépara",
    "prepara commandes", "mécanicien", "mecanicien auto", "développeur", "developpeur web", "jardin", "paysag",
    "ambulan", "éduca", "educateur spe", "couvreu", "carreleu", "plaquiste", "électricien bâtiment",
    "conducteur engins", "conduct", "manutention", "logisti", "charpent", "boucher", "poissonn", "pâtiss",
    "patissier", "agent de sécu", "agent securite", "surveill", "hôtesse", "hotesse accueil", "téléconseiller",
    "teleconseil", "commercial", "technicien mainten", "ouvrier", "opérateur prod", "operateur", "ash",
    "agent de service hospitalier", "aide à domicile", "aide domicile", "garde enfant", "animat", "forma",
    "ingénieur", "ingenieur informatique", "chef de chantier", "chef chantier", "grutier", "cordonnier",
    "fleuris", "tailleur", "couturière", "couturiere", "routier", "livreur", "déménageur", "demenageur",
    "employé libre service", "employe rayon", "caissier", "caissiere", "ebeniste", "ébéniste", "vétérinaire",
    "veterinaire", "pharmac", "opticien",
]  # fmt: skip


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def timed(function, queries: list[str], repeat: int = 1) -> list[list[float]]:
    """Per query, the ``repeat`` timings in ms (passes over the whole list, not back-to-back)."""
    timings: list[list[float]] = [[] for _ in queries]
    for _ in range(repeat):
        for index, query in enumerate(queries):
            started = time.perf_counter()
            function(query)
            timings[index].append((time.perf_counter() - started) * 1000)
    return timings


def report(label: str, timings: list[list[float]]) -> None:
    """Median and p95 over the 100 queries: of every run (first pass) and of each query's best run.

    The best of a few passes filters out the noise of a machine shared with other processes.
    """
    first = [runs[0] for runs in timings]
    best = [min(runs) for runs in timings]
    print(
        f"{label:<40} 1er passage : médiane {statistics.median(first):6.2f} ms, p95 {percentile(first, 0.95):6.2f} ms"
        f" | meilleur de {len(timings[0])} : médiane {statistics.median(best):6.2f} ms,"
        f" p95 {percentile(best, 0.95):6.2f} ms"
    )


def ensure_loaded() -> None:
    call_command("migrate", verbosity=0)
    if Appellation.objects.count() < 13000:
        print("Chargement du ROME (load_referentials)…")
        call_command("load_referentials", "--only", "rome", verbosity=0)


class Rollback(Exception):
    pass


def main() -> None:
    ensure_loaded()
    queries = QUERIES[:100]
    assert len(queries) == 100, len(queries)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0
    print(
        f"Base : {connection.vendor}, {Appellation.objects.count()} appellations, {len(queries)} requêtes,"
        f" {REPEAT} passages (charge machine : {load:.1f}, {os.cpu_count()} cœurs)."
    )
    empty = [q for q in queries if not selectors.search_appellations(q)]
    if empty:
        print(f"Requêtes sans résultat : {', '.join(empty)}")
    timed(selectors.search_appellations, queries[:10])  # warm-up
    report("sélecteur search_appellations (20)", timed(selectors.search_appellations, queries, REPEAT))

    from maillage.accounts.models import User

    try:
        with transaction.atomic():
            user = User.objects.create_superuser(email="bench-autocomplete@exemple.invalid", password=None)
            client = Client()
            client.force_login(user)
            fragment_url = reverse("referentials:appellation_search")
            json_url = reverse("referentials:appellation_autocomplete")

            def fragment(query):
                response = client.get(fragment_url, {"q": query}, headers={"HX-Request": "true"})
                assert response.status_code == 200

            def as_json(query):
                response = client.get(json_url, {"q": query})
                assert response.status_code == 200 and response.json()["results"] is not None

            timed(fragment, queries[:10])
            report("vue HTMX appellation_search (fragment)", timed(fragment, queries, REPEAT))
            report("vue JSON appellation_autocomplete", timed(as_json, queries, REPEAT))
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
