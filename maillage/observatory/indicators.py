"""Steering indicators of the observatory (axis 1: anticipate economic change)."""

from maillage.kernel.plugins import Indicator, IndicatorScope


def _published(scope: IndicatorScope) -> int:
    from .models import DiagnosticVersion

    return DiagnosticVersion.objects.filter(
        status=DiagnosticVersion.Status.VALIDATED, committee_date__gte=scope.start, committee_date__lte=scope.end
    ).count()


def _projects(scope: IndicatorScope) -> int:
    from .models import CompanyProject

    queryset = CompanyProject.objects.filter(created_at__date__gte=scope.start, created_at__date__lte=scope.end)
    if scope.epci_codes:
        queryset = queryset.filter(commune__epci_id__in=scope.epci_codes)
    return queryset.count()


def _trained(scope: IndicatorScope) -> int:
    from django.db.models import Sum

    from .models import ProjectAction

    queryset = ProjectAction.objects.filter(
        kind=ProjectAction.Kind.TRAINING,
        status=ProjectAction.Status.DONE,
        project__created_at__date__lte=scope.end,
    )
    if scope.epci_codes:
        queryset = queryset.filter(project__commune__epci_id__in=scope.epci_codes)
    return queryset.aggregate(n=Sum("hired_people"))["n"] or 0


def indicators() -> list[Indicator]:
    return [
        Indicator(
            "observatory.diagnostic_published",
            "Diagnostic publié (versions validées en comité de pilotage)",
            "versions",
            _published,
            "Versions du diagnostic territorial partagé validées en comité de pilotage sur la période.",
            axis="1",
        ),
        Indicator(
            "observatory.gpect_projects",
            "Projets d'entreprises accompagnés en GPECT",
            "projets",
            _projects,
            "Implantations, développements et fermetures de sites suivis sur la période.",
            axis="1",
        ),
        Indicator(
            "observatory.gpect_hired_after_training",
            "Personnes recrutées après une formation GPECT",
            "personnes",
            _trained,
            "Recrutements déclarés sur les sessions de formation réalisées.",
            axis="1",
        ),
    ]
