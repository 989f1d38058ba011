"""Home-dashboard card of the events module."""

from django.urls import reverse
from django.utils import timezone

from maillage.common_text import long_date
from maillage.kernel.plugins import Card

from .choices import EventStatus
from .policies import can_use_module, visible_events


def cards(user) -> list[Card]:
    if not can_use_module(user):
        return []
    today = timezone.localdate()
    upcoming = visible_events(user).filter(status=EventStatus.PUBLISHED, start_date__gte=today)
    count = upcoming.count()
    following = upcoming.order_by("start_date", "start_time").first()
    caption = (
        f"prochain : {following.title}, le {long_date(following.start_date, 'j F')}" if following else "aucun à venir"
    )
    return [Card("Événements à venir", count, caption, reverse("events:event_list"))]


def can_open(user) -> bool:
    return can_use_module(user)
