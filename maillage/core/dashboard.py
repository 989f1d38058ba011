"""Home-dashboard cards contributed by the modules.

A module adds figures to the home dashboard by exposing ``cards(user) -> list[Card]`` in a
``dashboard`` module listed in ``PROVIDERS``; each card respects the module's own permissions
(return nothing when the user may not see it).
"""

import importlib
from dataclasses import dataclass

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
    for name in PROVIDERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        result.extend(module.cards(user))
    return result
