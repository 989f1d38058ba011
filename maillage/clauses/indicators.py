"""The figures the social-clauses module provides to the steering module (DOMAIN.md §8)."""

from maillage.kernel.plugins import Indicator, IndicatorScope

from .selectors.steering import period_figures


def _figure(name: str):
    def compute(scope: IndicatorScope):
        return period_figures(start=scope.start, end=scope.end, epci_codes=scope.epci_codes)[name]

    return compute


def indicators() -> list[Indicator]:
    return [
        Indicator(
            "clauses.hours",
            "Heures d'insertion réalisées",
            "heures",
            _figure("hours"),
            "Heures comptées (règles de comptage appliquées) des relevés validés de la période.",
            axis="2",
        ),
        Indicator(
            "clauses.people",
            "Personnes en parcours clauses sociales",
            "personnes",
            _figure("people"),
            "Participants ayant des heures validées sur la période.",
            axis="2",
        ),
        Indicator(
            "clauses.companies",
            "Entreprises ayant mis en œuvre une clause",
            "entreprises",
            _figure("companies"),
            "Employeurs ayant des heures d'insertion validées sur la période.",
            axis="2",
        ),
    ]
