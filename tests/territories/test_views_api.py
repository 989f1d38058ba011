import pytest
from django.urls import reverse

from maillage.kernel.models import MdeSettings
from tests.factories import CommuneFactory, EpciFactory

OUTLINE = {"type": "Polygon", "coordinates": [[[1.0, 49.0], [1.2, 49.0], [1.2, 49.1], [1.0, 49.0]]]}


@pytest.fixture
def perimeter(db):
    epci = EpciFactory(code="200071454", name="CA Évreux Portes de Normandie", outline=OUTLINE)
    outside = EpciFactory(code="200089456", name="CA Seine-Eure")
    CommuneFactory(code="27229", name="Évreux", search_name="evreux", epci=epci, postcodes="27000", population=46000)
    CommuneFactory(code="27375", name="Louviers", search_name="louviers", epci=outside, postcodes="27400")
    mde = MdeSettings.current()
    mde.perimeter.set([epci])
    return epci


def test_perimeter_page_and_geojson(client, facilitator, perimeter):
    client.force_login(facilitator)
    response = client.get(reverse("territories:perimeter"))
    assert response.status_code == 200
    assert "CA Évreux Portes de Normandie" in response.content.decode()
    assert "CA Seine-Eure" not in response.content.decode()
    data = client.get(reverse("territories:perimeter_geojson")).json()
    assert [f["properties"]["code"] for f in data["features"]] == ["200071454"]
    assert data["features"][0]["properties"]["communes"] == 1


def test_territory_pages_require_login(client, perimeter):
    response = client.get(reverse("territories:perimeter"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_commune_search_htmx_accent_insensitive(client, partner, perimeter):
    client.force_login(partner)
    response = client.get(reverse("territories:commune_search"), {"q": "EVREUX"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Évreux" in body and "Louviers" not in body
    assert "<html" not in body  # fragment only
    response = client.get(reverse("territories:commune_search"), {"q": "27400"})
    assert "Louviers" in response.content.decode()


def test_api_communes_search_and_filters(client, viewer, perimeter):
    client.force_login(viewer)
    data = client.get("/api/v1/communes/", {"q": "évreux"}).json()
    assert data["count"] == 1 and data["results"][0]["codes_postaux"] == ["27000"]
    data = client.get("/api/v1/communes/", {"epci": "200089456"}).json()
    assert [c["code"] for c in data["results"]] == ["27375"]
    data = client.get("/api/v1/epci/", {"perimetre": "true"}).json()
    assert [e["code"] for e in data["results"]] == ["200071454"]


def test_api_requires_authentication(client, perimeter):
    assert client.get("/api/v1/communes/").status_code in {401, 403}


def test_api_token_authentication(client, partner, perimeter):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=partner)
    response = client.get("/api/v1/epci/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_search_expands_saint_abbreviation(db):
    from maillage.territories.selectors import search_communes

    CommuneFactory(code="27507", name="Saint-André-de-l'Eure", search_name="saint andre de l eure")
    assert [c.code for c in search_communes("st andre")] == ["27507"]
    assert [c.code for c in search_communes("ST-ANDRÉ")] == ["27507"]


def test_epci_nature_and_population_read_in_french(client, facilitator, perimeter):
    """« Communauté d'agglomération », never the INSEE code « CA » alone; « 46 000 » with a narrow space."""
    client.force_login(facilitator)
    page = client.get(reverse("territories:perimeter")).content.decode()
    assert "<td>Communauté d&#x27;agglomération</td>" in page and "<td>CA</td>" not in page
    detail = client.get(reverse("territories:epci_detail", args=[perimeter.code])).content.decode()
    assert "Communauté d&#x27;agglomération" in detail and "46\u202f000" in detail


def test_postcode_search_reads_postcodes_by_subquery(db):
    """A postcode served by several communes, a commune with several postcodes: each commune once, the
    largest first. The postcodes are read by a subquery, never joined with DISTINCT: with stale planner
    statistics PostgreSQL ran that join as a nested loop over every commune × every postcode (> 10 min)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from maillage.territories.models import PostalCode
    from maillage.territories.selectors import search_communes

    evreux = CommuneFactory(code="27229", name="Évreux", search_name="evreux", population=46000, postcodes="")
    angerville = CommuneFactory(code="27016", name="Angerville", search_name="angerville", population=300)
    other = CommuneFactory(code="27500", name="Ailleurs", search_name="ailleurs", population=100)
    for code, commune in [("27000", evreux), ("27180", evreux), ("27000", angerville), ("27120", other)]:
        PostalCode.objects.create(code=code, commune=commune)
    with CaptureQueriesContext(connection) as queries:
        found = [c.code for c in search_communes("27000")]
    assert found == ["27229", "27016"]
    assert [c.code for c in search_communes("2718")] == ["27229"]
    assert [c.code for c in search_communes("27500")] == ["27500"]  # an INSEE code
    sql = queries.captured_queries[0]["sql"].upper()
    assert "DISTINCT" not in sql and 'JOIN "TERRITORIES_POSTALCODE"' not in sql
