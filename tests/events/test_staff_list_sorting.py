"""The staff list of events sorts by its headers (labels and folded places, not codes), with its filters."""

from django.urls import reverse
from django.utils.html import escape

from .conftest import make_event


def test_the_staff_list_sorts_by_its_headers_and_keeps_the_filters(client, world):
    make_event(world.mde, title="Atelier CV", kind="reunion_information", days=30, status="brouillon")
    make_event(world.mde, title="Zumba de l'emploi", kind="job_dating", days=2, commune=world.ref.communes.vernon)
    client.force_login(world.staff)
    url = reverse("events:event_list")
    titles = ["Atelier CV", escape(world.event.title), escape("Zumba de l'emploi")]

    def order(**params):
        body = client.get(url, params).content.decode().split("<tbody>")[1]
        return sorted(titles, key=body.index)

    assert order() == [titles[2], titles[1], titles[0]]  # by date, soonest first, as before
    assert order(tri="evenement") == titles
    # Types by their labels (Job dating, Réunion d'information, Salon en ligne), not their codes.
    assert order(tri="type") == [titles[2], titles[0], titles[1]]
    # Places folded: « en ligne », Évreux (not after Vernon, where the raw « É » would put it), Vernon.
    assert order(tri="lieu") == [titles[0], titles[1], titles[2]]
    page = client.get(url, {"kind": "salon_en_ligne", "tri": "-stands"}).content.decode()
    assert 'aria-sort="descending"' in page and '<input type="hidden" name="tri" value="-stands">' in page
    assert 'href="?kind=salon_en_ligne&amp;tri=stands"' in page
    assert client.get(url, {"tri": "registrant__person__birth_date"}).status_code == 200


def test_the_staff_list_is_paged_and_loses_no_event(client, world):
    """It was cut at 300 rows, oldest first: with years of events, the upcoming ones fell off the list."""
    from maillage.events.models import Event
    from maillage.kernel.pagination import PER_PAGE

    Event.objects.bulk_create(
        [Event(**{**_fields(world.event), "title": f"Prochain {n}", "start_date": _days(1 + n)}) for n in range(300)]
    )
    make_event(world.mde, title="Le plus lointain", days=400)
    client.force_login(world.staff)
    url = reverse("events:event_list")
    first = client.get(url).content.decode()
    total = Event.objects.count()
    assert f"{total} événements" in first and "Page 1 sur" in first
    assert "Le plus lointain" not in first
    last = client.get(url, {"page": str(-(-total // PER_PAGE))}).content.decode()
    assert "Le plus lointain" in last


def _fields(event) -> dict:
    skip = {"id", "pk"}
    return {f.attname: getattr(event, f.attname) for f in event._meta.concrete_fields if f.attname not in skip}


def _days(n):
    import datetime

    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=n)
