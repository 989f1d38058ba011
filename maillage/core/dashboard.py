"""Home-dashboard cards contributed by the modules (their ``dashboard`` hook, see ``maillage.kernel.plugins``).

Each card respects the module's own permissions: a module returns nothing to a user who may not
see it.
"""

from maillage.kernel import plugins
from maillage.kernel.plugins import Card

__all__ = ["Card", "cards_for"]


def cards_for(user) -> list[Card]:
    result: list[Card] = []
    for _spec, cards in plugins.with_hook("dashboard"):
        result.extend(cards(user))
    return result
