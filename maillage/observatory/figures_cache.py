"""The diagnostic's figures, shared by every user in the cache (issue #9, load).

The figures of a scope depend only on the imported statistics and the scope's communes, never on
who reads them (secrecy is applied before they are stored). They are kept for ``SECONDS`` under a
generation number that every import bumps once its transaction commits, so a new vintage shows at
once on every page (``maillage.kernel.shared_cache``).
"""

from django.core.cache import cache

from maillage.kernel.shared_cache import Generation, fingerprint

FIGURES = Generation("observatory:figures")
SECONDS = 15 * 60
LIVE_SECONDS = 60


def generation() -> int:
    return FIGURES.current()


def bump() -> None:
    """Forget every cached figure, after the current transaction commits."""
    FIGURES.bump()


def cached(name: str, scope, compute, *, live: bool = False):
    """``compute()`` for ``scope``, shared in the cache under the current generation.

    ``live`` figures come from the other modules' day-to-day data (clause hours, offers): they are
    shared for a minute only, as the home page's cards are."""
    key = fingerprint(scope.kind, scope.code, tuple(scope.commune_codes), tuple(scope.epci_codes))
    if live:
        return cache.get_or_set(f"observatory:{name}:live:{key}", compute, LIVE_SECONDS)
    return FIGURES.cached(name, key, compute, SECONDS)
