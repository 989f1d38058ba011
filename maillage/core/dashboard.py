"""Home-dashboard cards contributed by the modules (their ``dashboard`` hook, see ``maillage.kernel.plugins``).

Each card respects the module's own permissions: a module returns nothing to a user who may not
see it.
"""

from django.core.cache import cache

from maillage.kernel import plugins
from maillage.kernel.plugins import Card

__all__ = ["Card", "cards_for"]


CARDS_SECONDS = 60


def cards_for(user) -> list[Card]:
    """The cards of every module for ``user``, kept one minute in the (shared) cache: they are
    aggregates over whole tables, recomputed on every home page before (issue #9, load)."""
    key = f"dashboard:cards:v1:{getattr(user, 'pk', None)}"
    result = cache.get(key)
    if result is None:
        result = []
        for _spec, cards in plugins.with_hook("dashboard"):
            result.extend(cards(user))
        cache.set(key, result, CARDS_SECONDS)
    return result
