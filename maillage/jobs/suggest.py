"""Suggest a ROME appellation and skills from an offer's free-text title and description.

Two TF-IDF spaces, built from the loaded ROME referential (no network, no model download):

* **titles**: character n-grams (3–5, inside word boundaries) and stemmed words of every
  appellation's long and short labels, both genders. It copes with typos, missing accents and
  gendered forms ("Couturière", "couturiere", "Couturier H/F"). The offer's title is cleaned first
  (``text.clean_title``: « H/F », contract and grade words, inclusive endings such as « (ne) »
  dropped, abbreviations expanded) and a word one edit away from a ROME word is read as that word.
* **fiches**: stemmed words of each fiche's label, appellations, definition, access text and skill
  labels (core skills twice). It reads the description, and rescues titles that name no appellation
  ("Opérateur de production H/F" is everywhere; the description says which trade). The last of the
  suggestions goes to the fiche these words match best among those the others do not hold, so that a
  loose title's neighbours do not fill the whole list.
* **skill codes**: the share of the ROME skill codes an offer lists (``competences``, ticked by the
  employer among the skills France Travail's form proposes for the chosen appellation's fiche) that
  each fiche holds, each code weighted by its idf. They point at the fiche more surely than words.
* **NAF division**: the fiches ROME finds in the offer's NAF division get a small bonus.
* **hiring priors** (``suggest_priors``, La Bonne Boite's public hirings by ROME v3 × NAF): how often
  a fiche's trade is hired at all (an ambiguous « Électricien » is most often a building
  electrician), and its share of the hirings of the employer's NAF sous-classe.

An appellation's score mixes its title similarity with its fiche's similarities (``components`` then
``combine``, so that ``bench/tune_suggest.py`` can try weights on a synthetic set). The three
similarities (title, fiche text, skill codes: each in 0..1) weigh the same, 1, chosen a priori
(docs/adr/0007-offer-coder-weights-without-the-evaluation-offers.md): no set of offers can choose
them, since the real offers are for evaluation only and the synthetic ones weigh text and title
differently from real ones. The priors' weights (NAF division, popularity, sector, rarely used
appellations) were tuned on a synthetic set (``maillage.jobs.demo.synthetic``,
``generate_ft_offers(realistic=True)``, seed 11) with the three similarities at 1; no real offer was
read to choose any weight (``bench/suggest_rome.py --real`` only reports). The index is rebuilt per
process when the referential changes (the key is read from the database), so nothing is shared
between processes.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db.models import Count, Max
from scipy import sparse

from maillage.referentials.models import Appellation, FicheNafDivision, FicheSkill, ReferentialLoad, RomeFiche

from .suggest_priors import HiringPriors
from .text import ABBREVIATIONS, TitleVocabulary, char_ngrams, clean_title, content_words, normalise, stem

# A priori (ADR 0007): the three similarities weigh the same.
TITLE_WEIGHT = 1.0
FICHE_TEXT_WEIGHT = 1.0
SKILL_CODE_WEIGHT = 1.0
# Tuned on synthetic offers only (bench/tune_suggest.py, seed 11, the similarities at 1).
NAF_WEIGHT = 0.0
POPULARITY_WEIGHT = 0.24
SECTOR_WEIGHT = 0.15
RARELY_USED_PENALTY = 0.025
WEIGHTS = {
    "title": TITLE_WEIGHT,
    "text": FICHE_TEXT_WEIGHT,
    "skills": SKILL_CODE_WEIGHT,
    "naf": NAF_WEIGHT,
    "popularity": POPULARITY_WEIGHT,
    "sector": SECTOR_WEIGHT,
    "rare": RARELY_USED_PENALTY,
}
MAX_PER_FICHE = 2
INDEX_VERSION = 5  # bump when the features change, so old cache files are not read


@dataclass(frozen=True)
class AppellationSuggestion:
    code: str
    label: str
    fiche_code: str
    fiche_label: str
    score: float


@dataclass(frozen=True)
class OfferText:
    """What a job offer says of its trade: every field but the answer (its ROME code)."""

    title: str
    description: str = ""
    skill_codes: tuple[str, ...] = ()  # ROME skill codes ticked by the employer
    naf_code: str = ""  # the employer's NAF code (e.g. « 81.21Z »)
    training: str = ""  # training domains and comments

    @classmethod
    def from_ft_offer(cls, item: dict) -> OfferText:
        """From a France Travail API offer (``romeCode``, ``romeLibelle`` and ``appellationlibelle`` ignored)."""
        skills = tuple(str(c["code"]) for c in item.get("competences") or [] if isinstance(c, dict) and c.get("code"))
        training = " ".join(
            f"{t.get('domaineLibelle', '')} {t.get('commentaire', '')}"
            for t in item.get("formations") or []
            if isinstance(t, dict)
        )
        return cls(
            title=str(item.get("intitule") or ""),
            description=str(item.get("description") or ""),
            skill_codes=skills,
            naf_code=str(item.get("codeNAF") or ""),
            training=training,
        )


@dataclass(frozen=True)
class SkillSuggestion:
    code: str
    label: str
    is_core: bool
    score: float


class _TfIdf:
    """A minimal TF-IDF (sublinear tf, smoothed idf, L2 norm) over pre-tokenised features."""

    def __init__(self, documents: list[list[str]]):
        df: Counter = Counter()
        for features in documents:
            df.update(set(features))
        self.vocabulary = {feature: index for index, feature in enumerate(sorted(df))}
        n = len(documents)
        self.idf = np.array([math.log((1 + n) / (1 + df[f])) + 1.0 for f in sorted(df)], dtype=np.float32)
        self.matrix = self.transform(documents)

    def similarities(self, features: list[str]) -> np.ndarray:
        """Cosine of one document against every indexed one (a sparse matrix times a dense vector: fast)."""
        counts = Counter(f for f in features if f in self.vocabulary)
        if not counts:
            return np.zeros(self.matrix.shape[0], dtype=np.float32)
        indices = np.fromiter((self.vocabulary[f] for f in counts), dtype=np.int64, count=len(counts))
        weights = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
        weights *= self.idf[indices]
        weights /= np.linalg.norm(weights) or 1.0
        if not hasattr(self, "_columns"):
            self._columns = self.matrix.T.tocsr()  # features × documents: a query touches few rows
        return np.asarray(self._columns[indices].T @ weights).ravel()

    def transform(self, documents: list[list[str]]) -> sparse.csr_matrix:
        rows, cols, values = [], [], []
        for row, features in enumerate(documents):
            counts = Counter(f for f in features if f in self.vocabulary)
            if not counts:
                continue
            indices = np.fromiter((self.vocabulary[f] for f in counts), dtype=np.int64, count=len(counts))
            weights = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
            weights *= self.idf[indices]
            weights /= np.linalg.norm(weights) or 1.0
            rows.extend([row] * len(indices))
            cols.extend(indices.tolist())
            values.extend(weights.tolist())
        return sparse.csr_matrix(
            (np.array(values, dtype=np.float32), (rows, cols)), shape=(len(documents), len(self.vocabulary))
        )


class _SkillCoverage:
    """Which share of an offer's ticked skill codes each fiche holds, each code weighted by its idf.

    France Travail's offer form proposes the skills of the fiche of the appellation the employer
    chose, so the ticked codes are (nearly) all the right fiche's: a fiche holding all of them, rare
    ones above all, is the likely answer, however many other skills it has (a cosine would favour
    the fiches with few skills).
    """

    def __init__(self, documents: list[list[str]]):
        self.vocabulary = {code: index for index, code in enumerate(sorted({c for d in documents for c in d}))}
        n = len(documents)
        df = Counter(c for d in documents for c in set(d))
        self.idf = np.array([math.log((1 + n) / (1 + df[c])) + 1.0 for c in sorted(df)], dtype=np.float32)
        rows = [row for row, d in enumerate(documents) for c in set(d)]
        cols = [self.vocabulary[c] for d in documents for c in set(d)]
        held = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, len(self.vocabulary)))
        self._columns = held.T.tocsr()

    def shares(self, codes) -> np.ndarray:
        indices = np.array(sorted({self.vocabulary[c] for c in codes if c in self.vocabulary}), dtype=np.int64)
        if not len(indices):
            return np.zeros(self._columns.shape[1], dtype=np.float32)
        weights = self.idf[indices] / self.idf[indices].sum()
        return np.asarray(self._columns[indices].T @ weights).ravel()


def title_features(text: str) -> list[str]:
    normalised = normalise(text)
    stems = [stem(w) for w in content_words(normalised)]
    return char_ngrams(normalised) + [f"w:{s}" for s in stems]


def text_features(text: str) -> list[str]:
    return [stem(w) for w in content_words(text)]


class Suggester:
    def __init__(self):
        appellations = list(
            Appellation.objects.order_by("code").values_list("code", "label", "short_label", "fiche_id", "rarely_used")
        )
        fiches = list(
            RomeFiche.objects.order_by("code").values_list("code", "label", "definition", "access", "code_rome_parent")
        )
        self.fiche_codes = [f[0] for f in fiches]
        self.fiche_labels = {f[0]: f[1] for f in fiches}
        fiche_index = {code: i for i, code in enumerate(self.fiche_codes)}
        self.app_codes = [a[0] for a in appellations]
        self.app_labels = [a[1] for a in appellations]
        self.app_fiche = np.array([fiche_index.get(a[3], 0) for a in appellations], dtype=np.int64)
        self.app_rare = np.array([a[4] for a in appellations], dtype=bool)
        self.titles = _TfIdf([title_features(f"{a[1]} {a[2]}") for a in appellations])
        vocabulary = {w for a in appellations for w in clean_title(f"{a[1]} {a[2]}").split()}
        self.title_vocabulary = TitleVocabulary(vocabulary | {w for v in ABBREVIATIONS.values() for w in v.split()})

        fiche_words: dict[str, list[str]] = {code: [] for code in self.fiche_codes}
        for code, label, definition, access, _parent in fiches:
            fiche_words[code] += text_features(label) * 3 + text_features(definition) + text_features(access)
        for _code, label, _short, fiche_id, _rare in appellations:
            fiche_words.setdefault(fiche_id, []).extend(text_features(label))
        self.fiche_skills: dict[str, list[tuple[str, str, bool]]] = {}
        for fiche_id, skill_code, skill_label, importance in FicheSkill.objects.values_list(
            "fiche_id", "skill_id", "skill__label", "importance"
        ).order_by("fiche_id", "skill_id"):
            is_core = importance == FicheSkill.Importance.CORE
            fiche_words.setdefault(fiche_id, []).extend(text_features(skill_label) * (2 if is_core else 1))
            self.fiche_skills.setdefault(fiche_id, []).append((skill_code, skill_label, is_core))
        self.fiches = _TfIdf([fiche_words[code] for code in self.fiche_codes])
        self.skill_coverage = _SkillCoverage(
            [[skill_code for skill_code, _label, _core in self.fiche_skills.get(code, [])] for code in self.fiche_codes]
        )
        self.naf_divisions: dict[str, np.ndarray] = {}
        for fiche_id, division in FicheNafDivision.objects.values_list("fiche_id", "division"):
            if fiche_id in fiche_index:
                column = self.naf_divisions.setdefault(division, np.zeros(len(self.fiche_codes), dtype=np.float32))
                column[fiche_index[fiche_id]] = 1.0
        self.priors = HiringPriors(self.fiche_codes, {f[0]: f[4] for f in fiches})

    def title_words(self, title: str) -> str:
        """The title's words that name the job: noise dropped, abbreviations expanded, typos of ROME words corrected."""
        cleaned = clean_title(title) or normalise(title)
        return " ".join(self.title_vocabulary.correct(w) or w for w in cleaned.split())

    def components(self, offer: OfferText) -> dict[str, np.ndarray | None]:
        """Each signal's scores for the offer: ``title`` per appellation, the others per fiche (None: absent).

        Computed once per offer, so that ``bench/tune_suggest.py`` can try many weights on a set.
        """
        cleaned = self.title_words(offer.title)
        words = text_features(cleaned) * 3 + text_features(offer.description) + text_features(offer.training)
        division = offer.naf_code.replace(".", "")[:2]
        return {
            "title": self.titles.similarities(title_features(cleaned)),
            "text": self.fiches.similarities(words),
            "skills": self.skill_coverage.shares(offer.skill_codes) if offer.skill_codes else None,
            "naf": self.naf_divisions.get(division),
            "sector": self.priors.sector(offer.naf_code) if offer.naf_code else None,
        }

    def combine(self, parts: dict[str, np.ndarray | None], weights: dict[str, float] | None = None) -> np.ndarray:
        """An appellation's score: its title similarity plus its fiche's weighted signals and priors."""
        w = weights or WEIGHTS
        fiche_score = w["text"] * parts["text"]
        for name in ("skills", "naf", "popularity", "sector"):
            signal = self.priors.popularity if name == "popularity" else parts[name]
            if signal is not None:
                fiche_score += w[name] * signal
        return w["title"] * parts["title"] + fiche_score[self.app_fiche] - w["rare"] * self.app_rare

    def _scores(self, offer: OfferText) -> tuple[np.ndarray, np.ndarray | None]:
        """Every appellation's score, and every fiche's similarity to the offer's words (None: no fiches)."""
        if not self.fiche_codes:
            cleaned = self.title_words(offer.title)
            return self.titles.similarities(title_features(cleaned)), None
        parts = self.components(offer)
        return self.combine(parts), parts["text"]

    def suggest_appellations(self, title: str, description: str = "", k: int = 5) -> list[AppellationSuggestion]:
        return self.suggest_for_offer(OfferText(title=title, description=description), k=k)

    def suggest_for_offer(
        self, offer: OfferText, k: int = 5, per_fiche: int = MAX_PER_FICHE
    ) -> list[AppellationSuggestion]:
        """The ``k`` best appellations for an offer, at most ``per_fiche`` of each fiche."""
        if not self.app_codes or not (offer.title or offer.description).strip():
            return []
        scores, text = self._scores(offer)
        candidates = np.argsort(-scores)[: max(80, k * 16)]
        per_fiche_count: Counter = Counter()
        results = []
        for index in candidates:
            if scores[index] <= 0:
                break
            fiche_code = self.fiche_codes[self.app_fiche[index]]
            if per_fiche_count[fiche_code] >= per_fiche:
                continue
            per_fiche_count[fiche_code] += 1
            results.append(
                AppellationSuggestion(
                    code=self.app_codes[index],
                    label=self.app_labels[index],
                    fiche_code=fiche_code,
                    fiche_label=self.fiche_labels.get(fiche_code, ""),
                    score=round(float(scores[index]), 4),
                )
            )
            if len(results) == k:
                break
        return self._with_text_pick(results, scores, text, k)

    def _with_text_pick(
        self, results: list[AppellationSuggestion], scores: np.ndarray, text: np.ndarray | None, k: int
    ) -> list[AppellationSuggestion]:
        """The last of ``k`` suggestions goes to the fiche the offer's words match best among the others.

        A title names the trade loosely (« Technicien de maintenance » fits forty fiches) and its close
        neighbours can fill the whole list; the employer, who confirms the choice, is then also offered
        the trade the description points at. The first ``k - 1`` suggestions are unchanged.
        """
        if text is None or k < 2 or len(results) < k:
            return results
        held = {s.fiche_code for s in results[:-1]}
        fiche = next((int(f) for f in np.argsort(-text, kind="stable") if self.fiche_codes[f] not in held), None)
        if fiche is None or text[fiche] <= 0 or self.fiche_codes[fiche] == results[-1].fiche_code:
            return results
        rows = np.flatnonzero(self.app_fiche == fiche)
        best = int(rows[np.argmax(scores[rows])])
        if scores[best] <= 0:
            return results
        fiche_code = self.fiche_codes[fiche]
        pick = AppellationSuggestion(
            code=self.app_codes[best],
            label=self.app_labels[best],
            fiche_code=fiche_code,
            fiche_label=self.fiche_labels.get(fiche_code, ""),
            score=round(float(scores[best]), 4),
        )
        return [*results[:-1], pick]

    def suggest_skills(self, fiche_code: str, text: str, k: int = 8) -> list[SkillSuggestion]:
        """The fiche's skills the text talks about (core skills first when it says little)."""
        skills = self.fiche_skills.get(fiche_code, [])
        if not skills:
            return []
        query = set(text_features(text))
        scored = []
        for code, label, is_core in skills:
            features = set(text_features(label))
            overlap = sum(
                float(self.fiches.idf[self.fiches.vocabulary[f]])
                for f in features & query
                if f in self.fiches.vocabulary
            )
            score = overlap / (1.0 + len(features)) + (0.25 if is_core else 0.0)
            scored.append(SkillSuggestion(code=code, label=label, is_core=is_core, score=round(score, 4)))
        scored.sort(key=lambda s: (-s.score, s.label))
        return scored[:k]


_lock = threading.Lock()
_cache: dict = {}


def _referential_key() -> tuple:
    load = ReferentialLoad.objects.aggregate(at=Max("loaded_at"))["at"]
    counts = Appellation.objects.aggregate(n=Count("code"))["n"], FicheSkill.objects.count()
    return (load, *counts)


def _cache_file(key: tuple) -> Path:
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:16]
    return Path(settings.VAR_DIR) / "cache" / f"jobs-suggester-{INDEX_VERSION}-{digest}.pickle"


def _load_or_build(key: tuple) -> Suggester:
    """The index from this machine's file cache (written by the first process that built it), or built."""
    path = _cache_file(key)
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # our own file, in the application's private directory
    except Exception:  # missing, truncated or from another version: rebuild
        pass
    suggester = Suggester()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(suggester, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:
        pass  # a read-only disk only costs the rebuild
    return suggester


def get_suggester() -> Suggester:
    """This process's suggester, rebuilt when the ROME referential changed in the database.

    The index (a few seconds to build) is also kept in a file under ``VAR_DIR/cache`` named after
    the referential's key, so other processes and restarts load it instead of rebuilding it.
    """
    key = _referential_key()
    with _lock:
        if _cache.get("key") != key:
            _cache["suggester"] = _load_or_build(key) if key[1] else Suggester()
            _cache["key"] = key
        return _cache["suggester"]


def suggest_appellations(title: str, description: str = "", k: int = 5) -> list[AppellationSuggestion]:
    return get_suggester().suggest_appellations(title, description, k)


def suggest_skills(fiche_code: str, text: str, k: int = 8) -> list[SkillSuggestion]:
    return get_suggester().suggest_skills(fiche_code, text, k)
