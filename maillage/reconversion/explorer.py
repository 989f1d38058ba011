"""Reads for the transition explorer: ranked targets with the skills kept and to acquire.

Explanations are computed from the database referential (``FicheSkill``): skills kept are the
savoir-faire and savoirs both fiches list; skills to acquire are the target's core skills
(cœur de métier) the source lacks, or, when it lists none, its other missing savoir-faire —
except the gestures and qualities (dexterity, precision…) the source métier already asks for,
which are credited (``aptitudes``). « Bold moves » are cross-domain paths explained by the
aptitudes that carry over.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from maillage.referentials import selectors as referentials
from maillage.referentials.models import FicheSkill, RomeFiche, SkillKind

from . import aptitudes
from .engine.features import CHANNEL_LABELS
from .engine.text import entry_level
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
    credited: list[str] = field(default_factory=list)  # aptitudes of the source the target asks for
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


def compare_skills(
    source: dict[str, SkillLine], target: dict[str, SkillLine], profile: aptitudes.Profile | None = None
) -> tuple[list, list]:
    """(skills kept, skills to acquire), core skills and savoir-faire first.

    A missing skill that names only gestures or qualities the source métier already asks for
    (``profile``) is never « to acquire »: the person has it.
    """
    kept = sorted((s for code, s in target.items() if code in source), key=_order)
    missing = [s for code, s in target.items() if code not in source]
    if profile is not None:
        missing = [s for s in missing if not aptitudes.credited(profile, s.label)]
    to_acquire = [s for s in missing if s.core] or [s for s in missing if s.kind == SkillKind.SAVOIR_FAIRE]
    return kept, sorted(to_acquire, key=_order)


def _credited(source: str, target: str) -> tuple[aptitudes.Profile | None, list[str]]:
    profiles = aptitudes.profiles()
    source_profile, target_profile = profiles.get(source), profiles.get(target)
    if source_profile is None or target_profile is None:
        return source_profile, []
    return source_profile, [a.label for a, _w in aptitudes.carried_over(source_profile, target_profile)]


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
        profile, credited = _credited(source, row.target_id)
        kept, to_acquire = compare_skills(skills.get(source, {}), skills.get(row.target_id, {}), profile)
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
                credited=credited,
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
    profile, credited = _credited(source, target)
    kept, to_acquire = compare_skills(skills.get(source, {}), skills.get(target, {}), profile)
    return TargetView(
        code=target,
        label=fiche.label,
        rank=row.rank if row else 0,
        score=row.score if row else 0.0,
        shared_count=len(kept),
        cross_domain=target[:1] != source[:1],
        kept=kept,
        to_acquire=to_acquire,
        credited=credited,
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


@dataclass(frozen=True)
class BoldMove:
    """A cross-domain path a person would not think of, and the aptitudes that carry over."""

    code: str
    label: str
    score: float
    aptitudes: list[str]
    higher_level: bool  # the target usually asks a higher diploma than the source

    @property
    def percent(self) -> int:
        return round(100 * self.score)


TRADE_OVERLAP_MAX = 0.15  # above this share of the target's savoirs in common, it is the same trade


def bold_moves(source: str, k: int = 8) -> list[BoldMove]:
    """Targets in another grand domaine, not of the same trade, ranked by the aptitudes that carry over."""
    profiles = aptitudes.profiles()
    source_profile = profiles.get(source)
    if source_profile is None:
        return []
    fiches = {
        code: (label, entry_level(access), cadre)
        for code, label, access, cadre in RomeFiche.objects.values_list("code", "label", "access", "emploi_cadre")
    }
    savoirs: dict[str, set[str]] = defaultdict(set)
    for fiche, skill in FicheSkill.objects.filter(skill__kind=SkillKind.SAVOIR).values_list("fiche_id", "skill_id"):
        savoirs[fiche].add(skill)
    source_level = fiches.get(source, ("", None, False))[1]
    scored = []
    for code, profile in profiles.items():
        label, level, cadre = fiches.get(code, ("", None, True))
        if code[:1] == source[:1] or cadre or not label:
            continue
        if len(savoirs[source] & savoirs[code]) > TRADE_OVERLAP_MAX * max(1, len(savoirs[code])):
            continue
        higher = source_level is not None and level is not None and level > source_level + 1
        score = aptitudes.transfer_score(source_profile, profile) * (0.6 if higher else 1.0)
        if score > 0:
            scored.append((round(score, 4), code, label, higher))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [
        BoldMove(
            code, label, score, [a.label for a, _w in aptitudes.carried_over(source_profile, profiles[code])], higher
        )
        for score, code, label, higher in scored[:k]
    ]


def _carried_labels(source: aptitudes.Profile, target: aptitudes.Profile) -> list[str]:
    return [aptitude.label for aptitude, _weight in aptitudes.carried_over(source, target)]
