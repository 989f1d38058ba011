"""Reads of candidates, scoped by ``policies.jobs`` (the views audit-log what they show)."""

from dataclasses import dataclass

import numpy as np
from django.db.models import Q

from maillage.common_search import STOP_WORDS
from maillage.common_search import terms as search_terms
from maillage.common_text import fold
from maillage.jobs import policies as policy

from ..matching.geo import bounding_box, haversine_km
from ..models import Candidate


def candidates_for(user, *, query: str = "", appellation: str = "", searching_only: bool = False):
    candidates = policy.visible_candidates(user).filter(anonymised_at__isnull=True)
    candidates = candidates.select_related("commune", "organisation", "person").prefetch_related("sought_appellations")
    if query:
        # Each word matches a name or commune (accent-free), or a job or skill of the person (stemmed).
        for word in query.replace("'", " ").replace("’", " ").split():
            stems = search_terms(word)
            if not stems and fold(word) in STOP_WORDS:
                continue
            folded = fold(word)
            condition = Q(person__identity_key__contains=folded) | Q(commune__search_name__contains=folded)
            for stem in stems:
                condition |= Q(search_document__contains=f" {stem}")
            candidates = candidates.filter(condition)
    if appellation:
        candidates = candidates.filter(
            Q(sought_appellations__code=appellation) | Q(held_appellations__code=appellation)
        ).distinct()
    if searching_only:
        candidates = candidates.filter(is_searching=True)
    return candidates


def visible_ids_filter(user):
    """For matching: keep the candidate ids this user may see (one query per call)."""

    def allowed(ids):
        return set(policy.visible_candidates(user).filter(pk__in=ids).values_list("pk", flat=True))

    return allowed


@dataclass(frozen=True)
class NearbyCandidate:
    candidate: Candidate
    distance_km: float
    trades: tuple[str, ...]  # labels of the jobs held or sought that match


def candidates_near(*, user, latitude: float, longitude: float, fiche_codes, limit: int = 30) -> list[NearbyCandidate]:
    """Searching, consenting candidates the user may see, whose held or sought jobs belong to ``fiche_codes``
    and who can reach the point within their own mobility radius; nearest first.

    The SQL narrows to a bounding box of the widest radius; the exact great-circle distance is then
    checked against each person's radius (the same geography as the matching engine)."""
    fiche_codes = list(fiche_codes)
    if not fiche_codes or latitude is None or longitude is None:
        return []
    min_lat, max_lat, min_lon, max_lon = bounding_box(latitude, longitude, 200)
    queryset = (
        policy.visible_candidates(user)
        .filter(is_searching=True, consent_at__isnull=False, anonymised_at__isnull=True)
        .filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
        .filter(Q(sought_appellations__fiche_id__in=fiche_codes) | Q(held_appellations__fiche_id__in=fiche_codes))
        .distinct()
        .select_related("person", "commune")
    )
    rows = list(queryset[:2000])
    if not rows:
        return []
    distances = haversine_km(
        latitude, longitude, np.array([c.latitude for c in rows]), np.array([c.longitude for c in rows])
    )
    reachable = [(c, float(d)) for c, d in zip(rows, distances, strict=True) if d <= c.mobility_radius_km]
    reachable.sort(key=lambda item: (item[1], item[0].pk))
    reachable = reachable[:limit]
    labels: dict[int, list[str]] = {}
    through = [Candidate.sought_appellations.through, Candidate.held_appellations.through]
    for model in through:
        for cid, label in model.objects.filter(
            candidate_id__in=[c.pk for c, _ in reachable], appellation__fiche_id__in=fiche_codes
        ).values_list("candidate_id", "appellation__label"):
            if label not in labels.setdefault(cid, []):
                labels[cid].append(label)
    return [NearbyCandidate(c, round(d, 1), tuple(labels.get(c.pk, ()))) for c, d in reachable]


def candidate_trades(candidate: Candidate) -> list[str]:
    """ROME fiche codes of the jobs the person held or seeks."""
    codes = set(candidate.sought_appellations.values_list("fiche_id", flat=True))
    codes |= set(candidate.held_appellations.values_list("fiche_id", flat=True))
    return sorted(codes)


def visible_candidate(user, pk: int) -> Candidate | None:
    """The candidate ``pk`` if the user may open the file, else ``None``."""
    return policy.visible_candidates(user).filter(pk=pk).select_related("person", "commune").first()
