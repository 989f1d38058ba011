"""Transition scores between ROME fiches as a dense matrix ``T[source, target]`` in 0..1.

From the reconversion engine (``maillage.reconversion.selectors.transition_scores``) when its
table is built; until then, and for fiches it does not cover, a plain rule: same fiche 1, same
domaine professionnel (first three characters of the code) 0.5, otherwise 0. The last row and
column stand for "no fiche" and are 0. Cached per process, keyed by the latest transition build.
"""

import threading
import time

import numpy as np
from django.db import DatabaseError

from maillage.reconversion.selectors import has_transitions, latest_build_id, transition_scores

from .pools import Vocabulary

SAME_DOMAINE = 0.5
CHECK_SECONDS = 30.0
_lock = threading.Lock()
_cache: dict = {}


def _build_key():
    try:
        return latest_build_id()
    except DatabaseError:  # the reconversion tables are not migrated yet
        return None


def fallback_matrix(vocab: Vocabulary) -> np.ndarray:
    nf = vocab.n_fiches
    domaines = np.array([code[:3] for code in vocab.fiche_codes] + ["~~~"])
    matrix = np.where(domaines[:, None] == domaines[None, :], SAME_DOMAINE, 0.0).astype(np.float32)
    np.fill_diagonal(matrix, 1.0)
    matrix[nf, :] = 0.0
    matrix[:, nf] = 0.0
    return matrix


def build_matrix(vocab: Vocabulary) -> tuple[np.ndarray, str]:
    nf = vocab.n_fiches
    if not has_transitions():
        return fallback_matrix(vocab), "règle métier/domaine"
    matrix = np.zeros((nf + 1, nf + 1), dtype=np.float32)
    for source, code in enumerate(vocab.fiche_codes):
        for target_code, score in transition_scores(code).items():
            target = vocab.fiche_index.get(target_code)
            if target is not None:
                matrix[source, target] = min(1.0, max(0.0, float(score)))
    np.fill_diagonal(matrix, 1.0)
    matrix[nf, :] = 0.0
    matrix[:, nf] = 0.0
    return matrix, "moteur de passerelles"


def get_matrix(vocab: Vocabulary) -> tuple[np.ndarray, str]:
    """The matrix for this vocabulary; the latest transition build is looked up every 30 seconds."""
    with _lock:
        now = time.monotonic()
        if now - _cache.get("checked", -1e9) > CHECK_SECONDS or _cache.get("vocab") is not vocab:
            _cache["build"] = _build_key()
            _cache["checked"] = now
            _cache["vocab"] = vocab
        key = (_cache["build"], id(vocab))
        if _cache.get("key") != key:
            _cache["value"] = build_matrix(vocab)
            _cache["key"] = key
        return _cache["value"]


def clear_cache() -> None:
    with _lock:
        _cache.clear()
