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
