"""Home-dashboard cards contributed by the modules.

A module adds figures to the home dashboard by exposing ``cards(user) -> list[Card]`` in a
``dashboard`` module listed in ``PROVIDERS``; each card respects the module's own permissions
(return nothing when the user may not see it).
"""

from dataclasses import dataclass

from maillage.kernel import plugins

from .hooks import provided

PROVIDERS = [
    "maillage.clauses.dashboard",
    "maillage.procurement.dashboard",
    "maillage.companies.dashboard",
    "maillage.jobs.dashboard",
]


@dataclass(frozen=True)
class Card:
    title: str
    value: str
    caption: str = ""
    url: str = ""
    alert: bool = False


def cards_for(user) -> list[Card]:
    result: list[Card] = []
    for _name, module in provided(PROVIDERS):
        result.extend(module.cards(user))
    for _spec, cards in plugins.with_hook("dashboard"):
        result.extend(cards(user))
    return result
