"""The figures the company-relations module provides to the steering module (DOMAIN.md §8)."""

from maillage.kernel.plugins import Indicator, IndicatorScope

from . import selectors


def _companies_met(scope: IndicatorScope) -> int:
    return selectors.companies_met(start=scope.start, end=scope.end, epci_codes=scope.epci_codes)


def _needs(name: str):
    def compute(scope: IndicatorScope) -> int:
        return selectors.needs_collected(start=scope.start, end=scope.end, epci_codes=scope.epci_codes)[name]

    return compute


def _revitalisation(name: str):
    def compute(scope: IndicatorScope) -> int:
        return selectors.revitalisation_jobs(start=scope.start, end=scope.end, epci_codes=scope.epci_codes)[name]

    return compute


def indicators() -> list[Indicator]:
    return [
        Indicator(
            "companies.met",
            "Entreprises rencontrées",
            "entreprises",
            _companies_met,
            "Établissements rencontrés (visite, réunion, événement) sur la période.",
            axis="2",
        ),
        Indicator(
            "companies.needs",
            "Besoins de recrutement recueillis",
            "besoins",
            _needs("needs"),
            "Besoins de recrutement enregistrés sur la période.",
            axis="2",
        ),
        Indicator(
            "companies.positions",
            "Postes à pourvoir recueillis",
            "postes",
            _needs("positions"),
            "Postes des besoins de recrutement enregistrés sur la période.",
            axis="2",
        ),
        Indicator(
            "companies.revitalisation_jobs_target",
            "Emplois à recréer (revitalisation)",
            "emplois",
            _revitalisation("jobs_target"),
            "Emplois à recréer des conventions de revitalisation en cours sur la période.",
            axis="1",
        ),
        Indicator(
            "companies.revitalisation_jobs_created",
            "Emplois recréés (revitalisation)",
            "emplois",
            _revitalisation("jobs_created"),
            "Emplois recréés par les actions des conventions en cours sur la période.",
            axis="1",
        ),
    ]
