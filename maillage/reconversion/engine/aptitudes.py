"""Transferable aptitudes read from the ROME content (no Django): gestures, qualities, contexts.

ROME's skill lists are trade-specific (« Couture flou », « Câblage filaire »): two trades of
different domains share few of them, although a seamstress's hands fit fine electronics. From the
skill, savoir-être and context labels, the fiche's label and definition (never mobility data), each
fiche gets a small vector of **aptitudes** — manual dexterity, precision, visual acuity, bench work,
repetitive fine work, reading plans, stamina, customer relations, creativity — and each aptitude a
*carry* weight: how far it carries across domains.

The product (``maillage.reconversion.aptitudes``: « bold moves », skills credited rather than « to
acquire ») builds the profiles from the database with these definitions; ``corpus_profiles`` and
``transfer_matrix`` build them from an export, as the re-ranker experiment of December 2026 did
(aptitude overlap as re-ranking features: no gain out-of-fold, see docs/reconversion.md).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from maillage.common_text import fold

from .corpus import CONTEXTE, CORE, SAVOIR_ETRE, RomeCorpus


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
CARRY = np.array([a.carry for a in APTITUDES])
SATURATION = 2.0  # weighted hits at which an aptitude counts fully
CORE_WEIGHT, GESTURE_WEIGHT, OTHER_WEIGHT, TEXT_WEIGHT = 2.0, 1.5, 1.0, 0.5
GESTURE_KINDS = (SAVOIR_ETRE, CONTEXTE)


def aptitudes_of_text(text: str) -> set[str]:
    """The aptitudes a label or text speaks of."""
    folded = fold(text)
    return {a.key for a in APTITUDES if a.pattern.search(folded)}


def item_weight(is_core: bool, is_gesture_kind: bool) -> float:
    """How much one skill item speaking of an aptitude counts (core skills most, then qualities and contexts)."""
    return CORE_WEIGHT if is_core else GESTURE_WEIGHT if is_gesture_kind else OTHER_WEIGHT


def levels_from_hits(hits: dict[str, float]) -> dict[str, float]:
    return {key: min(1.0, value / SATURATION) for key, value in hits.items()}


def corpus_profiles(corpus: RomeCorpus, codes: Iterable[str]) -> np.ndarray:
    """(fiches × aptitudes) levels in 0..1, rows following ``codes``, from the corpus alone."""
    by_label: dict[str, set[str]] = {}
    rows = []
    for code in codes:
        fiche = corpus.fiches[code]
        hits: dict[str, float] = defaultdict(float)
        for item_code, importance in fiche.items.items():
            item = corpus.items[item_code]
            keys = by_label.get(item.label)
            if keys is None:
                keys = by_label[item.label] = aptitudes_of_text(item.label)
            for key in keys:
                hits[key] += item_weight(importance == CORE, item.kind in GESTURE_KINDS)
        for key in aptitudes_of_text(f"{fiche.label} {fiche.definition}"):
            hits[key] += TEXT_WEIGHT
        levels = levels_from_hits(hits)
        rows.append([levels.get(a.key, 0.0) for a in APTITUDES])
    return np.array(rows, dtype=float).reshape(-1, len(APTITUDES))


def transfer_matrix(sources: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Carry-weighted Jaccard of every source profile against every target profile, 0..1."""
    weighted_min = np.minimum(sources[:, None, :], targets[None, :, :]) @ CARRY
    weighted_max = np.maximum(sources[:, None, :], targets[None, :, :]) @ CARRY
    return np.divide(weighted_min, weighted_max, out=np.zeros_like(weighted_min), where=weighted_max > 0)
