"""The figures the steering module itself provides: FSE+ participants and programme outcomes."""

from django.db.models import Q

from maillage.kernel.plugins import Indicator, IndicatorScope

from .models import FseParticipant, Outcome, ProgrammeKind, ProgrammeParticipant


def _fse_participants(scope: IndicatorScope) -> int:
    participants = FseParticipant.objects.filter(entry_date__gte=scope.start, entry_date__lte=scope.end)
    if scope.epci_codes:
        participants = participants.filter(person__commune__epci_id__in=scope.epci_codes)
    if scope.funder_id:
        # The funder's filter: participants of the actions this funder pays for.
        participants = participants.filter(action__funding_lines__funder__organisation_id=scope.funder_id)
    return participants.values("pk").distinct().count()


def _programme(outcome: str | None, kind: str = ""):
    def compute(scope: IndicatorScope) -> int:
        paths = ProgrammeParticipant.objects.filter(joined_on__lte=scope.end).filter(
            Q(outcome_on__isnull=True) | Q(outcome_on__gte=scope.start)
        )
        if kind:
            paths = paths.filter(cohort__programme__kind=kind)
        if outcome:
            paths = paths.filter(outcome=outcome, outcome_on__gte=scope.start, outcome_on__lte=scope.end)
        if scope.epci_codes:
            paths = paths.filter(person__commune__epci_id__in=scope.epci_codes)
        if scope.funder_id:
            paths = paths.filter(cohort__programme__action__funding_lines__funder__organisation_id=scope.funder_id)
        return paths.values("pk").distinct().count()

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
        *_by_kind(),
    ]


def _by_kind() -> list[Indicator]:
    """The same two figures for each kind of programme (« 100 chances », parrainage…), so an action picks its own."""
    result = []
    for kind, label in ProgrammeKind.choices:
        result.append(
            Indicator(
                f"steering.paths.{kind}",
                f"Personnes accompagnées – {label}",
                "personnes",
                _programme(None, kind),
                f"Parcours « {label} » en cours sur la période.",
            )
        )
        result.append(
            Indicator(
                f"steering.jobs.{kind}",
                f"Sorties en emploi – {label}",
                "personnes",
                _programme(Outcome.JOB, kind),
                f"Parcours « {label} » sortis en emploi sur la période.",
            )
        )
    return result
