"""Home-dashboard card of the events module."""

from django.urls import reverse
from django.utils import timezone

from maillage.common_text import long_date
from maillage.kernel.plugins import Card, PublicLink

from . import selectors
from .choices import EventStatus
from .policies import can_use_module, visible_events


def cards(user) -> list[Card]:
    if not can_use_module(user):
        return _participant_cards(user)
    today = timezone.localdate()
    upcoming = visible_events(user).filter(status=EventStatus.PUBLISHED, start_date__gte=today)
    count = upcoming.count()
    following = upcoming.order_by("start_date", "start_time").first()
    caption = (
        f"prochain : {following.title}, le {long_date(following.start_date, 'j F')}" if following else "aucun à venir"
    )
    return [Card("Événements à venir", count, caption, reverse("events:event_list"))]


def _participant_cards(user) -> list[Card]:
    """A job seeker (any account without the staff pages): the public agenda, and their own registrations."""
    if not getattr(user, "is_authenticated", False):
        return []
    upcoming = selectors.public_calendar(selectors.CalendarFilters())
    count = upcoming.count()
    following = upcoming.order_by("start_date", "start_time").first() if count else None
    caption = (
        f"prochain : {following.title}, le {long_date(following.start_date, 'j F')}" if following else "aucun à venir"
    )
    result = [Card("Salons et job datings à venir", count, caption, reverse("events:calendar"))]
    mine = selectors.upcoming_registrations_of(user).count()
    if mine:
        result.append(
            Card(
                "Vos inscriptions à venir",
                mine,
                "événements où vous êtes inscrit·e",
                reverse("events:my_registrations"),
            )
        )
    return result


def can_open(user) -> bool:
    """Every account: professionals get the events they see, others the public agenda (``landing``)."""
    return getattr(user, "is_authenticated", False)


def landing(user) -> str:
    return "events:event_list" if can_use_module(user) else "events:calendar"


def public_links() -> list[PublicLink]:
    """For a visitor: the public agenda, where one registers without an account."""
    return [
        PublicLink(
            "Les salons, job datings et forums à venir",
            reverse("events:calendar"),
            ": rencontrer les employeurs du territoire ; inscription libre et gratuite, sans compte.",
            order=20,
        )
    ]
