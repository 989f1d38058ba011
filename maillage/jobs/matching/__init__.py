"""Skills-based matching: ranked candidates for an offer, ranked offers for a candidate, and why.

Public functions: ``candidates_for_offer``, ``offers_for_candidate``, ``batch_top_candidates``.
See ``engine.py`` for the score and ``pools.py`` for the precomputed, per-process arrays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from maillage.reconversion import selectors as transition_selectors

from ..models import CONTRACT_BITS, Candidate, Offer
from . import engine
from . import pools as _pools
from . import transitions as _transitions
from .pools import WORKING_TIME_CODES, Pools, get_pools, offer_skill_weights
from .transitions import get_matrix


def clear_caches() -> None:
    """Forget this process's pools and transition matrix (tests, after a bulk load)."""
    _pools.clear_cache()
    _transitions.clear_cache()


@dataclass
class Explanation:
    rank: int
    score: float
    skills_score: float
    transition_score: float
    distance_km: float
    radius_km: float
    distance_score: float
    shared: list[tuple[str, bool]] = field(default_factory=list)
    missing: list[tuple[str, bool]] = field(default_factory=list)
    credited: list[str] = field(default_factory=list)  # qualities the person's métiers already ask for
    transition_from: str = ""
    transition_from_score: float = 0.0  # from the job held, before the "seeks this job" floor
    same_job: bool = False
    seeks_job: bool = False
    inferred_skills: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        """The score in hundredths, rounded once: every figure shown derives from it."""
        return round(100 * self.score)

    @property
    def contributions(self) -> dict[str, float]:
        """The three parts of the score, in hundredths that add up to ``percent`` exactly
        (largest remainder): a card never says 0,08 for the total and 0,07 for the sum of its parts."""
        raw = {
            "compétences": 100 * engine.W_SKILLS * self.skills_score,
            "passerelle": 100 * engine.W_TRANSITION * self.transition_score,
            "distance": 100 * engine.W_DISTANCE * self.distance_score,
        }
        floors = {key: int(value // 1) for key, value in raw.items()}
        left = self.percent - sum(floors.values())
        by_remainder = sorted(raw, key=lambda key: raw[key] - floors[key], reverse=True)
        for index in range(abs(left)):
            key = by_remainder[index % len(by_remainder)] if left > 0 else by_remainder[::-1][index % len(raw)]
            floors[key] += 1 if left > 0 else -1
        return {key: value / 100 for key, value in floors.items()}

    @property
    def score_display(self) -> float:
        return self.percent / 100


@dataclass
class Match:
    object_id: int
    explanation: Explanation
    obj: object = None  # the Candidate or Offer, filled by the caller that shows it


def _fr(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _reasons(e: Explanation) -> list[str]:
    core_shared = sum(1 for _, core in e.shared if core)
    wanted = len(e.shared) + len(e.missing) + len(e.credited)
    reasons = []
    if e.shared:
        reasons.append(
            f"{len(e.shared)} compétence{'s' if len(e.shared) > 1 else ''} sur {wanted} attendues"
            + (f", dont {core_shared} clé{'s' if core_shared > 1 else ''}" if core_shared else "")
            + (" (déduites des métiers exercés)" if e.inferred_skills else "")
            + "."
        )
    else:
        reasons.append("Aucune des compétences attendues n'est déclarée.")
    if e.credited:
        reasons.append(f"Qualités déjà exercées dans son métier : {', '.join(label.lower() for label in e.credited)}.")
    if e.same_job:
        reasons.append(f"A déjà exercé ce métier ({e.transition_from}).")
    elif e.transition_from_score > 0 and e.transition_from:
        reasons.append(f"Passerelle depuis « {e.transition_from} » (transférabilité {_fr(e.transition_from_score)}).")
    if e.seeks_job:
        reasons.append("Recherche ce métier.")
    reasons.append(f"À {e.distance_km:.0f} km, pour un rayon de mobilité de {e.radius_km:.0f} km.")
    parts = e.contributions
    raw = {"compétences": e.skills_score, "passerelle": e.transition_score, "distance": e.distance_score}
    strongest = max(raw, key=raw.get)
    weakest = min(raw, key=raw.get)
    verdict = f"point fort « {strongest} »" + (f", point faible « {weakest} »" if raw[weakest] < 0.75 else "")
    reasons.append(
        f"Rang {e.rank}, score {_fr(e.score_display)} = compétences {_fr(parts['compétences'])} + passerelle "
        f"{_fr(parts['passerelle'])} + distance {_fr(parts['distance'])} : {verdict}."
    )
    return reasons


def _explain(pools: Pools, matrix, scored: engine.Scored, position: int, rank: int, *, offer_skills, candidate_row):
    """Explanation of one result; ``candidate_row`` is (pool, row) of the candidate."""
    vocab = pools.vocab
    cand_pool, row = candidate_row
    held_skills = set(
        cand_pool.skills.indices[cand_pool.skills.indptr[row] : cand_pool.skills.indptr[row + 1]].tolist()
    )
    shared, missing = engine.skill_lists(vocab, offer_skills["weights"], held_skills)
    held_codes = [vocab.fiche_codes[int(i)] for i in cand_pool.held[row] if 0 <= int(i) < vocab.n_fiches]
    credited = transition_selectors.credited_skill_labels(held_codes, [label for label, _core in missing])
    missing = [item for item in missing if item[0] not in credited]
    fiche = offer_skills["fiche"]
    transition_from, transition_from_score, same_job = "", 0.0, False
    if 0 <= fiche < vocab.n_fiches:
        held = cand_pool.held[row]
        values = matrix[held, fiche]
        best = int(held[int(np.argmax(values))])
        if values.max() > 0 and best < vocab.n_fiches:
            transition_from = vocab.fiche_labels[best]
            transition_from_score = round(float(values.max()), 4)
            same_job = best == fiche
    explanation = Explanation(
        rank=rank,
        score=float(scored.total[position]),
        skills_score=round(float(scored.skills[position]), 4),
        transition_score=round(float(scored.transition[position]), 4),
        distance_km=round(float(scored.distance[position]), 1),
        radius_km=float(cand_pool.radius[row]),
        distance_score=round(float(scored.distance_score[position]), 4),
        shared=shared,
        missing=missing,
        credited=sorted(credited),
        transition_from=transition_from,
        transition_from_score=transition_from_score,
        same_job=same_job,
        seeks_job=bool((cand_pool.sought[row] == fiche).any()) if fiche >= 0 else False,
        inferred_skills=bool(cand_pool.inferred[row]),
    )
    explanation.reasons = _reasons(explanation)
    return explanation


def _offer_query(pools: Pools, offer: Offer) -> tuple[engine.Query | None, dict]:
    vocab = pools.vocab
    if offer.latitude is None:
        return None, {}
    fiche = vocab.fiche_index.get(offer.rome_code, -1)
    declared = [vocab.skill_index[c] for c in offer.skills.values_list("code", flat=True) if c in vocab.skill_index]
    weights = offer_skill_weights(vocab, fiche if fiche >= 0 else vocab.n_fiches, declared)
    skills = np.array(sorted(weights), dtype=np.int64)
    today = date.today().toordinal()
    query = engine.Query(
        lat=offer.latitude,
        lon=offer.longitude,
        skills=skills,
        weights=np.array([weights[s] for s in skills], dtype=np.float32),
        fiche=fiche,
        contract=CONTRACT_BITS.get(offer.contract_type, 0),
        working_time=WORKING_TIME_CODES.get(offer.working_time, 0),
        date=max(today, offer.start_date.toordinal()) if offer.start_date else today,
    )
    return query, {"weights": weights, "fiche": fiche}


def candidates_for_offer(offer: Offer, *, k: int = 20, allowed: Callable | None = None) -> list[Match]:
    """Ranked, explained candidates for ``offer``; ``allowed(ids) -> set`` keeps the visible ones."""
    pools = get_pools()
    matrix, _source = get_matrix(pools.vocab)
    query, offer_skills = _offer_query(pools, offer)
    if query is None:
        return []
    depth = k * 5 if allowed else k
    results = [engine.score_candidates(pool, i, matrix, query, depth) for i, pool in enumerate(pools.candidates)]
    best = engine.top(results, depth)
    ids = [int(pools.candidates[p].ids[row]) for p, row, _ in best]
    keep = allowed(ids) if allowed else set(ids)
    matches = []
    for (p, row, position), candidate_id in zip(best, ids, strict=True):
        if candidate_id not in keep:
            continue
        explanation = _explain(
            pools,
            matrix,
            results[p],
            position,
            len(matches) + 1,
            offer_skills=offer_skills,
            candidate_row=(pools.candidates[p], row),
        )
        matches.append(Match(candidate_id, explanation))
        if len(matches) == k:
            break
    return matches


def _candidate_query(pools: Pools, candidate: Candidate) -> tuple[engine.Query | None, tuple | None]:
    for pool in reversed(pools.candidates):  # the delta pool overrides the base
        row = pool.row_of(candidate.pk)
        if row is not None and pool.alive[row]:
            held = pool.held[row]
            skills = pool.skills.indices[pool.skills.indptr[row] : pool.skills.indptr[row + 1]].astype(np.int64)
            query = engine.Query(
                lat=float(pool.lat[row]),
                lon=float(pool.lon[row]),
                skills=skills,
                weights=np.ones(len(skills), dtype=np.float32),
                contract=int(pool.contract[row]),
                working_time=int(pool.working_time[row]),
                date=max(int(pool.available[row]), date.today().toordinal()),
                radius=float(pool.radius[row]),
                held=held,
                sought=pool.sought[row],
            )
            return query, (pool, row)
    return None, None


def offers_for_candidate(candidate: Candidate, *, k: int = 20) -> list[Match]:
    """Ranked, explained open offers for a matchable candidate (consent given, searching)."""
    pools = get_pools()
    matrix, _source = get_matrix(pools.vocab)
    query, candidate_row = _candidate_query(pools, candidate)
    if query is None:
        return []
    results = [engine.score_offers(pool, i, matrix, query, k) for i, pool in enumerate(pools.offers)]
    matches = []
    for rank, (p, row, position) in enumerate(engine.top(results, k), start=1):
        pool = pools.offers[p]
        weights = pool.weights
        offer_weights = dict(
            zip(
                weights.indices[weights.indptr[row] : weights.indptr[row + 1]].tolist(),
                weights.data[weights.indptr[row] : weights.indptr[row + 1]].tolist(),
                strict=True,
            )
        )
        explanation = _explain(
            pools,
            matrix,
            results[p],
            position,
            rank,
            offer_skills={"weights": offer_weights, "fiche": int(pool.fiche[row])},
            candidate_row=candidate_row,
        )
        matches.append(Match(int(pool.ids[row]), explanation))
    return matches


def batch_top_candidates(*, k: int = 20, progress: Callable | None = None) -> Iterator[tuple[int, list]]:
    """Every open offer's top ``k`` (candidate id, score), without explanations (for exports, tasks)."""
    pools = get_pools()
    matrix, _source = get_matrix(pools.vocab)
    for pool in pools.offers:
        weights = pool.weights
        for row in range(len(pool)):
            if not pool.alive[row]:
                continue
            start, end = weights.indptr[row], weights.indptr[row + 1]
            query = engine.Query(
                lat=float(pool.lat[row]),
                lon=float(pool.lon[row]),
                skills=weights.indices[start:end].astype(np.int64),
                weights=weights.data[start:end],
                fiche=int(pool.fiche[row]) if pool.fiche[row] < pools.vocab.n_fiches else -1,
                contract=int(pool.contract_bit[row]),
                working_time=int(pool.working_time[row]),
                date=int(pool.start[row]),
            )
            results = [engine.score_candidates(cp, i, matrix, query, k) for i, cp in enumerate(pools.candidates)]
            best = engine.top(results, k)
            yield (
                int(pool.ids[row]),
                [(int(pools.candidates[p].ids[r]), round(float(results[p].total[pos]), 4)) for p, r, pos in best],
            )
            if progress:
                progress()
