"""French labels for codes: FAP 2021 (BMO métiers), FAP 2009 (DARES), ROME, indicators."""

from functools import lru_cache

from maillage.referentials.models import Fap, RomeFiche

INDICATORS = {
    "bmo_projects": "Projets de recrutement (BMO)",
    "bmo_difficult": "Projets jugés difficiles (BMO)",
    "bmo_seasonal": "Projets saisonniers (BMO)",
    "job_seekers": "Demandeurs d'emploi inscrits (A, B, C)",
    "offers": "Offres d'emploi enregistrées",
    "job_seekers_abc": "Demandeurs d'emploi A, B, C",
    "tension_class": "Classe de tension (1 à 5)",
    "dares_tension": "Indicateur de tension DARES",
    "dares_tension_class": "Classe de tension DARES (1 à 5)",
    "dares_hiring_intensity": "Intensité d'embauches",
    "dares_training_link": "Lien formation-emploi",
    "dares_labour_shortage": "Manque de main-d'œuvre disponible",
    "dares_non_durable": "Non-durabilité de l'emploi",
    "dares_working_conditions": "Conditions de travail contraignantes",
    "dares_geographic_mismatch": "Inadéquation géographique",
    "dares_employment": "Emploi moyen",
}
DARES_FACTOR_KEYS = (
    "dares_hiring_intensity",
    "dares_training_link",
    "dares_labour_shortage",
    "dares_working_conditions",
    "dares_non_durable",
    "dares_geographic_mismatch",
)


def indicator_label(key: str) -> str:
    return INDICATORS.get(key, key)


@lru_cache(maxsize=1)
def fap2021() -> dict[str, str]:
    from ..fap_rome import fap2021_labels

    try:
        return fap2021_labels()
    except FileNotFoundError:
        return {}


def fap2021_label(code: str) -> str:
    return fap2021().get(code, code)


def fap2009_labels(codes) -> dict[str, str]:
    return dict(Fap.objects.filter(code__in=list(codes)).values_list("code", "label"))


def rome_labels(codes) -> dict[str, str]:
    return dict(RomeFiche.objects.filter(code__in=list(codes)).values_list("code", "label"))
