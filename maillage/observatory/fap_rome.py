"""The derived FAP 2021 → ROME 4.0 table (there is no official one in our data).

Method (docs/observatory.md, « Table FAP 2021 → ROME »):

1. **Code structure.** A FAP 2021 code at the 228 level (``A0X40``) keeps the domain (``A0``) and
   the two-digit rank of its FAP 2009 ancestor (``A0Z40``); the third letter changed. The homologue
   FAP 2009 is ``domain + Z + rank`` when it exists. Its confidence is 0.5 plus half the similarity
   of the two labels, so a homologue whose content moved scores low.
2. **Label similarity.** Without a homologue, or when the homologue's labels disagree (< 0.25), the
   FAP 2009 of the same domain with the most similar label is taken (confidence 0.8 × similarity),
   if the similarity reaches 0.3.
3. The FAP 2009 gives ROME v3 codes (DARES table, ``referentials.FapRome``); a ROME 4.0 fiche
   belongs to a v3 code by its ``code_rome_parent``. Each pair's confidence is the FAP's confidence
   weighted by how much the ROME label resembles the FAP 2021 label (0.7 + 0.3 × similarity).
4. A FAP 2021 whose best FAP 2009 stays below the thresholds is matched on labels directly against
   ROME 4.0 fiches (similarity ≥ 0.45, confidence 0.6 × similarity); what remains is listed as
   unmatched.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from django.db import transaction

from maillage.common_files import open_text
from maillage.common_text import fold
from maillage.referentials.models import Fap, FapRome, RomeFiche

from .importers.bundled import data_dir
from .models import FapRomeMatch

STOPWORDS = {
    "de", "des", "du", "d", "la", "le", "les", "l", "et", "en", "a", "au", "aux", "ou", "sur", "par",
    "pour", "dans", "autres", "autre", "non", "qualifies", "qualifie", "salaries", "agents", "employes",
}  # fmt: skip
MIN_HOMOLOGUE_SIMILARITY = 0.25
MIN_LABEL_SIMILARITY = 0.3
MIN_DIRECT_SIMILARITY = 0.45


def _stems(label: str) -> set[str]:
    words = re.split(r"[^a-z0-9]+", fold(label))
    return {w[:5] for w in words if len(w) > 1 and w not in STOPWORDS}


def similarity(a: str, b: str) -> float:
    """Dice coefficient on word stems (5 letters), or 0.8 × the character ratio if higher."""
    sa, sb = _stems(a), _stems(b)
    dice = 2 * len(sa & sb) / (len(sa) + len(sb)) if sa and sb else 0.0
    ratio = SequenceMatcher(None, fold(a), fold(b)).ratio()
    return round(max(dice, 0.8 * ratio), 3)


@dataclass
class FapDerivation:
    fap_code: str
    fap_label: str
    fap2009_code: str = ""
    confidence: float = 0.0
    method: str = ""
    romes: list[tuple[str, str, float]] = field(default_factory=list)


@dataclass
class Coverage:
    fap_total: int
    fap_matched: int
    pairs: int
    by_method: dict[str, int]
    unmatched: list[tuple[str, str]]
    projects_share: float | None = None  # share of national BMO projects in matched FAP

    @property
    def share(self) -> float:
        return self.fap_matched / self.fap_total if self.fap_total else 0.0


def fap2021_labels(path: Path | None = None) -> dict[str, str]:
    """FAP 2021 at the 228 level (the BMO « métier » code) → label."""
    path = path or data_dir() / "dares_fap2021_nomenclature.csv.gz"
    labels: dict[str, str] = {}
    with open_text(path) as handle:
        for record in csv.DictReader(handle, delimiter=";"):
            code = (record.get("Code_FAP228") or "").strip()
            if code:
                labels[code] = (record.get("Intitulé_FAP228") or "").strip()
    return labels


def derive(labels: dict[str, str] | None = None) -> list[FapDerivation]:
    labels = labels if labels is not None else fap2021_labels()
    fap2009 = dict(Fap.objects.values_list("code", "label"))
    by_domain: dict[str, list[str]] = defaultdict(list)
    for code in fap2009:
        by_domain[code[:2]].append(code)
    v3_of: dict[str, set[str]] = defaultdict(set)
    for fap, rome in FapRome.objects.values_list("fap_id", "rome_v3"):
        v3_of[fap].add(rome)
    fiches_of_v3: dict[str, list[tuple[str, str]]] = defaultdict(list)
    all_fiches = list(RomeFiche.objects.values_list("code", "label", "code_rome_parent"))
    for code, label, parent in all_fiches:
        fiches_of_v3[parent or code].append((code, label))

    result = []
    for code, label in sorted(labels.items()):
        item = FapDerivation(code, label)
        homologue = f"{code[:2]}Z{code[3:5]}"
        if homologue in fap2009:
            sim = similarity(label, fap2009[homologue])
            if sim >= MIN_HOMOLOGUE_SIMILARITY:
                item.fap2009_code, item.confidence, item.method = homologue, 0.5 + sim / 2, "structure"
        if not item.fap2009_code:
            scored = sorted(((similarity(label, fap2009[c]), c) for c in by_domain.get(code[:2], [])), reverse=True)
            if scored and scored[0][0] >= MIN_LABEL_SIMILARITY:
                item.fap2009_code, item.confidence, item.method = scored[0][1], 0.8 * scored[0][0], "libelle"
        if item.fap2009_code:
            for v3 in sorted(v3_of.get(item.fap2009_code, ())):
                for rome_code, rome_label in fiches_of_v3.get(v3, ()):
                    weight = 0.7 + 0.3 * similarity(label, rome_label)
                    item.romes.append((rome_code, rome_label, round(item.confidence * weight, 3)))
        if not item.romes:
            scored = sorted(((similarity(label, rl), rc, rl) for rc, rl, _p in all_fiches), reverse=True)[:3]
            for sim, rome_code, rome_label in scored:
                if sim >= MIN_DIRECT_SIMILARITY:
                    item.method = "libelle"
                    item.romes.append((rome_code, rome_label, round(0.6 * sim, 3)))
            if item.romes:
                item.fap2009_code = ""
                item.confidence = max(c for _r, _l, c in item.romes)
        result.append(item)
    return result


def coverage_of(derivations: list[FapDerivation]) -> Coverage:
    by_method: dict[str, int] = defaultdict(int)
    for item in derivations:
        if item.romes:
            by_method[item.method] += 1
    return Coverage(
        fap_total=len(derivations),
        fap_matched=sum(1 for d in derivations if d.romes),
        pairs=sum(len(d.romes) for d in derivations),
        by_method=dict(by_method),
        unmatched=[(d.fap_code, d.fap_label) for d in derivations if not d.romes],
    )


@transaction.atomic
def rebuild(derivations: list[FapDerivation] | None = None) -> Coverage:
    """Replace the stored table by a fresh derivation (idempotent: same inputs, same rows)."""
    derivations = derivations if derivations is not None else derive()
    FapRomeMatch.objects.all().delete()
    FapRomeMatch.objects.bulk_create(
        [
            FapRomeMatch(
                fap_code=d.fap_code,
                fap_label=d.fap_label[:200],
                fap2009_code=d.fap2009_code,
                rome_code=rome_code,
                rome_label=rome_label[:255],
                confidence=min(1.0, confidence),
                method=d.method,
            )
            for d in derivations
            for rome_code, rome_label, confidence in d.romes
        ],
        batch_size=2000,
    )
    return coverage_of(derivations)
