"""The modules of Maillage as shown in the main menu and on the home page (the shell).

Installed modules declare themselves in ``maillage/<module>/module.py`` (``maillage.kernel.plugins``).
``UPCOMING`` is the roadmap: modules announced but not installed yet, shown as « à venir »; a module
that is installed replaces its announcement.
"""

from maillage.kernel import plugins
from maillage.kernel.plugins import ModuleSpec

UPCOMING: list[ModuleSpec] = [
    ModuleSpec(
        "observatory", "Observatoire", "Indicateurs, diagnostic territorial, tensions locales, GPECT.", order=90
    ),
    ModuleSpec("events", "Événements", "Job datings, forums, salons en ligne, découverte des métiers.", order=100),
    ModuleSpec(
        "directory", "Annuaire et orientation", "Structures, dispositifs, orientations de personnes.", order=110
    ),
    ModuleSpec("steering", "Pilotage", "Plan d'action, conventions, financements, rapport d'activité.", order=120),
]


def all_modules() -> list[ModuleSpec]:
    """Installed modules and the announced ones not installed yet, in menu order."""
    declared = list(plugins.modules())
    keys = {spec.key for spec in declared}
    announced = [spec for spec in UPCOMING if spec.key not in keys]
    return sorted(declared + announced, key=lambda spec: spec.order)
