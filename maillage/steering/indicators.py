"""The figures the steering module itself provides: FSE+ participants and programme outcomes."""

from django.db.models import Q

from maillage.kernel.plugins import Indicator, IndicatorScope

from .models import FseParticipant, Outcome, ProgrammeParticipant


def _fse_participants(scope: IndicatorScope) -> int:
    participants = FseParticipant.objects.filter(entry_date__gte=scope.start, entry_date__lte=scope.end)
    if scope.epci_codes:
        participants = participants.filter(person__commune__epci_id__in=scope.epci_codes)
    return participants.count()


def _programme(outcome: str | None):
    def compute(scope: IndicatorScope) -> int:
        paths = ProgrammeParticipant.objects.filter(joined_on__lte=scope.end).filter(
            Q(outcome_on__isnull=True) | Q(outcome_on__gte=scope.start)
        )
        if outcome:
            paths = paths.filter(outcome=outcome, outcome_on__gte=scope.start, outcome_on__lte=scope.end)
        if scope.epci_codes:
            paths = paths.filter(person__commune__epci_id__in=scope.epci_codes)
        return paths.count()

    return compute


def indicators() -> list[Indicator]:
    return [
        Indicator(
            "steering.fse_participants",
            "Participants FSE+ entrés",
            "personnes",
            _fse_participants,
            "Participants entrés dans une action cofinancée par le FSE+ sur la période.",
        ),
        Indicator(
            "steering.programme_participants",
            "Personnes accompagnées dans les programmes",
            "personnes",
            _programme(None),
            "Parcours en cours sur la période (100 chances, parrainage, CLEE…).",
        ),
        Indicator(
            "steering.programme_jobs",
            "Sorties en emploi des programmes",
            "personnes",
            _programme(Outcome.JOB),
            "Parcours sortis en emploi sur la période.",
        ),
    ]
