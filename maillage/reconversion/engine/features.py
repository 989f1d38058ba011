"""Per-fiche representations (sparse TF-IDF vectors) and pairwise code features.

Every channel is a row-normalised sparse matrix whose rows follow ``codes``: the cosine
similarity of two fiches on that channel is the dot product of their rows. Pairwise features
(same domain, education level, v3 "socle" fiche…) are computed from small per-fiche arrays.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .corpus import CONTEXTE, SAVOIR, SAVOIR_ETRE, SAVOIR_FAIRE, Fiche, RomeCorpus
from .text import entry_level, terms
from .weights import DEFAULT_IMPORTANCE


def tfidf_matrix(docs: list[dict[str, float]], idf: bool = True) -> sp.csr_matrix:
    """Rows of ``docs`` (term -> weight) as an L2-normalised TF-IDF matrix (smooth idf)."""
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, doc in enumerate(docs):
        for term in sorted(doc):
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(doc[term])
    matrix = sp.csr_matrix((values, (rows, cols)), shape=(len(docs), max(1, len(vocabulary))), dtype=np.float64)
    if idf and vocabulary:
        df = np.bincount(matrix.indices, minlength=matrix.shape[1])
        matrix = matrix @ sp.diags(np.log((1 + len(docs)) / (1 + df)) + 1.0)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def bag_of_terms(words: Iterable[str]) -> dict[str, float]:
    """Sublinear term frequencies."""
    return {word: 1.0 + math.log(count) for word, count in Counter(words).items()}


def _items_doc(corpus: RomeCorpus, fiche: Fiche, importance: dict, keep: Callable) -> dict[str, float]:
    return {code: importance.get(imp, 1.0) for code, imp in fiche.items.items() if keep(corpus.items[code])}


def _item_words(corpus: RomeCorpus, fiche: Fiche, _importance=None) -> dict[str, float]:
    labels = (corpus.items[code].label for code in fiche.items if corpus.items[code].kind != CONTEXTE)
    return bag_of_terms(term for label in labels for term in terms(label))


def _macro_doc(corpus: RomeCorpus, fiche: Fiche, _importance=None) -> dict[str, float]:
    doc: dict[str, float] = defaultdict(float)
    for code in fiche.items:
        macro = corpus.items[code].macro_code
        if macro:
            doc[macro] += 1.0
    return doc


def _category_doc(corpus: RomeCorpus, fiche: Fiche, _importance=None) -> dict[str, float]:
    doc: dict[str, float] = defaultdict(float)
    for code in fiche.items:
        item = corpus.items[code]
        if item.category:
            doc[f"c:{item.kind}:{item.category}"] += 1.0
        if item.subcategory:
            doc[f"s:{item.subcategory}"] += 1.0
    return doc


def _macro_words(corpus: RomeCorpus, fiche: Fiche, _importance=None) -> dict[str, float]:
    labels = (corpus.macro_labels.get(corpus.items[code].macro_code, "") for code in fiche.items)
    return bag_of_terms(term for label in labels for term in terms(label))


def _riasec_profile(corpus: RomeCorpus, fiche: Fiche, _importance=None) -> dict[str, float]:
    doc: dict[str, float] = defaultdict(float)
    for code in fiche.items:
        letters = corpus.macro_riasec.get(corpus.items[code].macro_code, "")
        for position, letter in enumerate(letters[:2]):
            doc[letter] += 1.0 if position == 0 else 0.5
    return doc


def _tags(fiche: Fiche, *prefixes: str) -> dict[str, float]:
    return {tag: 1.0 for tag in fiche.tags if tag.startswith(prefixes)}


def _is_transverse(item) -> bool:
    return item.kind == SAVOIR_FAIRE and item.category == "Transverse"


def _is_technical(item) -> bool:
    return item.kind == SAVOIR_FAIRE and item.category != "Transverse"


# name -> (French label for explanations, builder(corpus, fiche, importance) -> doc, use idf)
VECTOR_CHANNELS: dict[str, tuple[str, Callable, bool]] = {
    "sf": ("Savoir-faire communs", lambda c, f, w: _items_doc(c, f, w, lambda i: i.kind == SAVOIR_FAIRE), True),
    "techn": ("Savoir-faire techniques communs", lambda c, f, w: _items_doc(c, f, w, _is_technical), True),
    "transv": ("Savoir-faire transverses communs", lambda c, f, w: _items_doc(c, f, w, _is_transverse), True),
    "sav": ("Savoirs communs", lambda c, f, w: _items_doc(c, f, w, lambda i: i.kind == SAVOIR), True),
    "ctx": ("Contextes de travail proches", lambda c, f, w: _items_doc(c, f, w, lambda i: i.kind == CONTEXTE), True),
    "se": ("Savoir-être communs", lambda c, f, w: _items_doc(c, f, w, lambda i: i.kind == SAVOIR_ETRE), True),
    "macro": ("Macro-compétences communes", _macro_doc, True),
    "cat": ("Catégories de compétences", _category_doc, True),
    "itemwords": ("Vocabulaire des compétences", _item_words, True),
    "macrowords": ("Vocabulaire des macro-compétences", _macro_words, True),
    "rprof": ("Profil RIASEC des compétences", _riasec_profile, False),
    "text": ("Définition et accès au métier", lambda c, f, w: bag_of_terms(terms(f"{f.definition} {f.access}")), True),
    "def": ("Définition du métier", lambda c, f, w: bag_of_terms(terms(f.definition)), True),
    "access": ("Accès au métier", lambda c, f, w: bag_of_terms(terms(f.access)), True),
    "label": (
        "Intitulés et appellations",
        lambda c, f, w: bag_of_terms(terms(" ".join([f.label, *f.appellations]))),
        True,
    ),
    "tags": ("Secteurs, thèmes et centres d'intérêt", lambda c, f, w: dict.fromkeys(f.tags, 1.0), True),
    "interest": ("Centres d'intérêt communs", lambda c, f, w: _tags(f, "interest:"), True),
    "sectors": ("Secteurs d'activité communs", lambda c, f, w: _tags(f, "naf:", "sect:", "sectgroup:"), True),
}

# Bridges between domains: a vector channel counted only when the target is in another grand domaine
# (sharing sectors or interests is what makes a move to another trade realistic).
CROSS_CHANNELS = {
    "tags_x": ("Secteurs et centres d'intérêt communs, autre domaine", "tags"),
    "interest_x": ("Centres d'intérêt communs, autre domaine", "interest"),
    "sectors_x": ("Secteurs d'activité communs, autre domaine", "sectors"),
}

PAIR_CHANNELS = {
    "same_dp": "Même domaine professionnel",
    "same_gd": "Même grand domaine",
    "same_parent": "Même fiche ROME v3 d'origine",
    "riasec": "Profil RIASEC proche",
    "level": "Niveau d'accès proche",
    "level_up": "Évolution vers un niveau supérieur",
    "level_down": "Niveau d'accès inférieur",
    "orig": "Fiche socle (issue du ROME v3)",
    "cadre": "Même statut (cadre / non cadre)",
    "breadth": "Fiche aux compétences étendues",
}
CHANNEL_LABELS = (
    {name: spec[0] for name, spec in VECTOR_CHANNELS.items()}
    | PAIR_CHANNELS
    | {name: spec[0] for name, spec in CROSS_CHANNELS.items()}
)


@dataclass
class FicheArrays:
    """Per-fiche attributes used by pairwise features (aligned with ``codes``)."""

    domain: np.ndarray
    grand_domain: np.ndarray
    parent: np.ndarray
    riasec_major: np.ndarray
    riasec_minor: np.ndarray
    level: np.ndarray  # 0 when unknown
    is_socle: np.ndarray
    cadre: np.ndarray
    breadth: np.ndarray


def fiche_arrays(corpus: RomeCorpus, codes: list[str]) -> FicheArrays:
    fiches = [corpus.fiches[code] for code in codes]
    n_items = np.array([len(f.items) for f in fiches], dtype=float)
    return FicheArrays(
        domain=np.array([f.domain or f.code[:3] for f in fiches]),
        grand_domain=np.array([f.code[:1] for f in fiches]),
        parent=np.array([f.parent or f.code for f in fiches]),
        riasec_major=np.array([f.riasec_major or "?" for f in fiches]),
        riasec_minor=np.array([f.riasec_minor or "-" for f in fiches]),
        level=np.array([entry_level(f.access) or 0 for f in fiches], dtype=float),
        is_socle=np.array([(f.parent or f.code) == f.code for f in fiches], dtype=float),
        cadre=np.array([f.cadre for f in fiches]),
        breadth=n_items / max(1.0, n_items.max()),
    )


def vector_channels(
    corpus: RomeCorpus, codes: list[str], names: Iterable[str], importance: dict | None = None
) -> dict[str, sp.csr_matrix]:
    importance = importance or DEFAULT_IMPORTANCE
    fiches = [corpus.fiches[code] for code in codes]
    matrices = {}
    for name in names:
        _, builder, idf = VECTOR_CHANNELS[name]
        matrices[name] = tfidf_matrix([builder(corpus, fiche, importance) for fiche in fiches], idf=idf)
    return matrices


def pair_features(arrays: FicheArrays, rows: np.ndarray, names: Iterable[str]) -> dict[str, np.ndarray]:
    """Pairwise features of the fiches ``rows`` (sources) against all fiches (targets)."""
    out = {}
    for name in names:
        out[name] = _PAIR_BUILDERS[name](arrays, rows)
    return out


def cross_domain(arrays: FicheArrays, rows: np.ndarray) -> np.ndarray:
    """1 where the target is in another grand domaine than the source."""
    return (arrays.grand_domain[rows][:, None] != arrays.grand_domain[None, :]).astype(float)


def _same(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    return (values[rows][:, None] == values[None, :]).astype(float)


def _level_gap(a: FicheArrays, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    source, target = a.level[rows][:, None], a.level[None, :]
    return target - source, (source > 0) & (target > 0)


def _level(a, rows):
    gap, known = _level_gap(a, rows)
    return np.where(known, 1.0 - np.abs(gap) / 6.0, 0.5)


def _level_up(a, rows):
    gap, known = _level_gap(a, rows)
    return np.where(known, np.clip(gap, 0, 3) / 3.0, 0.0)


def _level_down(a, rows):
    gap, known = _level_gap(a, rows)
    return np.where(known, np.clip(-gap, 0, 3) / 3.0, 0.0)


def _riasec(a, rows):
    major, minor = a.riasec_major, a.riasec_minor
    same_major = major[rows][:, None] == major[None, :]
    crossed = (minor[rows][:, None] == major[None, :]) | (major[rows][:, None] == minor[None, :])
    return 0.7 * same_major + 0.3 * crossed


def _broadcast(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    return np.broadcast_to(values[None, :], (len(rows), len(values))).astype(float)


_PAIR_BUILDERS = {
    "same_dp": lambda a, rows: _same(a.domain, rows),
    "same_gd": lambda a, rows: _same(a.grand_domain, rows),
    "same_parent": lambda a, rows: _same(a.parent, rows),
    "riasec": _riasec,
    "level": _level,
    "level_up": _level_up,
    "level_down": _level_down,
    "orig": lambda a, rows: _broadcast(a.is_socle, rows),
    "cadre": lambda a, rows: _same(a.cadre, rows),
    "breadth": lambda a, rows: _broadcast(a.breadth, rows),
}
