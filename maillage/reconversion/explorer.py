"""Reads for the transition explorer: ranked targets with the skills kept and to acquire.

Explanations are computed from the database referential (``FicheSkill``): skills kept are the
savoir-faire and savoirs both fiches list; skills to acquire are the target's core skills
(cœur de métier) the source lacks, or, when it lists none, its other missing savoir-faire.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from maillage.referentials import selectors as referentials
from maillage.referentials.models import FicheSkill, RomeFiche, SkillKind

from .engine.features import CHANNEL_LABELS
from .models import Transition

SKILL_KINDS = (SkillKind.SAVOIR_FAIRE, SkillKind.SAVOIR)
CORE = FicheSkill.Importance.CORE
PREVIEW = 6


@dataclass(frozen=True)
class SkillLine:
    code: str
    label: str
    kind: str
    core: bool


@dataclass
class TargetView:
    code: str
    label: str
    rank: int
    score: float
    shared_count: int
    cross_domain: bool
    kept: list[SkillLine] = field(default_factory=list)
    to_acquire: list[SkillLine] = field(default_factory=list)
    breakdown: list[tuple[str, float, int]] = field(default_factory=list)  # (label, part, percent)

    @property
    def percent(self) -> int:
        return round(100 * self.score)


def _skills_by_fiche(codes: list[str]) -> dict[str, dict[str, SkillLine]]:
    rows = (
        FicheSkill.objects.filter(fiche_id__in=codes, skill__kind__in=SKILL_KINDS)
        .values_list("fiche_id", "skill_id", "skill__label", "skill__kind", "importance")
        .order_by("skill__label")
    )
    out: dict[str, dict[str, SkillLine]] = defaultdict(dict)
    for fiche, code, label, kind, importance in rows:
        out[fiche][code] = SkillLine(code, label, kind, importance == CORE)
    return out


def compare_skills(source: dict[str, SkillLine], target: dict[str, SkillLine]) -> tuple[list, list]:
    """(skills kept, skills to acquire), core skills and savoir-faire first."""
    kept = sorted((s for code, s in target.items() if code in source), key=_order)
    missing = [s for code, s in target.items() if code not in source]
    to_acquire = [s for s in missing if s.core] or [s for s in missing if s.kind == SkillKind.SAVOIR_FAIRE]
    return kept, sorted(to_acquire, key=_order)


def _order(skill: SkillLine):
    return (not skill.core, skill.kind != SkillKind.SAVOIR_FAIRE, skill.label)


def breakdown_lines(breakdown: dict[str, float], score: float) -> list[tuple[str, float, int]]:
    parts = sorted(((k, v) for k, v in (breakdown or {}).items() if v > 0), key=lambda kv: (-kv[1], kv[0]))
    total = sum(v for _, v in parts) or score or 1.0
    lines = [(CHANNEL_LABELS.get(name, name), value, round(100 * value / total)) for name, value in parts]
    return [line for line in lines if line[2] > 0]


def ranked_targets(source: str, k: int = 20, other_domains_only: bool = False, preview: int = PREVIEW):
    """The source's best targets with their explanations (two queries whatever ``k``)."""
    rows = Transition.objects.filter(source_id=source).select_related("target").order_by("rank")
    if other_domains_only:
        rows = rows.exclude(target__code__startswith=source[:1])
    rows = list(rows[: max(1, min(k, 100))])
    skills = _skills_by_fiche([source, *[r.target_id for r in rows]])
    views = []
    for row in rows:
        kept, to_acquire = compare_skills(skills.get(source, {}), skills.get(row.target_id, {}))
        views.append(
            TargetView(
                code=row.target_id,
                label=row.target.label,
                rank=row.rank,
                score=row.score,
                shared_count=row.shared_skills,
                cross_domain=row.target_id[:1] != source[:1],
                kept=kept[:preview] if preview else kept,
                to_acquire=to_acquire[:preview] if preview else to_acquire,
                breakdown=breakdown_lines(row.breakdown, row.score),
            )
        )
    return views


def transition_detail(source: str, target: str) -> TargetView | None:
    """One transition, fully explained (all skills kept and to acquire, score breakdown)."""
    row = Transition.objects.filter(source_id=source, target_id=target).select_related("target").first()
    fiche = RomeFiche.objects.filter(code=target).only("code", "label").first()
    if fiche is None:
        return None
    skills = _skills_by_fiche([source, target])
    kept, to_acquire = compare_skills(skills.get(source, {}), skills.get(target, {}))
    return TargetView(
        code=target,
        label=fiche.label,
        rank=row.rank if row else 0,
        score=row.score if row else 0.0,
        shared_count=len(kept),
        cross_domain=target[:1] != source[:1],
        kept=kept,
        to_acquire=to_acquire,
        breakdown=breakdown_lines(row.breakdown, row.score) if row else [],
    )


def official_mobility(source: str):
    """ROME's curated mobility links (shown apart, never used by the engine)."""
    return referentials.official_mobility(source)


def search_jobs(query: str, limit: int = 15):
    """Appellations matching ``query`` (accent-insensitive), for the public job picker."""
    if len(query.strip()) < 2:
        return []
    return referentials.search_appellations(query, limit)
