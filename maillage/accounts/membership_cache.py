"""A user's active memberships, shared between requests through the cache.

Every page asks who the user is in which organisation (two queries: memberships with their
organisation, then their EPCI). Memberships change rarely, so they are kept in the cache, one entry
per user (one round trip a page), and the entries of the users concerned are dropped whenever a
membership, its EPCI or an organisation changes: the next request reads the database again, in
every process at once. The entries also expire after five minutes, so a change made behind the
ORM's back (raw SQL, a bulk update) does not outlive that.
"""

from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Membership, Organisation

TTL_SECONDS = 300


def _key(user_id: int) -> str:
    return f"accounts:memberships:{user_id}"


def memberships(user_id: int, load: Callable[[], list[Membership]]) -> list[Membership]:
    found = cache.get(_key(user_id))
    if found is None:
        found = load()
        cache.set(_key(user_id), found, TTL_SECONDS)
    return found


def forget(user_ids: Iterable[int]) -> None:
    cache.delete_many([_key(user_id) for user_id in set(user_ids)])


def _membership_changed(instance, **_kwargs) -> None:
    forget([instance.user_id])


def _organisation_changed(instance, **_kwargs) -> None:
    forget(Membership.objects.filter(organisation_id=instance.pk).values_list("user_id", flat=True))


def _epcis_changed(instance, action, reverse, pk_set, **_kwargs) -> None:
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if not reverse:  # membership.epcis.add(...)
        forget([instance.user_id])
        return
    members = Membership.objects.filter(pk__in=pk_set) if pk_set else Membership.objects.filter(epcis=instance)
    forget(members.values_list("user_id", flat=True))


def connect() -> None:
    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="membership-cache-save")
    post_delete.connect(_membership_changed, sender=Membership, dispatch_uid="membership-cache-delete")
    post_save.connect(_organisation_changed, sender=Organisation, dispatch_uid="membership-cache-organisation")
    m2m_changed.connect(_epcis_changed, sender=Membership.epcis.through, dispatch_uid="membership-cache-epcis")
