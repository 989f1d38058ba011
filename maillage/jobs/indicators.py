"""The figures the jobs module provides to the steering module (DOMAIN.md §8)."""

from maillage.kernel.plugins import Indicator, IndicatorScope

from .selectors import steering


def _scoped(selector):
    def compute(scope: IndicatorScope) -> int:
        return selector(start=scope.start, end=scope.end, epci_codes=scope.epci_codes)

    return compute


def indicators() -> list[Indicator]:
    return [
        Indicator(
            "jobs.offers",
            "Offres d'emploi recueillies",
            "offres",
            _scoped(steering.offers_published),
            "Offres enregistrées sur la période (saisies ou importées), au lieu de travail.",
            axis="2",
        ),
        Indicator(
            "jobs.hires",
            "Mises en relation abouties (embauches)",
            "embauches",
            _scoped(steering.hires),
            "Candidatures acceptées sur la période.",
            axis="2",
        ),
        Indicator(
            "jobs.candidates",
            "Candidats inscrits",
            "personnes",
            _scoped(steering.candidates_registered),
            "Profils de candidats enregistrés sur la période, à leur commune de résidence.",
            axis="2",
        ),
    ]
