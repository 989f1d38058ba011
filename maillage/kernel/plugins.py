"""The module contract: a module declares itself once, in ``maillage/<module>/module.py``.

That file defines ``MODULE = ModuleSpec(...)``. The shell (menu, home, dashboard, demo runner,
retention command, API router, steering indicators) discovers the declarations of the installed
apps in ``INSTALLED_APPS`` order; the base never imports a module. Every hook is a dotted path
``"package.module:attribute"`` so declaring costs no import; a declared hook that does not resolve
fails at start-up (system check ``maillage.E001``), never silently.

Hooks and their signatures:

- ``demo``: ``seed(stdout=None) -> None`` — idempotent, deterministic demo data.
- ``demo_personas``: ``personas() -> list[DemoPersona]`` — the people a module's demo created that other demos
  may use, by role (``"job_seeker"``: the demo job seeker and her personal account), read with
  ``demo_persona(key)``; no demo finds another's people by their names or its e-mail domain.
- ``retention``: ``purge(now, dry_run) -> dict[str, int]`` — deletions / anonymisations by kind. A module
  that keeps personal data says so (``personal_data=True``) and must declare it (``maillage.E002``); a
  module without may declare one too, for files it keeps (the observatory's import reports).
- ``dashboard``: ``cards(user) -> list[Card]`` — home cards the user may see (nothing otherwise).
- ``api``: ``register(router) -> None`` — registers the module's viewsets on ``/api/v1/``.
- ``indicators``: ``indicators() -> list[Indicator]`` — figures the steering module can use.
- ``tasks``: a module path imported at start-up so its Huey (periodic) tasks are registered.
- ``can_open``: ``can_open(user) -> bool`` — whether the menu shows the module to this user.
- ``for_metier``: ``for_metier(rome_code, user) -> list[MetierLink]`` — what the module offers for a
  métier (local offers, trainings, events…), shown on the explorer's path pages.
- ``public_links``: ``public_links() -> list[PublicLink]`` — what a visitor without an account can do
  with the module (explore, register, find a programme…), listed on the public home.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from django.apps import apps
from django.core import checks


@dataclass(frozen=True)
class Card:
    """One figure on the home dashboard: a quantity (``int``, ``float``, ``Decimal``) or a text as written
    (« 67 % », a year, « → »)."""

    title: str
    value: str | int | float | Decimal
    caption: str = ""
    url: str = ""
    alert: bool = False
    priority: int = 100  # lower first: a role's main task leads its home

    @property
    def figure(self) -> str:
        """The value as shown: quantities grouped by thousands (« 13 390 »), texts untouched (« 2026 »)."""
        from maillage.common_text import group_thousands

        if isinstance(self.value, int | float | Decimal) and not isinstance(self.value, bool):
            return group_thousands(self.value)
        return str(self.value)

    @property
    def is_nil(self) -> bool:
        """Nothing to do or to see behind it (a count of 0): such a card does not lead a home."""
        if isinstance(self.value, int | float | Decimal) and not isinstance(self.value, bool):
            return self.value == 0
        return str(self.value).strip() == "0"


@dataclass(frozen=True)
class IndicatorScope:
    """What a steering action asks of an indicator: a period, a territory and a funder's filter."""

    start: date
    end: date
    epci_codes: tuple[str, ...] = ()  # empty: the whole MDE perimeter
    funder_id: int | None = None


@dataclass(frozen=True)
class Indicator:
    """A figure a module provides to the steering module (never typed twice)."""

    key: str  # "<module>.<name>", stable: actions store it
    label: str  # French, e.g. « Heures d'insertion réalisées »
    unit: str  # French unit, e.g. « heures », « personnes », « € »
    compute: Callable[[IndicatorScope], int | Decimal | float]
    description: str = ""
    axis: str = ""  # "1" (anticiper, GPECT), "2" (développement local de l'emploi) or ""


@dataclass(frozen=True)
class MetierLink:
    """Something a module offers for a métier: « 3 offres près de chez vous », a training, an event."""

    label: str  # French, e.g. « Offres d'emploi en cours »
    url: str
    count: int | None = None
    description: str = ""


@dataclass(frozen=True)
class PublicLink:
    """A page a visitor without an account may use: « Explorer les passerelles entre métiers »."""

    label: str  # French, the link's text
    url: str
    description: str = ""  # what it does for the visitor, after the link
    order: int = 100  # lower first on the public home


@dataclass(frozen=True)
class DemoPersona:
    """Someone a module's demo created, offered to the other demos by role: her account and her shared person."""

    key: str  # the role, stable: "job_seeker"
    account: Any  # accounts.User
    person: Any  # people.Person


@dataclass(frozen=True)
class ModuleSpec:
    key: str
    label: str
    description: str
    url_name: str | None = None  # the module's landing page; None: not built yet
    order: int = 100  # position in the menu
    can_open: str | None = None
    demo: str | None = None
    demo_after: tuple[str, ...] = ()  # keys of modules whose demo must run first
    demo_personas: str | None = None
    retention: str | None = None
    personal_data: bool = False  # keeps data on people: needs a ``retention`` hook (check ``maillage.E002``)
    dashboard: str | None = None
    api: str | None = None
    indicators: str | None = None
    tasks: str | None = None
    for_metier: str | None = None
    public_links: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    HOOKS = (
        "can_open",
        "demo",
        "demo_personas",
        "retention",
        "dashboard",
        "api",
        "indicators",
        "for_metier",
        "public_links",
    )

    @property
    def is_available(self) -> bool:
        return self.url_name is not None

    @property
    def app_name(self) -> str:
        return self.url_name.split(":")[0] if self.url_name else ""

    def hook(self, name: str) -> Any | None:
        path = getattr(self, name)
        return resolve(path) if path else None


def resolve(path: str) -> Any:
    module_path, _, attribute = path.partition(":")
    module = importlib.import_module(module_path)
    return getattr(module, attribute) if attribute else module


@cache
def modules() -> tuple[ModuleSpec, ...]:
    """Every installed module's declaration, in menu order (then ``INSTALLED_APPS`` order)."""
    found = []
    for index, config in enumerate(apps.get_app_configs()):
        try:
            declaration = importlib.import_module(f"{config.name}.module")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.module":
                raise
            continue
        found.append((declaration.MODULE.order, index, declaration.MODULE))
    return tuple(spec for _order, _index, spec in sorted(found, key=lambda t: (t[0], t[1])))


def with_hook(name: str) -> Iterator[tuple[ModuleSpec, Any]]:
    """The modules that declare ``name``, with the resolved hook."""
    for spec in modules():
        hook = spec.hook(name)
        if hook is not None:
            yield spec, hook


def demo_order() -> list[ModuleSpec]:
    """Modules with a demo seeder, each after the modules it declares in ``demo_after``."""
    specs = {spec.key: spec for spec in modules() if spec.demo}
    ordered: list[ModuleSpec] = []

    def visit(spec: ModuleSpec, path: tuple[str, ...] = ()) -> None:
        if spec in ordered:
            return
        if spec.key in path:
            raise ValueError(f"dépendance circulaire entre démos : {' → '.join(path + (spec.key,))}")
        for key in spec.demo_after:
            if key in specs:
                visit(specs[key], path + (spec.key,))
        ordered.append(spec)

    for spec in specs.values():
        visit(spec)
    return ordered


def demo_persona(key: str) -> DemoPersona | None:
    """The person a module's demo offers for the role ``key`` (``"job_seeker"``), None when no demo has one yet."""
    for _spec, provider in with_hook("demo_personas"):
        for persona in provider():
            if persona.key == key:
                return persona
    return None


def links_for_metier(rome_code: str, user) -> list[MetierLink]:
    """What every module offers for a métier, in menu order."""
    links: list[MetierLink] = []
    for _spec, provider in with_hook("for_metier"):
        links.extend(provider(rome_code, user))
    return links


def public_links() -> list[PublicLink]:
    """What a visitor without an account can do, every module's offer, by their ``order``."""
    links: list[PublicLink] = []
    for _spec, provider in with_hook("public_links"):
        links.extend(provider())
    return sorted(links, key=lambda link: link.order)


def all_indicators() -> dict[str, Indicator]:
    result: dict[str, Indicator] = {}
    for _spec, provider in with_hook("indicators"):
        for indicator in provider():
            result[indicator.key] = indicator
    return result


@checks.register()
def check_declared_hooks(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A declared hook that does not resolve is an error at start-up, never a silent skip; so is a module
    that keeps personal data without a retention hook."""
    errors = []
    for spec in modules():
        for name in (*ModuleSpec.HOOKS, "tasks"):
            path = getattr(spec, name)
            if not path:
                continue
            try:
                resolve(path)
            except (ImportError, AttributeError) as exc:
                errors.append(
                    checks.Error(
                        f"Le module « {spec.key} » déclare {name}={path!r}, introuvable : {exc}",
                        id="maillage.E001",
                    )
                )
        if spec.personal_data and not spec.retention:
            errors.append(
                checks.Error(
                    f"Le module « {spec.key} » garde des données personnelles sans crochet retention.",
                    id="maillage.E002",
                )
            )
    return errors
