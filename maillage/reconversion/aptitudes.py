"""Transferable aptitudes: the gestures, work contexts and interests a métier asks for.

ROME's skill lists are trade-specific (« Couture flou », « Câblage filaire »): two trades of
different domains share few of them, although a seamstress's hands fit fine electronics. This
module reads, from the ROME 4.0 content only (skill, savoir-être and context labels, definition
and access texts; never mobility data), a small vector of **aptitudes** per fiche — manual
dexterity, precision, visual acuity, bench work, repetitive fine work, stamina, reading plans,
customer relations, creativity — each weighted by how far it carries across domains (``carry``).

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


@dataclass(frozen=True)
class Aptitude:
    key: str
    label: str
    carry: float  # 0..1: how far the aptitude carries across domains
    pattern: re.Pattern


def _aptitude(key: str, label: str, carry: float, words: str) -> Aptitude:
    return Aptitude(key, label, carry, re.compile(rf"\b(?:{words})"))


APTITUDES: tuple[Aptitude, ...] = (
    _aptitude(
        "dexterity",
        "Dextérité, gestes fins",
        1.0,
        r"motricite fine|dexterit|minuti|habilete|coutur|coudre|couture|brod|piqure|cabl|sertis|soudure|soude"
        r"|brasage|braser|micro|horlog|bijou|joaill|assembl|retouch|gravure|dentell|maroquin|prothes|montage de"
        r"|composants? electroniques?|precision des gestes",
    ),
    _aptitude(
        "precision",
        "Précision et rigueur",
        0.8,
        r"precision|precis|rigueur|tolerance|conformite|metrolog|calibr|verifier la conformite",
    ),
    _aptitude(
        "vision",
        "Acuité visuelle, attention au détail",
        0.8,
        r"binoculaire|loupe|microscop|controle visuel|acuite|detail|colori|teinte|defaut|non-conformit",
    ),
    _aptitude(
        "bench",
        "Travail posté à l'établi ou en atelier",
        0.6,
        r"en atelier|etabli|poste de travail|laboratoire|atmosphere controlee|salle blanche|travail assis",
    ),
    _aptitude(
        "series",
        "Travail en série, gestes répétés",
        0.6,
        r"serie|cadence|repetiti|chaine|ligne de production|machine a coudre|insertion et pose|semi-automatique",
    ),
    _aptitude(
        "plans",
        "Lecture de plans, patrons et schémas",
        0.7,
        r"dessins? techniques?|lecture de plans|plans? et (?:de )?schemas?|schemas?|patron|gabarit",
    ),
    _aptitude(
        "stamina",
        "Endurance physique",
        0.4,
        r"charges lourdes|station debout|port de charges?|manutention|efforts? physiques?|intemperies",
    ),
    _aptitude("customers", "Relation avec la clientèle", 0.4, r"clientele|client|public|accueil"),
    _aptitude("creativity", "Créativité, sens esthétique", 0.4, r"creativ|esthetique|artistique|design|croquis"),
)
BY_KEY = {a.key: a for a in APTITUDES}
# Skills that name a quality of the hands or the eyes, not a technique: credited when the person's
# métier already asks for the aptitudes they speak of.
QUALITY = re.compile(
    r"\b(?:dexterit|motricite fine|minuti|habilete|precision|rigueur|acuite|gestes? (?:fins?|precis)"
    r"|attention au detail|patience|endurance)"
)
SATURATION = 2.0  # weighted hits at which an aptitude counts fully
GESTURE_KINDS = (SkillKind.SAVOIR_ETRE, SkillKind.CONTEXTE)


def aptitudes_of_text(text: str) -> set[str]:
    """The aptitudes a label or text speaks of."""
    folded = fold(text)
    return {a.key for a in APTITUDES if a.pattern.search(folded)}


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
        weight = 2.0 if importance == FicheSkill.Importance.CORE else 1.5 if kind in GESTURE_KINDS else 1.0
        for key in aptitudes_of_text(label):
            hits[fiche][key] += weight
    for code, label, definition in RomeFiche.objects.values_list("code", "label", "definition"):
        for key in aptitudes_of_text(f"{label} {definition}"):
            hits[code][key] += 0.5
    return {
        code: Profile({key: min(1.0, value / SATURATION) for key, value in by_key.items()})
        for code, by_key in hits.items()
    }


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
