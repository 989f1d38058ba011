"""The public calendar filters by a métier chosen by its label (« Soudeur / Soudeuse (H2913) »), the code
staying in the address; only the métiers of public, upcoming events are offered."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from .conftest import make_event

URL = reverse("events:calendar")


def _options(page: str) -> list[tuple[str, str]]:
    select = page.split('id="id_rome"')[1].split("</select>")[0]
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def _selected(page: str) -> str:
    select = page.split('id="id_rome"')[1].split("</select>")[0]
    found = re.search(r'<option value="([^"]*)"[^>]*selected', select)
    return found.group(1) if found else ""


def test_the_metier_filter_is_a_list_of_labels_of_public_upcoming_events(client, world):
    make_event(world.mde, title="Job dating soudure", rome_codes=["H2913"], days=5)
    make_event(world.mde, title="Forum retouche", rome_codes=["D1207", "B1803"], days=20)
    make_event(world.mde, title="Brouillon caisse", rome_codes=["D1505"], status="brouillon")
    make_event(world.mde, title="Passé téléconseil", rome_codes=["D1408"], days=-30)
    page = client.get(URL).content.decode()
    assert '<label class="form-label" for="id_rome">Métier</label>' in page
    assert world.event.rome_codes == ["H2605", "H2913"]  # the codes of the offers on its stands
    assert _options(page) == [
        ("", "Tous les métiers"),
        ("B1803", "Couturier / Couturière (B1803)"),
        ("H2605", escape("Monteur-câbleur / Monteuse-câbleuse en électronique (H2605)")),
        ("D1207", "Retoucheur / Retoucheuse en habillement (D1207)"),
        ("H2913", "Soudeur / Soudeuse (H2913)"),
    ]
    # Neither a draft nor a past event shows through the list of métiers.
    assert "D1505" not in page and "Personnel de caisse" not in page and "D1408" not in page


def test_choosing_a_metier_keeps_its_code_in_the_address_and_filters(client, world):
    world.event.rome_codes = ["H2605"]
    world.event.save(update_fields=["rome_codes"])
    make_event(world.mde, title="Job dating soudure", rome_codes=["H2913"], days=5)
    make_event(world.mde, title="Forum retouche", rome_codes=["D1207"], days=20)
    for asked in ("H2913", "h2913", "Soudeur / Soudeuse (H2913)"):
        page = client.get(URL, {"rome": asked}).content.decode()
        assert "Job dating soudure" in page and "Forum retouche" not in page
        assert escape(world.event.title) not in page
        assert _selected(page) == "H2913"
    feed = client.get(reverse("events:calendar_ics"), {"rome": "h2913"}).content.decode()
    assert "Job dating soudure" in feed and "Forum retouche" not in feed


def test_a_shared_link_to_a_metier_without_events_stays_chosen_and_a_wrong_value_is_ignored(client, world):
    make_event(world.mde, title="Forum retouche", rome_codes=["D1207"], days=20, kind="forum")
    page = client.get(URL, {"rome": "D1505"}).content.decode()
    assert _selected(page) == "D1505"
    assert ("D1505", "Personnel de caisse (D1505)") in _options(page)
    assert "Aucun événement ne correspond" in page
    # Garbage in the métier is ignored, and the other filters still apply (they were all dropped with it).
    page = client.get(URL, {"rome": "soudure!", "kind": "forum"}).content.decode()
    assert "Forum retouche" in page and escape(world.event.title) not in page
    assert _selected(page) == ""


def test_the_calendar_runs_as_many_queries_with_many_events(client, world):
    make_event(world.mde, title="Forum 0", rome_codes=["D1207"], days=3)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for n in range(12):
        make_event(world.mde, title=f"Forum {n + 1}", rome_codes=["B1803", "H2913", "D1207"][: n % 3 + 1], days=n + 4)
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL).content.decode()
    assert len(many) == len(few) and "Forum 12" in page
