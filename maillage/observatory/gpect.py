"""GPECT: from a company project's needs to the local pool, the transferable pools and the
training needs; for a closing site, where its employees' skills are wanted locally (DOMAIN.md §5).

Reads only: candidates through the jobs module's territorial aggregates (counts, never names),
transitions through the reconversion module's selectors, skills through the ROME referential.

Sizing rule: for each need, the gap is the quantity minus the local pool (candidates within the
radius who seek the job or have held it). The gap is filled from the transferable pools, best
transition score first; the people taken from a pool need the target's core skills their source
métier lacks (minus those who already declare the skill): that is the training need, by skill and
by métier.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from maillage.jobs.selectors import territory as jobs_territory
from maillage.reconversion import selectors as reconversion
from maillage.referentials.models import FicheSkill, Skill

from . import secrecy
from .models import CompanyProject, FapRomeMatch, Level
from .selectors.scope import perimeter_scope, weighted_sum

MIN_TRANSITION_SCORE = 0.3
MAX_SOURCES = 40


@dataclass
class Pool:
    code: str
    label: str
    score: float
    people: int | None  # masked when small
    taken: int
    missing_skills: list[tuple[str, str, int]] = field(default_factory=list)  # (code, label, to train)


@dataclass
class NeedAnalysis:
    fiche_code: str
    fiche_label: str
    quantity: int
    local_seeking: int | None
    local_experienced: int | None
    local_total: int | None
    gap: int
    pools: list[Pool] = field(default_factory=list)
    uncovered: int = 0


def _core_skills(codes) -> dict[str, set[str]]:
    result: dict[str, set[str]] = defaultdict(set)
    rows = FicheSkill.objects.filter(fiche_id__in=list(codes)).exclude(importance=FicheSkill.Importance.EMERGING)
    for fiche, skill, importance in rows.values_list("fiche_id", "skill_id", "importance"):
        if importance == FicheSkill.Importance.CORE or not importance:
            result[fiche].add(skill)
    return result


def analyse(project: CompanyProject) -> dict:
    commune = project.commune
    if commune.latitude is None:
        return {"needs": [], "training": [], "error": "La commune du projet n'a pas de coordonnées."}
    here = {"latitude": commune.latitude, "longitude": commune.longitude, "radius_km": project.radius_km}
    needs = list(project.needs.select_related("fiche"))
    local = jobs_territory.candidate_pool([n.fiche_id for n in needs], **here)
    near = jobs_territory.held_fiche_counts_near(**here)
    analyses = []
    training: dict[tuple[str, str], dict] = {}
    for need in needs:
        pool = local.get(need.fiche_id, {"seeking": 0, "experienced": 0, "total": 0})
        gap = max(0, need.quantity - pool["total"])
        item = NeedAnalysis(
            need.fiche_id, need.fiche.label, need.quantity,
            secrecy.mask_value(pool["seeking"]), secrecy.mask_value(pool["experienced"]),
            secrecy.mask_value(pool["total"]), gap,
        )  # fmt: skip
        sources = [
            s for s in reconversion.top_sources(need.fiche_id, k=200)
            if s.code != need.fiche_id and s.score >= MIN_TRANSITION_SCORE and near.get(s.code)
        ][:MAX_SOURCES]  # fmt: skip
        skills = _core_skills([need.fiche_id, *(s.code for s in sources)])
        target_skills = skills.get(need.fiche_id, set())
        remaining = gap
        labels = {}
        for source in sources:
            ids = near[source.code]
            taken = min(remaining, len(ids))
            missing = sorted(target_skills - skills.get(source.code, set()))
            declared = jobs_territory.skill_counts(ids, missing) if missing and taken else {}
            missing_rows = []
            if missing:
                labels.update(dict(Skill.objects.filter(code__in=missing).values_list("code", "label")))
            for skill in missing:
                share_lacking = 1 - declared.get(skill, 0) / len(ids)
                to_train = round(taken * share_lacking)
                missing_rows.append((skill, labels.get(skill, skill), to_train))
                if to_train:
                    slot = training.setdefault(
                        (skill, need.fiche_id),
                        {
                            "skill": labels.get(skill, skill),
                            "fiche": need.fiche.label,
                            "fiche_code": need.fiche_id,
                            "people": 0,
                        },
                    )
                    slot["people"] += to_train
            missing_rows.sort(key=lambda r: -r[2])
            item.pools.append(
                Pool(
                    source.code,
                    source.label,
                    round(source.score, 2),
                    secrecy.mask_value(len(ids)),
                    taken,
                    missing_rows[:10],
                )
            )
            remaining -= taken
        item.uncovered = remaining
        analyses.append(item)
    return {"needs": analyses, "training": sorted(training.values(), key=lambda r: (-r["people"], r["skill"]))}


def closure_outlook(project: CompanyProject, k: int = 15) -> list[dict]:
    """For a closing site: per job held by its employees, the close métiers wanted locally.

    Local demand = BMO 2024 projects of the perimeter (bassins weighted, through the derived
    FAP 2021 → ROME table) for each target fiche; ranked by transition score × demand.
    """
    scope = perimeter_scope()
    weights = scope.zone_weights(Level.BASSIN)
    projects = weighted_sum("bmo_projects", Level.BASSIN, weights, period="2024", dim_kind="fap", by_dim=True)
    difficult = weighted_sum("bmo_difficult", Level.BASSIN, weights, period="2024", dim_kind="fap", by_dim=True)
    result = []
    for need in project.needs.select_related("fiche"):
        targets = reconversion.top_transitions(need.fiche_id, k=30)
        faps = defaultdict(list)
        for rome, fap, confidence in FapRomeMatch.objects.filter(rome_code__in=[t.code for t in targets]).values_list(
            "rome_code", "fap_code", "confidence"
        ):
            faps[rome].append((confidence, fap))
        rows = []
        for target in targets:
            if not faps.get(target.code):
                continue
            confidence, fap = max(faps[target.code])
            demand = (projects.get(fap) or (0, False))[0] or 0
            hard = (difficult.get(fap) or (0, False))[0] or 0
            rows.append(
                {
                    "code": target.code, "label": target.label, "score": round(target.score, 2), "fap": fap,
                    "confidence": round(confidence, 2), "projects": round(demand),
                    "difficult_pct": round(100 * hard / demand, 1) if demand else None,
                    "rank": target.score * demand,
                }
            )  # fmt: skip
        rows.sort(key=lambda r: -r["rank"])
        result.append({"fiche": need.fiche, "quantity": need.quantity, "targets": rows[:k]})
    return result
