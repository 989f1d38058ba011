"""EPCI and département contours are heavy GeoJSON: a page that only names an EPCI never reads them.

The load bench found ``/clauses/operations/`` spending most of its time decoding the outlines that
``select_related("epci")`` brought along; the contours now live in their own table, read by the maps only.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.territories import selectors
from maillage.territories.models import EpciOutline
from tests.factories import EpciFactory

SQUARE = {"type": "Polygon", "coordinates": [[[1.0, 49.0], [1.1, 49.0], [1.1, 49.1], [1.0, 49.0]]]}
PAGES = ["/clauses/operations/", "/clauses/lots/", "/clauses/", "/clauses/participants/", "/clauses/bilans/"]


@pytest.mark.django_db
def test_pages_that_name_an_epci_never_read_its_outline(client, scenario):
    EpciOutline.objects.create(epci=scenario["epci"], geometry=SQUARE)
    client.force_login(scenario["facilitator"])
    for path in PAGES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        heavy = [q["sql"] for q in queries if "outline" in q["sql"].lower()]
        assert not heavy, f"{path} lit les contours : {heavy[0][:200]}"


@pytest.mark.django_db
def test_the_maps_still_get_the_outlines(scenario):
    EpciFactory(code="200071454", outline=SQUARE)
    assert EpciOutline.objects.get(epci_id="200071454").geometry == SQUARE  # the factory keeps its outline= keyword
    assert selectors.epci_outlines(["200071454", scenario["epci"].code]) == {"200071454": SQUARE}
