"""The diagnostic's figures, shared by every user in the cache (issue #9, load).

The figures of a scope depend only on the imported statistics and the scope's communes, never on
who reads them (secrecy is applied before they are stored). They are kept for ``SECONDS`` under a
generation number that every import bumps once its transaction commits, so a new vintage shows at
once on every page.
"""

import hashlib

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "observatory:figures:generation"
SECONDS = 15 * 60


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return int(value)


def bump() -> None:
    """Forget every cached figure, after the current transaction commits."""

    def _bump():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not set yet (or evicted): any new value invalidates the old keys
            cache.set(GENERATION_KEY, generation() + 1, None)

    transaction.on_commit(_bump)


LIVE_SECONDS = 60


def cached(name: str, scope, compute, *, live: bool = False):
    """``compute()`` for ``scope``, shared in the cache under the current generation.

    ``live`` figures come from the other modules' day-to-day data (clause hours, offers): they are
    shared for a minute only, as the home page's cards are."""
    fingerprint = hashlib.sha256(
        "|".join([scope.kind, scope.code, ",".join(scope.commune_codes), ",".join(scope.epci_codes)]).encode()
    ).hexdigest()[:24]
    if live:
        return cache.get_or_set(f"observatory:{name}:live:{fingerprint}", compute, LIVE_SECONDS)
    return cache.get_or_set(f"observatory:{name}:{generation()}:{fingerprint}", compute, SECONDS)
