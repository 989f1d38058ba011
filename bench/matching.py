"""Matching at scale: 100,000 candidates and 10,000 offers around the Eure (demo territory).

    export MAILLAGE_VAR_DIR=/tmp/bench-var   # a scratch database
    python manage.py migrate && python manage.py load_reference
    python bench/matching.py [--candidates 100000] [--offers 10000] [--keep] [--reuse]

Creates the rows in bulk (tagged, removed at the end unless --keep), then measures, in one process:
the cold build of the per-process pools; top-20 candidates for one offer (median and p95 over 200
offers, explanations included); top-20 offers for one candidate (200 candidates); all offers' top-20
in a batch; peak memory (max RSS). Targets: < 50 ms, < 50 ms, < 120 s, < 2 GB.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from maillage.jobs import matching  # noqa: E402
from maillage.jobs.demo.people import Crowd, create_people, people_pool  # noqa: E402
from maillage.jobs.demo.synthetic import NEIGHBOUR_DEPARTEMENTS  # noqa: E402
from maillage.jobs.models import (  # noqa: E402
    Candidate,
    ContractType,
    Offer,
    OfferSource,
    OfferStatus,
)

TAG = "@bench.invalid"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cleanup():
    with connection.cursor() as cursor:
        for table in (
            "jobs_candidate_skills",
            "jobs_candidate_held_appellations",
            "jobs_candidate_sought_appellations",
        ):
            cursor.execute(
                f"DELETE FROM {table} WHERE candidate_id IN (SELECT id FROM jobs_candidate WHERE email LIKE %s)",
                [f"%{TAG}"],
            )
        cursor.execute("DELETE FROM jobs_candidate WHERE email LIKE %s", [f"%{TAG}"])
        cursor.execute(
            "DELETE FROM jobs_offer_skills WHERE offer_id IN (SELECT id FROM jobs_offer WHERE external_id LIKE %s)",
            ["BENCH-%"],
        )
        cursor.execute("DELETE FROM jobs_offer WHERE external_id LIKE %s", ["BENCH-%"])


def build(n_candidates: int, n_offers: int, seed: int = 42):
    rng = random.Random(seed)
    pool = people_pool(NEIGHBOUR_DEPARTEMENTS)
    communes, weights = pool.communes, pool.commune_weights
    fiches, fiche_weights, per_fiche = pool.fiches, pool.fiche_weights, pool.appellations
    skills, core = pool.skills, pool.core_skills
    today = date.today()

    started = time.perf_counter()
    with transaction.atomic():
        ids = create_people(n_candidates, rng, pool, Crowd(email=lambda i: f"c{i}{TAG}"))
        offers = []
        for i in range(n_offers):
            code, lat, lon, _ = rng.choices(communes, weights=weights, k=1)[0]
            fiche = rng.choices(fiches, weights=fiche_weights, k=1)[0]
            offers.append(
                Offer(
                    title=f"Offre bench {i}",
                    appellation_id=rng.choice(per_fiche[fiche]),
                    rome_code=fiche,
                    contract_type=rng.choice([ContractType.CDI, ContractType.CDI, ContractType.CDD, ContractType.MIS]),
                    working_time=rng.choice(["plein", "plein", "plein", "partiel"]),
                    commune_id=code,
                    latitude=lat,
                    longitude=lon,
                    source=OfferSource.FRANCE_TRAVAIL,
                    external_id=f"BENCH-{i}",
                    status=OfferStatus.PUBLISHED,
                    start_date=today + timedelta(days=rng.randint(0, 60)),
                )
            )
        Offer.objects.bulk_create(offers, batch_size=2000)
        offer_ids = list(
            Offer.objects.filter(external_id__startswith="BENCH-").order_by("id").values_list("id", "rome_code")
        )
        OfferSkill = Offer.skills.through
        offer_skill_rows = []
        for oid, fiche in offer_ids:
            if rng.random() < 0.7:
                pool = core.get(fiche, []) + rng.sample(skills.get(fiche, []), k=min(3, len(skills.get(fiche, []))))
                chosen = set(rng.sample(pool, k=min(len(pool), rng.randint(3, 8))))
                offer_skill_rows += [OfferSkill(offer_id=oid, skill_id=s) for s in chosen]
        OfferSkill.objects.bulk_create(offer_skill_rows, batch_size=5000)
    print(
        f"built {len(ids):,} candidates and "
        f"{len(offer_ids):,} offers ({len(offer_skill_rows):,} skills) in {time.perf_counter() - started:.1f} s"
    )
    return ids, [oid for oid, _ in offer_ids]


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="Keep the generated rows.")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="Measure the rows kept by an earlier --keep run.")
    args = parser.parse_args()
    if args.reuse and Candidate.objects.filter(email__endswith=TAG).exists():
        candidate_ids = list(Candidate.objects.filter(email__endswith=TAG).values_list("id", flat=True))
        offer_ids = list(Offer.objects.filter(external_id__startswith="BENCH-").values_list("id", flat=True))
        print(f"reusing {len(candidate_ids):,} candidates and {len(offer_ids):,} offers")
    else:
        cleanup()
        candidate_ids, offer_ids = build(args.candidates, args.offers)
    rng = random.Random(7)
    try:
        matching.clear_caches()
        started = time.perf_counter()
        pools = matching.get_pools()
        matrix, source = matching.get_matrix(pools.vocab)
        print(
            f"cold pool build (per process): {time.perf_counter() - started:.1f} s "
            f"({sum(len(p) for p in pools.candidates):,} matchable candidates, "
            f"{sum(len(p) for p in pools.offers):,} open offers; transitions: {source})"
        )
        sample_offers = list(Offer.objects.filter(pk__in=rng.sample(offer_ids, args.samples)))
        times, found = [], []
        for offer in sample_offers:
            t = time.perf_counter()
            result = matching.candidates_for_offer(offer, k=20)
            times.append((time.perf_counter() - t) * 1000)
            found.append(len(result))
        print(
            f"top-20 candidates for one offer: median {statistics.median(times):.1f} ms, "
            f"p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms "
            f"(results per offer: median {statistics.median(found):.0f})"
        )
        sample_candidates = list(Candidate.objects.filter(pk__in=rng.sample(candidate_ids, args.samples)))
        times, found = [], []
        for candidate in sample_candidates:
            t = time.perf_counter()
            result = matching.offers_for_candidate(candidate, k=20)
            times.append((time.perf_counter() - t) * 1000)
            found.append(len(result))
        print(
            f"top-20 offers for one candidate: median {statistics.median(times):.1f} ms, "
            f"p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms "
            f"(results per candidate: median {statistics.median(found):.0f})"
        )
        example = matching.candidates_for_offer(sample_offers[0], k=1)
        if example:
            print("example explanation: " + " ".join(example[0].explanation.reasons))
        if not args.skip_batch:
            started = time.perf_counter()
            count = sum(1 for _ in matching.batch_top_candidates(k=20))
            print(f"batch: top-20 candidates of all {count:,} offers in {time.perf_counter() - started:.1f} s")
        print(f"peak memory (max RSS of this process, data generation included): {_rss_mb():.0f} MB")
    finally:
        if not args.keep and not args.reuse:
            cleanup()


if __name__ == "__main__":
    main()
