"""Steering indicators provided by the events module (``plugins.Indicator``)."""

from django.db.models import Count, Q

from maillage.kernel.plugins import Indicator, IndicatorScope

from .choices import IN_EMPLOYMENT, EventStatus, RegistrationStatus
from .models import Event, Outcome, Registration


def _events(scope: IndicatorScope):
    events = Event.objects.filter(start_date__range=(scope.start, scope.end), status=EventStatus.PUBLISHED)
    if scope.epci_codes:
        events = events.filter(commune__epci_id__in=scope.epci_codes)
    if scope.funder_id:
        events = events.filter(Q(organiser_id=scope.funder_id) | Q(partners__organisation_id=scope.funder_id))
    return events.distinct()


def events_held(scope: IndicatorScope) -> int:
    return _events(scope).count()


def registrants(scope: IndicatorScope) -> int:
    return Registration.objects.filter(event__in=_events(scope), status=RegistrationStatus.REGISTERED).count()


def attendees(scope: IndicatorScope) -> int:
    return Registration.objects.filter(
        event__in=_events(scope), status=RegistrationStatus.REGISTERED, checked_in_at__isnull=False
    ).count()


def companies(scope: IndicatorScope) -> int:
    return Event.objects.filter(pk__in=_events(scope).values("pk")).aggregate(
        n=Count("stands__establishment", distinct=True)
    )["n"]


def hires(scope: IndicatorScope) -> int:
    return Outcome.objects.filter(stand_offer__stand__event__in=_events(scope), hired=True).count()


def hires_3m(scope: IndicatorScope) -> int:
    return Outcome.objects.filter(
        stand_offer__stand__event__in=_events(scope), hired=True, situation_3m__in=IN_EMPLOYMENT
    ).count()


def indicators() -> list[Indicator]:
    return [
        Indicator("events.events_held", "Événements emploi organisés", "événements", events_held, axis="2"),
        Indicator("events.registrants", "Inscrits aux événements", "personnes", registrants, axis="2"),
        Indicator("events.attendees", "Participants présents aux événements", "personnes", attendees, axis="2"),
        Indicator("events.companies", "Entreprises exposantes", "entreprises", companies, axis="2"),
        Indicator("events.hires", "Recrutements issus des événements", "personnes", hires, axis="2"),
        Indicator(
            "events.hires_3m",
            "Personnes recrutées lors d'un événement, en emploi à 3 mois",
            "personnes",
            hires_3m,
            description="Recrutements dont la situation à 3 mois est « toujours en poste » ou « en emploi ailleurs ».",
            axis="2",
        ),
    ]
