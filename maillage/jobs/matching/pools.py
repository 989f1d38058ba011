"""Precomputed arrays for matching: candidates and offers as sorted, sparse, numpy structures.

A *pool* holds every matchable candidate (or open offer) with its coordinates sorted by latitude
(the bounding-box prefilter is a binary search), its hard constraints as small integer columns,
its skills as a sparse matrix in both orientations (rows to explain a result, inverted lists to
find who shares a skill), and its ROME fiches as inverted lists.

Pools are a **per-process cache rebuilt from the database**: nothing is shared between requests
or processes except the database. Each call looks for rows changed since the pool's watermark
(``updated_at``, indexed): those few rows go into a small *delta* pool that overrides the base
pool, so a change is seen at once; when the delta grows, the base is rebuilt.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db import connection
from django.db.models import Max
from scipy import sparse

from maillage.referentials.models import Appellation, FicheSkill, RomeFiche, Skill

from ..models import CONTRACT_BITS, Candidate, Offer, OfferStatus, WorkingTime

SLOTS = 3  # appellations held / sought kept per candidate for the transition part
CORE_WEIGHT = 2.0
OTHER_WEIGHT = 1.0
WORKING_TIME_CODES = {WorkingTime.ANY: 0, WorkingTime.FULL: 1, WorkingTime.PART: 2}
NO_DATE = -(10**9)
DELTA_LIMIT = 2000
REFERENTIAL_CHECK_SECONDS = 30.0


@dataclass
class Vocabulary:
    """Integer ids for skills and fiches, with labels for the explanations."""

    skill_codes: list[str]
    skill_labels: list[str]
    skill_index: dict[str, int]
    fiche_codes: list[str]
    fiche_labels: list[str]
    fiche_index: dict[str, int]
    appellation_fiche: dict[str, int]
    core_skills: list[np.ndarray]  # per fiche: indices of its core skills

    @property
    def n_skills(self) -> int:
        return len(self.skill_codes)

    @property
    def n_fiches(self) -> int:
        return len(self.fiche_codes)


def build_vocabulary() -> Vocabulary:
    skills = list(Skill.objects.order_by("code").values_list("code", "label"))
    fiches = list(RomeFiche.objects.order_by("code").values_list("code", "label"))
    fiche_index = {code: i for i, (code, _) in enumerate(fiches)}
    skill_index = {code: i for i, (code, _) in enumerate(skills)}
    core: list[list[int]] = [[] for _ in fiches]
    for fiche_id, skill_id in FicheSkill.objects.filter(importance=FicheSkill.Importance.CORE).values_list(
        "fiche_id", "skill_id"
    ):
        if fiche_id in fiche_index and skill_id in skill_index:
            core[fiche_index[fiche_id]].append(skill_index[skill_id])
    return Vocabulary(
        skill_codes=[c for c, _ in skills],
        skill_labels=[label for _, label in skills],
        skill_index=skill_index,
        fiche_codes=[c for c, _ in fiches],
        fiche_labels=[label for _, label in fiches],
        fiche_index=fiche_index,
        appellation_fiche={
            code: fiche_index[f] for code, f in Appellation.objects.values_list("code", "fiche_id") if f in fiche_index
        },
        core_skills=[np.array(sorted(set(c)), dtype=np.int32) for c in core],
    )


def _fetch(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _inverted(rows: np.ndarray, keys: np.ndarray, n_keys: int, n_rows: int) -> sparse.csc_matrix:
    """Key → rows holding it, as a CSC matrix (keys are columns): ``m.indices[m.indptr[k]:m.indptr[k+1]]``."""
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csc_matrix((data, (rows, keys)), shape=(n_rows, n_keys))


def _slots(rows: np.ndarray, values: np.ndarray, n_rows: int, pad: int) -> np.ndarray:
    out = np.full((n_rows, SLOTS), pad, dtype=np.int32)
    fill = np.zeros(n_rows, dtype=np.int32)
    for row, value in zip(rows.tolist(), values.tolist(), strict=True):
        if fill[row] < SLOTS:
            out[row, fill[row]] = value
            fill[row] += 1
    return out


@dataclass
class CandidatePool:
    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    radius: np.ndarray
    contract: np.ndarray
    working_time: np.ndarray
    available: np.ndarray
    held: np.ndarray  # (n, SLOTS) fiche indices, padded with n_fiches
    sought: np.ndarray
    skills: sparse.csr_matrix  # (n, n_skills) binary
    skills_inv: sparse.csc_matrix
    held_inv: sparse.csc_matrix  # (n, n_fiches)
    sought_inv: sparse.csc_matrix
    inferred: np.ndarray  # skills deduced from the jobs held (none declared)
    alive: np.ndarray = field(default=None)
    max_radius: float = 0.0

    def __post_init__(self):
        if self.alive is None:
            self.alive = np.ones(len(self.ids), dtype=bool)
        self.max_radius = float(self.radius.max()) if len(self.radius) else 0.0
        self._order = np.argsort(self.ids)

    def __len__(self):
        return len(self.ids)

    def row_of(self, candidate_id: int) -> int | None:
        pos = np.searchsorted(self.ids, candidate_id, sorter=self._order)
        if pos < len(self.ids) and self.ids[self._order[pos]] == candidate_id:
            return int(self._order[pos])
        return None


def build_candidate_pool(vocab: Vocabulary, only_ids=None) -> CandidatePool:
    """Every matchable candidate (searching, consent given, not anonymised, with a commune)."""
    queryset = Candidate.objects.filter(
        is_searching=True, anonymised_at__isnull=True, consent_at__isnull=False, latitude__isnull=False
    )
    if only_ids is not None:
        queryset = queryset.filter(pk__in=list(only_ids))
    base = list(
        queryset.order_by("latitude", "id").values_list(
            "id", "latitude", "longitude", "mobility_radius_km", "contract_mask", "working_time", "available_from"
        )
    )
    n = len(base)
    ids = np.array([r[0] for r in base], dtype=np.int64)
    row_of = {cid: i for i, cid in enumerate(ids.tolist())}
    id_filter = ""
    params: tuple = ()
    if only_ids is not None:
        if not row_of:
            id_filter = " WHERE 1 = 0"
        else:
            id_filter = f" WHERE candidate_id IN ({','.join(['%s'] * len(row_of))})"
            params = tuple(row_of)
    skills_table = Candidate.skills.through._meta.db_table
    held_table = Candidate.held_appellations.through._meta.db_table
    sought_table = Candidate.sought_appellations.through._meta.db_table

    def pairs(table: str, column: str, mapping: dict) -> tuple[np.ndarray, np.ndarray]:
        rows, values = [], []
        for cid, key in _fetch(f"SELECT candidate_id, {column} FROM {table}{id_filter} ORDER BY id", params):
            row, value = row_of.get(cid), mapping.get(key)
            if row is not None and value is not None:
                rows.append(row)
                values.append(value)
        return np.array(rows, dtype=np.int32), np.array(values, dtype=np.int32)

    skill_rows, skill_cols = pairs(skills_table, "skill_id", vocab.skill_index)
    held_rows, held_fiches = pairs(held_table, "appellation_id", vocab.appellation_fiche)
    sought_rows, sought_fiches = pairs(sought_table, "appellation_id", vocab.appellation_fiche)
    # People who declared no skill get the core skills of the jobs they held (flagged as inferred).
    inferred = np.ones(n, dtype=bool)
    inferred[skill_rows] = False
    extra_rows, extra_cols = [], []
    for row, fiche in zip(held_rows.tolist(), held_fiches.tolist(), strict=True):
        if inferred[row]:
            core = vocab.core_skills[fiche]
            extra_rows.append(np.full(len(core), row, dtype=np.int32))
            extra_cols.append(core)
    if extra_rows:
        skill_rows = np.concatenate([skill_rows, *extra_rows])
        skill_cols = np.concatenate([skill_cols, *extra_cols])
    inferred &= np.isin(np.arange(n), held_rows)
    skills = sparse.csr_matrix(
        (np.ones(len(skill_rows), dtype=np.float32), (skill_rows, skill_cols)), shape=(n, vocab.n_skills)
    )
    skills.data[:] = 1.0  # duplicates summed by the constructor
    nf = vocab.n_fiches
    return CandidatePool(
        ids=ids,
        lat=np.array([r[1] for r in base], dtype=np.float64),
        lon=np.array([r[2] for r in base], dtype=np.float64),
        radius=np.array([r[3] for r in base], dtype=np.float32),
        contract=np.array([r[4] for r in base], dtype=np.int32),
        working_time=np.array([WORKING_TIME_CODES.get(r[5], 0) for r in base], dtype=np.int8),
        available=np.array([r[6].toordinal() if r[6] else NO_DATE for r in base], dtype=np.int64),
        held=_slots(held_rows, held_fiches, n, nf),
        sought=_slots(sought_rows, sought_fiches, n, nf),
        skills=skills,
        skills_inv=skills.tocsc(),
        held_inv=_inverted(held_rows, held_fiches, nf + 1, n),
        sought_inv=_inverted(sought_rows, sought_fiches, nf + 1, n),
        inferred=inferred,
    )


@dataclass
class OfferPool:
    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    contract_bit: np.ndarray
    working_time: np.ndarray
    start: np.ndarray
    fiche: np.ndarray
    weights: sparse.csr_matrix  # (m, n_skills): 2 for a core skill, 1 otherwise
    weights_inv: sparse.csc_matrix
    total_weight: np.ndarray
    fiche_inv: sparse.csc_matrix
    alive: np.ndarray = field(default=None)

    def __post_init__(self):
        if self.alive is None:
            self.alive = np.ones(len(self.ids), dtype=bool)
        self._order = np.argsort(self.ids)

    def __len__(self):
        return len(self.ids)

    def row_of(self, offer_id: int) -> int | None:
        pos = np.searchsorted(self.ids, offer_id, sorter=self._order)
        if pos < len(self.ids) and self.ids[self._order[pos]] == offer_id:
            return int(self._order[pos])
        return None


def offer_skill_weights(vocab: Vocabulary, fiche: int, skill_indices) -> dict[int, float]:
    """The offer's skills weighted (core skills of its fiche count double); the fiche's core skills
    stand in when the offer lists none."""
    core = set(vocab.core_skills[fiche].tolist()) if fiche < vocab.n_fiches else set()
    chosen = set(skill_indices) or core
    return {s: CORE_WEIGHT if s in core else OTHER_WEIGHT for s in chosen}


def build_offer_pool(vocab: Vocabulary, only_ids=None) -> OfferPool:
    """Every published offer with a place."""
    queryset = Offer.objects.filter(status=OfferStatus.PUBLISHED, latitude__isnull=False)
    if only_ids is not None:
        queryset = queryset.filter(pk__in=list(only_ids))
    base = list(
        queryset.order_by("latitude", "id").values_list(
            "id", "latitude", "longitude", "contract_type", "working_time", "start_date", "rome_code"
        )
    )
    m, nf = len(base), vocab.n_fiches
    ids = np.array([r[0] for r in base], dtype=np.int64)
    row_of = {oid: i for i, oid in enumerate(ids.tolist())}
    fiche = np.array([vocab.fiche_index.get(r[6], nf) for r in base], dtype=np.int32)
    table = Offer.skills.through._meta.db_table
    id_filter, params = "", ()
    if only_ids is not None:
        id_filter = f" WHERE offer_id IN ({','.join(['%s'] * len(row_of))})" if row_of else " WHERE 1 = 0"
        params = tuple(row_of)
    declared: list[list[int]] = [[] for _ in range(m)]
    for oid, skill in _fetch(f"SELECT offer_id, skill_id FROM {table}{id_filter}", params):
        row, index = row_of.get(oid), vocab.skill_index.get(skill)
        if row is not None and index is not None:
            declared[row].append(index)
    rows, cols, data = [], [], []
    for row in range(m):
        for skill, weight in offer_skill_weights(vocab, int(fiche[row]), declared[row]).items():
            rows.append(row)
            cols.append(skill)
            data.append(weight)
    weights = sparse.csr_matrix(
        (np.array(data, dtype=np.float32), (rows, cols)), shape=(m, vocab.n_skills), dtype=np.float32
    )
    today = date.today().toordinal()
    return OfferPool(
        ids=ids,
        lat=np.array([r[1] for r in base], dtype=np.float64),
        lon=np.array([r[2] for r in base], dtype=np.float64),
        contract_bit=np.array([CONTRACT_BITS.get(r[3], 0) for r in base], dtype=np.int32),
        working_time=np.array([WORKING_TIME_CODES.get(r[4], 0) for r in base], dtype=np.int8),
        start=np.array([max(today, r[5].toordinal()) if r[5] else today for r in base], dtype=np.int64),
        fiche=fiche,
        weights=weights,
        weights_inv=weights.tocsc(),
        total_weight=np.asarray(weights.sum(axis=1)).ravel().astype(np.float32),
        fiche_inv=_inverted(np.arange(m, dtype=np.int32), fiche, nf + 1, m),
    )


# Per-process cache ---------------------------------------------------------------------------------

_lock = threading.RLock()
_cache: dict = {}


@dataclass
class Pools:
    """What one process holds: base pools, their deltas and the watermark they reflect."""

    vocab: Vocabulary
    candidates: list[CandidatePool]
    offers: list[OfferPool]


def _watermark(model) -> object:
    return model.objects.aggregate(at=Max("updated_at"))["at"]


def _with_delta(kind: str, model, builder, vocab: Vocabulary):
    base_key, delta_key = f"{kind}_base", f"{kind}_delta"
    entry = _cache.get(base_key)
    if entry is None:
        mark = _watermark(model)  # read before the build: a row changed meanwhile shows in the delta
        entry = _cache[base_key] = {"pool": builder(vocab), "mark": mark}
        _cache.pop(delta_key, None)
    base, mark = entry["pool"], entry["mark"]
    changed = model.objects.filter(updated_at__gt=mark) if mark else model.objects.none()
    if mark is None and model.objects.exists() and len(base) == 0:
        changed = model.objects.all()
    changed_ids = sorted(changed.order_by().values_list("id", flat=True)[: DELTA_LIMIT + 1])
    if not changed_ids:
        base.alive[:] = True
        return [base]
    if len(changed_ids) > DELTA_LIMIT:
        _cache.pop(base_key, None)
        return _with_delta(kind, model, builder, vocab)
    delta = _cache.get(delta_key)
    if delta is None or delta["ids"] != changed_ids:
        pool = builder(vocab, only_ids=changed_ids)
        delta = _cache[delta_key] = {"ids": changed_ids, "pool": pool}
    alive = np.ones(len(base), dtype=bool)
    rows = [r for r in (base.row_of(i) for i in changed_ids) if r is not None]
    alive[rows] = False
    base.alive = alive
    return [base, delta["pool"]]


def _vocabulary_key():
    from maillage.referentials.models import ReferentialLoad

    return ReferentialLoad.objects.aggregate(at=Max("loaded_at"))["at"], Skill.objects.count()


def get_pools(refresh: bool = False) -> Pools:
    """This process's pools, brought up to date with the database (see the module docstring).

    Candidates and offers are checked on every call; the referential (which changes a few times a
    year) every ``REFERENTIAL_CHECK_SECONDS``.
    """
    with _lock:
        now = time.monotonic()
        if refresh or now - _cache.get("vocab_checked", -1e9) > REFERENTIAL_CHECK_SECONDS:
            key = _vocabulary_key()
            _cache["vocab_checked"] = now
        else:
            key = _cache.get("vocab_key")
        if refresh or _cache.get("vocab_key") != key or "vocab" not in _cache:
            _cache.clear()
            _cache["vocab"] = build_vocabulary()
            _cache["vocab_key"] = key
            _cache["vocab_checked"] = now
        vocab = _cache["vocab"]
        return Pools(
            vocab=vocab,
            candidates=_with_delta("candidates", Candidate, build_candidate_pool, vocab),
            offers=_with_delta("offers", Offer, build_offer_pool, vocab),
        )


def clear_cache() -> None:
    with _lock:
        _cache.clear()
