"""Figures of the jobs module over any period and territory, for the steering indicators.

A hire (placement) is an application accepted during the period (its history says when); offers and
candidates count when they were recorded; the territory is the EPCI of the work place (offers, hires)
or of the candidate's commune.
"""

from datetime import date

from ..models import Application, ApplicationState, Candidate, Offer


def offers_published(*, start: date, end: date, epci_codes: tuple[str, ...] = ()) -> int:
    offers = Offer.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    if epci_codes:
        offers = offers.filter(commune__epci_id__in=epci_codes)
    return offers.count()


def hires(*, start: date, end: date, epci_codes: tuple[str, ...] = ()) -> int:
    accepted = Application.objects.filter(
        state=ApplicationState.ACCEPTED,
        events__to_state=ApplicationState.ACCEPTED,
        events__at__date__gte=start,
        events__at__date__lte=end,
    )
    if epci_codes:
        accepted = accepted.filter(offer__commune__epci_id__in=epci_codes)
    return accepted.values("pk").distinct().count()


def candidates_registered(*, start: date, end: date, epci_codes: tuple[str, ...] = ()) -> int:
    candidates = Candidate.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    if epci_codes:
        candidates = candidates.filter(commune__epci_id__in=epci_codes)
    return candidates.count()
