"""The modules of Maillage as shown in the main menu and on the home page.

A module whose ``url_name`` is ``None`` is not built yet: the menu says so plainly.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Module:
    key: str
    label: str
    description: str
    url_name: str | None = None

    @property
    def is_available(self) -> bool:
        return self.url_name is not None

    @property
    def app_name(self) -> str:
        return self.url_name.split(":")[0] if self.url_name else ""


MODULES: list[Module] = [
    Module(
        "territories",
        "Territoires",
        "Périmètre de la Maison de l'Emploi, EPCI et communes, carte.",
        "territories:perimeter",
    ),
    Module(
        "referentials",
        "Métiers et référentiels",
        "ROME 4.0 (fiches, appellations, compétences), NAF, CPV.",
        "referentials:fiche_list",
    ),
    Module(
        "organisations", "Partenaires", "Organisations du territoire et leurs membres.", "accounts:organisation_list"
    ),
    Module("clauses", "Clauses sociales", "Dimensionnement, heures d'insertion, bilans.", "clauses:dashboard"),
    Module("procurement", "Marchés publics", "Données DECP, radar des marchés clausables.", "procurement:radar"),
    Module("companies", "Relations entreprises", "Établissements, besoins, PSE.", "companies:establishment_list"),
    Module("jobs", "Offres et reconversion", "Offres, candidats, rapprochement, passerelles.", "jobs:offer_list"),
    Module(
        "reconversion", "Passerelles métiers", "Reconversions par compétences transférables.", "reconversion:explorer"
    ),
    Module("observatory", "Observatoire", "Indicateurs, diagnostic territorial, tensions locales, GPECT."),
    Module("events", "Événements", "Job datings, forums, salons en ligne, découverte des métiers."),
    Module("directory", "Annuaire et orientation", "Structures, dispositifs, orientations de personnes."),
    Module("steering", "Pilotage", "Plan d'action, conventions, financements, rapport d'activité."),
]


def all_modules() -> list:
    """The built-in list, where a module declared through ``module.py`` replaces its placeholder."""
    from maillage.kernel import plugins

    declared = {spec.key: spec for spec in plugins.modules()}
    merged = [declared.pop(m.key, m) for m in MODULES]
    return merged + list(declared.values())
