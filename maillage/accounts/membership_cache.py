"""A user's active memberships, shared between requests through the cache.

Every page asks who the user is in which organisation (two queries: memberships with their
organisation, then their EPCI). Memberships change rarely, so they are kept in the cache under a
generation number that any change of a membership, of its EPCI or of an organisation moves on: the
next request reads the database again, in every process at once. The entries also expire after
five minutes, so a change made behind the ORM's back (raw SQL) does not outlive that.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Membership, Organisation

GENERATION_KEY = "accounts:memberships:generation"
TTL_SECONDS = 300


def _generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def invalidate(**_signal_kwargs) -> None:
    """Every cached membership list is stale from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # never set, or evicted
        cache.set(GENERATION_KEY, 2, timeout=None)


def memberships(user_id: int, load: Callable[[], list[Membership]]) -> list[Membership]:
    key = f"accounts:memberships:{user_id}:{_generation()}"
    found = cache.get(key)
    if found is None:
        found = load()
        cache.set(key, found, TTL_SECONDS)
    return found


def connect() -> None:
    for model in (Membership, Organisation):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"membership-cache-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"membership-cache-delete-{model.__name__}")
    m2m_changed.connect(invalidate, sender=Membership.epcis.through, dispatch_uid="membership-cache-epcis")
