"""Vectorised scoring of candidates for an offer and of offers for a candidate, with explanations.

Score (0..1) = 0.5 × skills + 0.3 × transition + 0.2 × distance, where

* **skills**: weighted share of the offer's skills the candidate holds (core skills of the offer's
  fiche weigh 2, others 1; the fiche's core skills stand in when the offer lists none);
* **transition**: best transferability from a job the candidate held to the offer's job
  (``transitions.py``; 1 for the same fiche), or 0.6 when the candidate seeks that very job;
* **distance**: 1 up to 5 km, falling linearly to 0 at the candidate's mobility radius.

Hard constraints filter before scoring: distance within the radius (+2 km for centroid
imprecision), contract among the wishes (no wish = any), working time, availability no later than
30 days after the start date (or today). A result needs some skill or job in common.

Only rows that share something with the query are touched: inverted lists of skills and fiches
give the candidates, the latitude-sorted pool gives the bounding box by binary search, numpy does
the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .geo import KM_PER_DEGREE_LAT, haversine_km
from .pools import CandidatePool, OfferPool, Vocabulary

W_SKILLS, W_TRANSITION, W_DISTANCE = 0.5, 0.3, 0.2
SOUGHT_SCORE = 0.6
NEAR_KM = 5.0
RADIUS_TOLERANCE_KM = 2.0
AVAILABILITY_GRACE_DAYS = 30


@dataclass
class Query:
    """One side of a match: an offer (fiche, weighted skills) or a candidate (skills, jobs)."""

    lat: float
    lon: float
    skills: np.ndarray  # skill indices
    weights: np.ndarray  # skill weights (offer) or ones (candidate)
    fiche: int = -1  # offer's fiche
    contract: int = 0  # offer's contract bit, or candidate's mask
    working_time: int = 0
    date: int = 0  # offer's start day, or candidate's availability day (ordinal)
    radius: float = 0.0  # candidate's radius
    held: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    sought: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))


@dataclass
class Scored:
    pool: int
    rows: np.ndarray
    total: np.ndarray
    skills: np.ndarray
    transition: np.ndarray
    distance: np.ndarray
    distance_score: np.ndarray


def _gather(inv, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows (and stored values) of the inverted lists of ``keys``."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    starts, ends = inv.indptr[keys], inv.indptr[keys + 1]
    lengths = ends - starts
    if lengths.sum() == 0:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    index = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths) + np.arange(lengths.sum())
    return inv.indices[index], inv.data[index]


def _lat_window(lats: np.ndarray, lat: float, radius_km: float) -> tuple[int, int]:
    dlat = (radius_km + RADIUS_TOLERANCE_KM) / KM_PER_DEGREE_LAT
    return int(np.searchsorted(lats, lat - dlat, "left")), int(np.searchsorted(lats, lat + dlat, "right"))


def _distance_score(distance: np.ndarray, radius: np.ndarray) -> np.ndarray:
    span = np.maximum(radius - NEAR_KM, 1.0)
    return 1.0 - np.clip((distance - NEAR_KM) / span, 0.0, 1.0)


def _kth_threshold(total: np.ndarray, k: int | None) -> float:
    """Transition a row without any shared skill needs to beat the current k-th score (0: no bound).

    Such a row scores at most W_TRANSITION × t + W_DISTANCE, so it can enter the top k only if
    t > (k-th score − W_DISTANCE) / W_TRANSITION. The pruning is exact (ties aside).
    """
    if not k or len(total) < k:
        return 0.0
    kth = float(np.partition(total, len(total) - k)[len(total) - k])
    return max(0.0, (kth - W_DISTANCE) / W_TRANSITION)


def _concat(first: Scored, second: Scored) -> Scored:
    return Scored(
        first.pool,
        *(np.concatenate([getattr(first, f), getattr(second, f)]) for f in Scored.__dataclass_fields__ if f != "pool"),
    )


def _score_candidate_rows(pool, pool_index, matrix, query, rows, acc, total_weight) -> Scored:
    lo, hi = _lat_window(pool.lat, query.lat, pool.max_radius)
    rows = rows[(rows >= lo) & (rows < hi)]
    rows = rows[pool.alive[rows]]
    dlon = (pool.max_radius + RADIUS_TOLERANCE_KM) / (KM_PER_DEGREE_LAT * max(0.05, np.cos(np.radians(query.lat))))
    rows = rows[np.abs(pool.lon[rows] - query.lon) <= dlon]
    distance = haversine_km(query.lat, query.lon, pool.lat[rows], pool.lon[rows])
    radius = pool.radius[rows]
    contract = pool.contract[rows]
    working = pool.working_time[rows]
    keep = (distance <= radius + RADIUS_TOLERANCE_KM) & ((contract == 0) | ((contract & query.contract) != 0))
    keep &= (working == 0) | (query.working_time == 0) | (working == query.working_time)
    keep &= pool.available[rows] <= query.date + AVAILABILITY_GRACE_DAYS
    rows, distance, radius = rows[keep], distance[keep], radius[keep]
    skills = (acc[rows] / total_weight).astype(np.float32) if acc is not None else np.zeros(len(rows), np.float32)
    if query.fiche >= 0:
        transition = matrix[pool.held[rows], query.fiche].max(axis=1)
        sought = (pool.sought[rows] == query.fiche).any(axis=1)
        transition = np.where(sought, np.maximum(transition, SOUGHT_SCORE), transition)
    else:
        transition = np.zeros(len(rows), dtype=np.float32)
    distance_score = _distance_score(distance, radius)
    total = W_SKILLS * skills + W_TRANSITION * transition + W_DISTANCE * distance_score
    useful = (skills > 0) | (transition > 0)
    return Scored(
        pool_index,
        rows[useful],
        total[useful],
        skills[useful],
        transition[useful],
        distance[useful],
        distance_score[useful],
    )


def score_candidates(pool: CandidatePool, pool_index: int, matrix: np.ndarray, query: Query, k=None) -> Scored:
    """Candidates of ``pool`` for an offer described by ``query``.

    First the people who share a skill with the offer, hold its job or seek it; then the people
    who only hold a job with a transition to it, restricted (when ``k`` is given) to the
    transitions strong enough to reach the current top ``k``.
    """
    n = len(pool)
    skill_rows, _ = _gather(pool.skills_inv, query.skills)
    weight_rep = np.repeat(query.weights, np.diff(pool.skills_inv.indptr)[query.skills]) if len(query.skills) else []
    acc = np.bincount(skill_rows, weights=weight_rep, minlength=n) if len(skill_rows) else None
    total_weight = float(np.sum(query.weights)) or 1.0
    parts = [skill_rows]
    if query.fiche >= 0:
        parts.append(_gather(pool.held_inv, np.array([query.fiche]))[0])
        parts.append(_gather(pool.sought_inv, np.array([query.fiche]))[0])
    rows = np.unique(np.concatenate(parts))
    first = _score_candidate_rows(pool, pool_index, matrix, query, rows, acc, total_weight)
    if query.fiche < 0:
        return first
    column = matrix[:-1, query.fiche].copy()
    column[query.fiche] = 0.0
    sources = np.nonzero(column > _kth_threshold(first.total, k))[0]
    if len(sources) == 0:
        return first
    more = _gather(pool.held_inv, sources)[0]
    seen = np.zeros(n, dtype=bool)
    seen[rows] = True
    more = np.unique(more[~seen[more]])
    return _concat(first, _score_candidate_rows(pool, pool_index, matrix, query, more, None, total_weight))


def _score_offer_rows(pool, pool_index, matrix, query, rows, acc, held, sought) -> Scored:
    lo, hi = _lat_window(pool.lat, query.lat, query.radius)
    rows = rows[(rows >= lo) & (rows < hi)]
    rows = rows[pool.alive[rows]]
    distance = haversine_km(query.lat, query.lon, pool.lat[rows], pool.lon[rows])
    keep = distance <= query.radius + RADIUS_TOLERANCE_KM
    keep &= (query.contract == 0) | ((pool.contract_bit[rows] & query.contract) != 0)
    working = pool.working_time[rows]
    keep &= (working == 0) | (query.working_time == 0) | (working == query.working_time)
    keep &= query.date <= pool.start[rows] + AVAILABILITY_GRACE_DAYS
    rows, distance = rows[keep], distance[keep]
    if acc is not None:
        skills = (acc[rows] / np.maximum(pool.total_weight[rows], 1e-6)).astype(np.float32)
    else:
        skills = np.zeros(len(rows), dtype=np.float32)
    fiches = pool.fiche[rows]
    transition = matrix[held][:, fiches].max(axis=0) if len(held) else np.zeros(len(rows), dtype=np.float32)
    if len(sought):
        transition = np.where(np.isin(fiches, sought), np.maximum(transition, SOUGHT_SCORE), transition)
    distance_score = _distance_score(distance, np.full(len(rows), query.radius, dtype=np.float32))
    total = W_SKILLS * skills + W_TRANSITION * transition + W_DISTANCE * distance_score
    useful = (skills > 0) | (transition > 0)
    return Scored(
        pool_index,
        rows[useful],
        total[useful],
        skills[useful],
        transition[useful],
        distance[useful],
        distance_score[useful],
    )


def score_offers(pool: OfferPool, pool_index: int, matrix: np.ndarray, query: Query, k=None) -> Scored:
    """Offers of ``pool`` for a candidate described by ``query`` (same two phases as above)."""
    m = len(pool)
    skill_rows, skill_weights = _gather(pool.weights_inv, query.skills)
    acc = np.bincount(skill_rows, weights=skill_weights, minlength=m) if len(skill_rows) else None
    held = query.held[query.held < matrix.shape[0] - 1]
    sought = query.sought[query.sought < matrix.shape[0] - 1]
    own = np.unique(np.concatenate([held, sought]))
    rows = np.unique(np.concatenate([skill_rows, _gather(pool.fiche_inv, own)[0]]))
    first = _score_offer_rows(pool, pool_index, matrix, query, rows, acc, held, sought)
    if not len(held):
        return first
    reach = matrix[held, :-1].max(axis=0)
    reach[own] = 0.0
    targets = np.nonzero(reach > _kth_threshold(first.total, k))[0]
    if len(targets) == 0:
        return first
    more = _gather(pool.fiche_inv, targets)[0]
    seen = np.zeros(m, dtype=bool)
    seen[rows] = True
    more = np.unique(more[~seen[more]])
    return _concat(first, _score_offer_rows(pool, pool_index, matrix, query, more, None, held, sought))


def top(results: list[Scored], k: int) -> list[tuple[int, int, int]]:
    """Best ``k`` over several pools: (pool index, row, position in its Scored), best first."""
    if not results:
        return []
    totals = np.concatenate([r.total for r in results])
    if len(totals) == 0:
        return []
    owner = np.concatenate([np.full(len(r.total), i) for i, r in enumerate(results)])
    position = np.concatenate([np.arange(len(r.total)) for r in results])
    k = min(k, len(totals))
    best = np.argpartition(-totals, k - 1)[:k] if k < len(totals) else np.arange(len(totals))
    best = best[np.lexsort((position[best], -totals[best]))]
    return [(int(owner[i]), int(results[owner[i]].rows[position[i]]), int(position[i])) for i in best]


def skill_lists(vocab: Vocabulary, wanted: dict[int, float], held: set[int]) -> tuple[list, list]:
    """Shared and missing skills as (label, is_core) lists, core skills first."""
    shared = sorted(
        ((vocab.skill_labels[s], w > 1) for s, w in wanted.items() if s in held), key=lambda x: (-x[1], x[0])
    )
    missing = sorted(
        ((vocab.skill_labels[s], w > 1) for s, w in wanted.items() if s not in held), key=lambda x: (-x[1], x[0])
    )
    return shared, missing
