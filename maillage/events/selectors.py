"""Reads of the events module: the public calendar, the staff lists and the KPIs (in SQL)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, Q
from django.utils import timezone

from maillage.common_text import fold
from maillage.referentials.selectors import fiche_labels

from .choices import IN_EMPLOYMENT, ApplicationDecision, EventStatus, Period, RegistrationStatus
from .models import (
    Event,
    InterviewSlot,
    Outcome,
    Registration,
    SatisfactionResponse,
    Stand,
    StandApplication,
    StandOffer,
)
from .policies import visible_events


@dataclass
class CalendarFilters:
    kind: str = ""
    modality: str = ""
    epci: str = ""
    sector: str = ""
    public: str = ""
    rome: str = ""
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""


def _upcoming() -> Q:
    """Events not over yet: starting today or later, or still running (a fair over several days)."""
    today = timezone.localdate()
    return Q(end_date__gte=today) | Q(start_date__gte=today)


def public_calendar(filters: CalendarFilters, include_past: bool = False):
    events = Event.objects.filter(status=EventStatus.PUBLISHED).select_related("commune", "organiser")
    if not include_past and not filters.date_from:
        events = events.filter(_upcoming())
    return apply_filters(events, filters)


def metier_choices(events, limit: int = 2000) -> list[tuple[str, str]]:
    """The ROME fiches named by ``events`` (a queryset already scoped: the public calendar, or the events
    a user may see), as ``(code, « Câblage électrique et électromécanique (H2605) »)`` in the labels'
    alphabetical order: a filter people can read, with the code kept for the page's address. Two queries;
    a fiche unknown to the referential shows its code alone."""
    codes = set()
    for event_codes in events.order_by().values_list("rome_codes", flat=True)[:limit]:
        codes.update(code for code in event_codes or () if isinstance(code, str))
    labels = fiche_labels(codes)
    choices = [(code, f"{labels[code]} ({code})" if code in labels else code) for code in codes]
    return sorted(choices, key=lambda choice: (fold(choice[1]), choice[0]))


def metiers_of(event) -> list[str]:
    """The event's métiers as people read them: « Maçon / Maçonne (F1703) », in the event's order."""
    codes = [code for code in event.rome_codes or () if isinstance(code, str)]
    labels = fiche_labels(codes)
    return [f"{labels[code]} ({code})" if code in labels else code for code in codes]


def apply_filters(events, filters: CalendarFilters):
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.modality:
        events = events.filter(Q(modality=filters.modality) | Q(modality="MIXTE"))
    if filters.epci:
        events = events.filter(commune__epci_id=filters.epci)
    if filters.sector:
        events = events.filter(Q(sector=filters.sector) | Q(multisectoral=True))
    if filters.public:
        events = events.filter(Q(publics__icontains=f'"{filters.public}"') | Q(publics__icontains='"tous"'))
    if filters.rome:
        events = events.filter(rome_codes__icontains=filters.rome.upper()[:5])
    if filters.date_from:
        events = events.filter(start_date__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(start_date__lte=filters.date_to)
    if filters.q:
        for word in filters.q.split()[:5]:
            events = events.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return events.order_by("start_date", "start_time", "id")


def staff_events(user, filters: CalendarFilters, status: str = "", period: str = Period.UPCOMING):
    """The events ``user`` may see, filtered; upcoming ones only unless ``period`` asks for the past ones or all
    of them, or a start date is chosen (« Du »: the dates chosen say which events are wanted)."""
    events = visible_events(user).select_related("commune", "organiser")
    if status:
        events = events.filter(status=status)
    if period == Period.PAST:
        events = events.exclude(_upcoming())
    elif period == Period.UPCOMING and not filters.date_from:
        events = events.filter(_upcoming())
    return apply_filters(events, filters).annotate(stand_count=Count("stands", distinct=True))


def registrations_of_user(user):
    """The registrations a person made while logged in to their own account (the registrant is linked
    to the account only when the form's e-mail was the account's): never matched by e-mail alone."""
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return (
        Registration.objects.filter(registrant__user=user, registrant__person__isnull=False)
        .select_related("event__commune")
        .order_by("-event__start_date", "-id")
    )


def upcoming_registrations_of(user):
    today = timezone.localdate()
    return registrations_of_user(user).filter(
        Q(event__end_date__gte=today) | Q(event__start_date__gte=today), status=RegistrationStatus.REGISTERED
    )


def registrations_of(event: Event):
    return (
        Registration.objects.filter(event=event)
        .select_related("registrant__person")
        .order_by("status", "registrant__person__last_name", "registrant__person__first_name", "id")
    )


def free_slots(stand):
    return InterviewSlot.objects.filter(stand=stand, booked_by__isnull=True, starts_at__gte=timezone.now())


@dataclass
class EventKpis:
    registrants: int = 0
    registrants_on_site: int = 0
    registrants_remote: int = 0
    cancelled: int = 0
    present: int = 0
    walk_ins: int = 0
    attendance_rate: float | None = None
    stands: int = 0
    offers: int = 0
    applications: int = 0
    retained: int = 0
    interviews_booked: int = 0
    interviewed: int = 0
    hired: int = 0
    in_employment_1m: int = 0
    in_employment_3m: int = 0
    satisfaction_candidates: float | None = None
    satisfaction_companies: float | None = None
    by_public: list = field(default_factory=list)
    by_epci: list = field(default_factory=list)
    per_offer: list = field(default_factory=list)


def _rate(part, whole):
    return round(100 * part / whole, 1) if whole else None


def kpis(events) -> EventKpis:
    """Figures of a set of events (one event, or a year): counts in SQL, by public and by EPCI."""
    event_ids = list(events.values_list("pk", flat=True)) if hasattr(events, "values_list") else [events.pk]
    regs = Registration.objects.filter(event_id__in=event_ids)
    agg = regs.aggregate(
        n_registrants=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
        on_site=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED, mode="ENPHY")),
        remote=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED, mode="ADIST")),
        n_cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        present=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED, checked_in_at__isnull=False)),
        n_walk_ins=Count("pk", filter=Q(walk_in=True)),
    )
    result = EventKpis(
        registrants=agg["n_registrants"],
        registrants_on_site=agg["on_site"],
        registrants_remote=agg["remote"],
        cancelled=agg["n_cancelled"],
        present=agg["present"],
        walk_ins=agg["n_walk_ins"],
    )
    result.attendance_rate = _rate(result.present, result.registrants)
    active = regs.filter(status=RegistrationStatus.REGISTERED)
    result.by_public = list(
        active.values("public")
        .annotate(n=Count("pk"), present=Count("pk", filter=Q(checked_in_at__isnull=False)))
        .order_by("-n", "public")
    )
    result.by_epci = list(
        active.values("epci_code")
        .annotate(n=Count("pk"), present=Count("pk", filter=Q(checked_in_at__isnull=False)))
        .order_by("-n", "epci_code")
    )
    offers = StandOffer.objects.filter(stand__event_id__in=event_ids)
    result.stands = Stand.objects.filter(event_id__in=event_ids).count()
    result.offers = offers.count()
    applications = StandApplication.objects.filter(stand_offer__stand__event_id__in=event_ids)
    result.applications = applications.count()
    result.retained = applications.filter(decision=ApplicationDecision.RETAINED).count()
    result.per_offer = list(
        offers.annotate(
            n_applications=Count("applications", distinct=True),
            n_retained=Count(
                "applications", filter=Q(applications__decision=ApplicationDecision.RETAINED), distinct=True
            ),
            n_hired=Count("outcomes", filter=Q(outcomes__hired=True), distinct=True),
        )
        .values("pk", "offer__title", "stand__establishment__name", "n_applications", "n_retained", "n_hired")
        .order_by("stand__establishment__name", "offer__title")
    )
    result.interviews_booked = InterviewSlot.objects.filter(
        stand__event_id__in=event_ids, booked_by__isnull=False
    ).count()
    outcomes = Outcome.objects.filter(stand_offer__stand__event_id__in=event_ids).aggregate(
        n_interviewed=Count("pk", filter=Q(interviewed=True)),
        n_hired=Count("pk", filter=Q(hired=True)),
        m1=Count("pk", filter=Q(hired=True, situation_1m__in=IN_EMPLOYMENT)),
        m3=Count("pk", filter=Q(hired=True, situation_3m__in=IN_EMPLOYMENT)),
    )
    result.interviewed, result.hired = outcomes["n_interviewed"], outcomes["n_hired"]
    result.in_employment_1m, result.in_employment_3m = outcomes["m1"], outcomes["m3"]
    scores = dict(
        SatisfactionResponse.objects.filter(event_id__in=event_ids)
        .values("respondent")
        .annotate(avg=Avg("score"))
        .values_list("respondent", "avg")
    )
    result.satisfaction_candidates = round(scores["candidat"], 1) if scores.get("candidat") else None
    result.satisfaction_companies = round(scores["entreprise"], 1) if scores.get("entreprise") else None
    return result


def events_of_year(user, year: int, epci_codes=()):
    events = visible_events(user).filter(start_date__year=year).exclude(status=EventStatus.CANCELLED)
    if epci_codes:
        events = events.filter(commune__epci_id__in=epci_codes)
    return events


def yearly_by_kind(user, year: int):
    return list(
        events_of_year(user, year)
        .values("kind")
        .annotate(
            n=Count("pk", distinct=True),
            registrants=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)),
            present=Count(
                "registrations",
                filter=Q(
                    registrations__status=RegistrationStatus.REGISTERED, registrations__checked_in_at__isnull=False
                ),
            ),
        )
        .order_by("kind")
    )
