"""Synthetic job seekers for the demo and the matching bench, drawn from real reference data.

Communes are drawn by population, the jobs people held by the yearly hirings of their ROME v3
code (La Bonne Boite's ROME × NAF file), their skills among the skills of those jobs (the core
ones first). Rows are written in bulk; a seeded generator always gives the same people.
"""

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from maillage.people.parts import bulk_create_parts
from maillage.referentials.models import Appellation, FicheSkill
from maillage.territories.models import Commune

from ..models import CONTRACT_BITS, Candidate, ConsentPurpose
from ..search import refresh_candidates
from .synthetic import _hirings_by_v3

RADII = [10, 15, 20, 20, 25, 30, 30, 40, 50]


@dataclass
class PeoplePool:
    """What people are drawn from: communes, jobs and their skills, with their weights."""

    communes: list[tuple[str, float, float, int]]  # code, latitude, longitude, population
    commune_weights: list[int]
    fiches: list[str]
    fiche_weights: list[int]
    appellations: dict[str, list[str]]  # fiche -> appellation codes
    skills: dict[str, list[str]]  # fiche -> skill codes
    core_skills: dict[str, list[str]]


def people_pool(departements: Sequence[str]) -> PeoplePool:
    communes = list(
        Commune.objects.filter(departement_id__in=departements, latitude__isnull=False)
        .order_by("code")
        .values_list("code", "latitude", "longitude", "population")
    )
    appellations: dict[str, list[str]] = {}
    parents: dict[str, str] = {}
    rows = Appellation.objects.filter(rarely_used=False).order_by("code")
    for code, fiche, parent in rows.values_list("code", "fiche_id", "fiche__code_rome_parent"):
        appellations.setdefault(fiche, []).append(code)
        parents[fiche] = parent or fiche
    hirings = _hirings_by_v3()
    fiches = sorted(appellations)
    skills: dict[str, list[str]] = {}
    core: dict[str, list[str]] = {}
    links = FicheSkill.objects.order_by("fiche_id", "skill_id").values_list("fiche_id", "skill_id", "importance")
    for fiche, skill, importance in links:
        skills.setdefault(fiche, []).append(skill)
        if importance == FicheSkill.Importance.CORE:
            core.setdefault(fiche, []).append(skill)
    return PeoplePool(
        communes=communes,
        commune_weights=[max(50, c[3]) for c in communes],
        fiches=fiches,
        fiche_weights=[max(1, hirings.get(parents[f], 0)) for f in fiches],
        appellations=appellations,
        skills=skills,
        core_skills=core,
    )


@dataclass
class Crowd:
    """How the people are written: e-mail and names, who follows them, how many share their profile."""

    email: Callable[[int], str]
    first_names: Sequence[str] = ("Bench",)
    last_names: Sequence[str] = ()
    organisation: object = None
    created_by: object = None
    consent_share: float = 0.92
    sharing_share: float = 1.0


def create_people(n: int, rng: random.Random, pool: PeoplePool, crowd: Crowd) -> list[int]:
    """Write ``n`` candidates with the jobs they held and seek and their skills; returns their ids."""
    now, today = timezone.now(), date.today()
    contracts = list(CONTRACT_BITS)
    people = []
    for i in range(n):
        code, lat, lon, _ = rng.choices(pool.communes, weights=pool.commune_weights, k=1)[0]
        mask = 0 if rng.random() < 0.4 else sum(CONTRACT_BITS[c] for c in rng.sample(contracts, rng.randint(1, 3)))
        sharing = rng.random() < crowd.sharing_share
        people.append(
            Candidate(
                first_name=rng.choice(crowd.first_names),
                last_name=rng.choice(crowd.last_names) if crowd.last_names else f"Candidat {i}",
                email=crowd.email(i),
                commune_id=code,
                latitude=lat,
                longitude=lon,
                mobility_radius_km=rng.choice(RADII),
                contract_mask=mask,
                working_time=rng.choice(["", "", "", "plein", "partiel"]),
                available_from=None if rng.random() < 0.7 else today + timedelta(days=rng.randint(0, 120)),
                consent_at=now if rng.random() < crowd.consent_share else None,
                consent_purpose=ConsentPurpose.SHARING if sharing else ConsentPurpose.SUPPORT,
                organisation=crowd.organisation,
                created_by=crowd.created_by,
                last_activity_at=now,
            )
        )
    ids = [person.pk for person in bulk_create_parts(Candidate, people, batch_size=2000)]
    _write_jobs_and_skills(ids, rng, pool)
    refresh_candidates(ids=ids)
    return ids


def _write_jobs_and_skills(ids: list[int], rng: random.Random, pool: PeoplePool) -> None:
    held_through = Candidate.held_appellations.through
    sought_through = Candidate.sought_appellations.through
    skill_through = Candidate.skills.through
    held_rows, sought_rows, skill_rows = [], [], []
    for cid in ids:
        held = rng.choices(pool.fiches, weights=pool.fiche_weights, k=rng.choice([1, 1, 2, 2, 3]))
        for fiche in sorted(set(held)):
            held_rows.append(held_through(candidate_id=cid, appellation_id=rng.choice(pool.appellations[fiche])))
        target = held[0] if rng.random() < 0.5 else rng.choices(pool.fiches, weights=pool.fiche_weights, k=1)[0]
        sought_rows.append(sought_through(candidate_id=cid, appellation_id=rng.choice(pool.appellations[target])))
        if rng.random() < 0.7:
            candidates = sorted({s for f in set(held) for s in pool.skills.get(f, [])})
            chosen = set(rng.sample(candidates, k=min(len(candidates), rng.randint(8, 16))))
            chosen |= set(pool.core_skills.get(held[0], [])[: rng.randint(2, 6)])
            skill_rows += [skill_through(candidate_id=cid, skill_id=s) for s in sorted(chosen)]
    for rows, model in ((held_rows, held_through), (sought_rows, sought_through), (skill_rows, skill_through)):
        model.objects.bulk_create(rows, batch_size=5000)
