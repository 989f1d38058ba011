"""Event lists are paged, never cut (the later rows could not be reached), and the staff list opens on what
is to come."""

import datetime

from django.urls import reverse
from django.utils import timezone

from maillage.events.models import Event, Invitation
from maillage.jobs.models import Candidate
from maillage.kernel.pagination import PER_PAGE

from .conftest import make_event


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def _copies(event, n, **fields):
    skip = {"id", "pk"}
    base = {f.attname: getattr(event, f.attname) for f in event._meta.concrete_fields if f.attname not in skip}
    return [Event(**{**base, **{k: v(i) for k, v in fields.items()}}) for i in range(n)]


def _last_page(total):
    return str(-(-total // PER_PAGE))


def test_the_public_calendar_is_paged_and_counts_every_upcoming_event(client, world):
    """It was cut at the 200 soonest events: the later ones could not be found, and the count said 200."""
    Event.objects.bulk_create(_copies(world.event, 210, title=lambda i: f"Forum {i:03d}", start_date=_days))
    make_event(world.mde, title="Le plus lointain", days=400)
    make_event(world.mde, title="Déjà passé", days=-3)
    total = 212  # the world's event, 210 forums, the farthest one; not the past one
    url = reverse("events:calendar")
    first = client.get(url).content.decode()
    assert f"{total} événements à venir" in first and f"Page 1 sur {_last_page(total)}" in first
    assert "Forum 000" in first and "Le plus lointain" not in first
    last = client.get(url, {"page": _last_page(total)}).content.decode()
    assert "Le plus lointain" in last and "Forum 000" not in last and "Déjà passé" not in last
    assert "agenda.ics?page=" not in last  # the iCalendar feed is the whole calendar, not a page of it


def test_the_sent_invitations_are_paged_latest_first(client, world):
    """They were cut at the 300 latest: older invitations could not be seen."""
    now = timezone.now()
    candidates = [
        Candidate.objects.create(first_name="Invité", last_name=f"Numéro{n:03d}", commune=world.ref.communes.evreux)
        for n in range(305)
    ]
    Invitation.objects.bulk_create(
        Invitation(
            event=world.event,
            candidate=c,
            reason="direct",
            matched_rome="H2605",
            sent_at=now - datetime.timedelta(hours=n),
        )
        for n, c in enumerate(candidates)
    )
    client.force_login(world.staff)
    url = reverse("events:invitations", args=[world.event.pk])
    first = client.get(url).content.decode().lower()
    assert "305 invitations envoyées" in first and "numéro000" in first and "numéro304" not in first
    last = client.get(url, {"page": _last_page(305)}).content.decode().lower()
    assert "numéro304" in last and "numéro000" not in last


def test_the_staff_list_opens_on_upcoming_events_and_shows_past_ones_on_demand(client, world):
    """It opened on the oldest events, past ones included: years of them before the next job dating."""
    make_event(world.mde, title="Forum d'il y a deux ans", days=-700)
    make_event(world.mde, title="Job dating du mois dernier", days=-30)
    make_event(world.mde, title="Salon de demain", days=1)
    running = make_event(world.mde, title="Semaine de l'industrie", days=-2)
    running.end_date = _days(3)
    running.save()
    client.force_login(world.staff)
    url = reverse("events:event_list")

    def titles(**params):
        body = client.get(url, params).content.decode().split("<tbody>")[1]
        found = [
            t
            for t in (
                "Forum d&#x27;il y a deux ans",
                "Job dating du mois dernier",
                "Salon de demain",
                "Semaine de l&#x27;industrie",
                "Salon en ligne de l&#x27;industrie",
            )
            if t in body
        ]
        return sorted(found, key=body.index)

    page = client.get(url).content.decode()
    assert "3 événements" in page and '<option value="" selected>À venir</option>' in page
    assert titles() == ["Semaine de l&#x27;industrie", "Salon de demain", "Salon en ligne de l&#x27;industrie"]
    # Past events: the latest first, the ones one looks back to.
    assert titles(periode="passes") == ["Job dating du mois dernier", "Forum d&#x27;il y a deux ans"]
    assert len(titles(periode="tous")) == 5
    # A start date chosen says which events are wanted, past ones included.
    assert titles(date_from=_days(-40).isoformat()) == [
        "Job dating du mois dernier",
        "Semaine de l&#x27;industrie",
        "Salon de demain",
        "Salon en ligne de l&#x27;industrie",
    ]
