"""Reads of precomputed transitions, used by this module's pages and API and by other modules.

The jobs/matching module reads ``transition_score`` and ``top_transitions``: both answer from the
``Transition`` table (filled by ``python manage.py build_transitions``) and never compute anything.
"""

from dataclasses import dataclass

from maillage.referentials.models import MobilityLink

from .models import Transition, TransitionBuild


@dataclass(frozen=True)
class RankedTarget:
    code: str
    label: str
    rank: int
    score: float
    shared_skills: int


def transition_score(source_code: str, target_code: str) -> float:
    """Transferability from ``source_code`` to ``target_code`` in 0..1 (1 for the same fiche).

    0.0 when the target is not among the source's precomputed top targets.
    """
    if not source_code or not target_code:
        return 0.0
    if source_code == target_code:
        return 1.0
    score = (
        Transition.objects.filter(source_id=source_code, target_id=target_code).values_list("score", flat=True).first()
    )
    return float(score) if score is not None else 0.0


def transition_scores(source_code: str) -> dict[str, float]:
    """All precomputed targets of ``source_code`` with their score (one query, for batch matching)."""
    scores = dict(Transition.objects.filter(source_id=source_code).values_list("target_id", "score"))
    if source_code:
        scores[source_code] = 1.0
    return scores


def top_transitions(source_code: str, k: int = 20) -> list[RankedTarget]:
    """The ``k`` best targets of ``source_code``, best first."""
    rows = (
        Transition.objects.filter(source_id=source_code)
        .order_by("rank")
        .values_list("target_id", "target__label", "rank", "score", "shared_skills")[: max(0, k)]
    )
    return [RankedTarget(code, label, rank, float(score), shared) for code, label, rank, score, shared in rows]


def credited_skill_labels(held_fiches: list[str], labels: list[str]) -> set[str]:
    """Skill labels (dexterity, precision…) a person is credited with by the métiers they held."""
    from . import aptitudes

    return aptitudes.credited_labels(held_fiches, labels)


def has_official_mobility() -> bool:
    """Whether ROME's official mobility file was loaded (the explorer shows its panel first then)."""
    return MobilityLink.objects.exists()


def has_transitions() -> bool:
    return Transition.objects.exists()


def top_sources(target_code: str, k: int = 50) -> list[RankedTarget]:
    """The ``k`` source fiches whose precomputed transitions reach ``target_code`` best (reverse look-up).

    Used by the observatory's GPECT: who, in close métiers, could be trained for a needed job.
    ``rank`` is the target's rank among the source's targets.
    """
    rows = (
        Transition.objects.filter(target_id=target_code)
        .order_by("-score", "source_id")
        .values_list("source_id", "source__label", "rank", "score", "shared_skills")[: max(0, k)]
    )
    return [RankedTarget(code, label, rank, float(score), shared) for code, label, rank, score, shared in rows]


def latest_build_id() -> int | None:
    """The id of the last transitions build (a cache key for the modules that use the transitions)."""
    return TransitionBuild.objects.order_by("-id").values_list("id", flat=True).first()


def sources_towards(target_codes, min_score: float = 0.0) -> dict[str, tuple[str, float]]:
    """For inviting people: the source fiches that lead to one of ``target_codes``, each with its best
    target and score (one query). The targets themselves are not included."""
    rows = (
        Transition.objects.filter(target_id__in=list(target_codes), score__gte=min_score)
        .order_by("source_id", "-score")
        .values_list("source_id", "target_id", "score")
    )
    best: dict[str, tuple[str, float]] = {}
    for source, target, score in rows:
        if source not in best:
            best[source] = (target, float(score))
    return best
