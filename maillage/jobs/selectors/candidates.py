"""Reads of candidates, scoped by ``policies.jobs`` (the views audit-log what they show)."""

from django.db.models import Q

from maillage.jobs import policies as policy


def candidates_for(user, *, query: str = "", appellation: str = "", searching_only: bool = False):
    candidates = policy.visible_candidates(user).filter(anonymised_at__isnull=True)
    candidates = candidates.select_related("commune", "organisation", "person").prefetch_related("sought_appellations")
    if query:
        for word in query.split():
            candidates = candidates.filter(
                Q(person__first_name__icontains=word)
                | Q(person__last_name__icontains=word)
                | Q(commune__name__icontains=word)
            )
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
