"""Transferable aptitudes: the gestures, work contexts and interests a métier asks for.

ROME's skill lists are trade-specific (« Couture flou », « Câblage filaire »): two trades of
different domains share few of them, although a seamstress's hands fit fine electronics. This
module reads, from the ROME 4.0 content only (skill, savoir-être and context labels, definition
and access texts; never mobility data), a small vector of **aptitudes** per fiche — manual
dexterity, precision, visual acuity, bench work, repetitive fine work, stamina, reading plans,
customer relations, creativity — each weighted by how far it carries across domains (``carry``).
The aptitudes and their patterns are defined in ``engine.aptitudes`` (shared with the re-ranker);
this module builds the profiles from the database referential.

Used by the explorer's « bold moves » (cross-domain paths explained by the aptitudes that carry
over) and to never list as « to acquire » a gesture or quality the person's métier already asks.
"""

from __future__ import annotations

import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max

from maillage.common_text import fold
from maillage.referentials.models import FicheSkill, ReferentialLoad, RomeFiche, SkillKind

from .engine.aptitudes import (  # noqa: F401 (re-exported for the explorer and matching)
    APTITUDES,
    BY_KEY,
    TEXT_WEIGHT,
    Aptitude,
    aptitudes_of_text,
    item_weight,
    levels_from_hits,
)

# Skills that name a quality of the hands or the eyes, not a technique: credited when the person's
# métier already asks for the aptitudes they speak of.
QUALITY = re.compile(
    r"\b(?:dexterit|motricite fine|minuti|habilete|precision|rigueur|acuite|gestes? (?:fins?|precis)"
    r"|attention au detail|patience|endurance)"
)
GESTURE_KINDS = (SkillKind.SAVOIR_ETRE, SkillKind.CONTEXTE)


@dataclass(frozen=True)
class Profile:
    """A fiche's aptitudes, each 0..1."""

    levels: dict[str, float]

    def has(self, key: str) -> bool:
        return self.levels.get(key, 0.0) >= 0.5


def _build_profiles() -> dict[str, Profile]:
    hits: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    rows = FicheSkill.objects.values_list("fiche_id", "skill__label", "skill__kind", "importance")
    for fiche, label, kind, importance in rows.iterator(chunk_size=5000):
        weight = item_weight(importance == FicheSkill.Importance.CORE, kind in GESTURE_KINDS)
        for key in aptitudes_of_text(label):
            hits[fiche][key] += weight
    for code, label, definition in RomeFiche.objects.values_list("code", "label", "definition"):
        for key in aptitudes_of_text(f"{label} {definition}"):
            hits[code][key] += TEXT_WEIGHT
    return {code: Profile(levels_from_hits(by_key)) for code, by_key in hits.items()}


_lock = threading.Lock()
_cache: dict = {}


RECHECK_SECONDS = 60  # how often a process checks whether the referential changed


def profiles() -> dict[str, Profile]:
    """Every fiche's aptitude profile, built once per process and referential version.

    The referential's version is checked at most once a minute, so a page that explains twenty
    matches costs no query here.
    """
    with _lock:
        if "profiles" in _cache and time.monotonic() - _cache["checked"] < RECHECK_SECONDS:
            return _cache["profiles"]
        key = (
            ReferentialLoad.objects.aggregate(at=Max("loaded_at"))["at"],
            FicheSkill.objects.aggregate(n=Count("id"))["n"],
        )
        if _cache.get("key") != key:
            _cache["profiles"] = _build_profiles()
            _cache["key"] = key
        _cache["checked"] = time.monotonic()
        return _cache["profiles"]


def credited_labels(held_fiches: list[str], labels: list[str]) -> set[str]:
    """Among skill ``labels``, the qualities one of the ``held_fiches`` métiers already asks for."""
    known = [p for p in (profiles().get(code) for code in held_fiches) if p is not None]
    return {label for label in labels if any(credited(profile, label) for profile in known)}


def carried_over(source: Profile, target: Profile) -> list[tuple[Aptitude, float]]:
    """The target's aptitudes the source already has, most transferable first, with their weight."""
    shared = []
    for aptitude in APTITUDES:
        part = min(source.levels.get(aptitude.key, 0.0), target.levels.get(aptitude.key, 0.0))
        if part >= 0.5:
            shared.append((aptitude, round(aptitude.carry * part, 3)))
    return sorted(shared, key=lambda pair: (-pair[1], pair[0].label))


def transfer_score(source: Profile, target: Profile) -> float:
    """Weighted Jaccard of the two profiles (each aptitude weighted by its carry), 0..1."""
    num = den = 0.0
    for aptitude in APTITUDES:
        s, t = source.levels.get(aptitude.key, 0.0), target.levels.get(aptitude.key, 0.0)
        num += aptitude.carry * min(s, t)
        den += aptitude.carry * max(s, t)
    return num / den if den else 0.0


def credited(source: Profile, label: str) -> bool:
    """Whether a skill of that label is a gesture or quality the source métier already asks for."""
    if not QUALITY.search(fold(label)):
        return False
    keys = aptitudes_of_text(label)
    return bool(keys) and all(source.has(key) for key in keys)
