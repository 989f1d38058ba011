import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(viewer):
    client = APIClient()
    token = Token.objects.create(user=viewer)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.mark.parametrize("url", ["/api/v1/rome-fiches/", "/api/v1/appellations/", "/api/v1/cpv/", "/api/v1/naf/"])
def test_authentication_required(referentials, url):
    assert APIClient().get(url).status_code in {401, 403}


def test_forbidden_without_active_membership(referentials, inactive_member):
    client = APIClient()
    client.force_authenticate(inactive_member)
    assert client.get("/api/v1/rome-fiches/").status_code == 403


def test_rome_fiches_list_and_filters(api, referentials):
    data = api.get("/api/v1/rome-fiches/").json()
    assert data["count"] == 5
    assert data["results"][0]["code"] == "F1602"
    assert data["results"][0]["domaine_label"] == "Second oeuvre"
    assert api.get("/api/v1/rome-fiches/", {"grand_domaine": "F"}).json()["count"] == 3
    assert api.get("/api/v1/rome-fiches/", {"domaine": "j15"}).json()["count"] == 1
    found = api.get("/api/v1/rome-fiches/", {"q": "electricien"}).json()
    assert [f["code"] for f in found["results"]] == ["F1602"]


def test_rome_fiche_detail(api, referentials):
    data = api.get("/api/v1/rome-fiches/F1602/").json()
    assert data["definition"].startswith("Installe les réseaux")
    assert data["fap"] == ["B4Z42"]
    assert {a["code"] for a in data["appellations"]} == {"11001", "11002", "11003"}
    skills = {s["code"]: s for s in data["skills"]}
    assert skills["200001"]["importance"] == "principale"
    assert skills["200008"]["importance"] == "emergente"
    assert skills["200004"]["kind"] == "savoir"
    assert api.get("/api/v1/rome-fiches/X0000/").status_code == 404


def test_appellations_search(api, referentials):
    data = api.get("/api/v1/appellations/", {"q": "electricien"}).json()
    assert data["count"] == 3
    assert data["results"][0]["label"] == "Électricien / Électricienne du bâtiment"
    assert data["results"][0]["fiche_code"] == "F1602"
    assert api.get("/api/v1/appellations/").json()["count"] == 10
    assert api.get("/api/v1/appellations/", {"fiche": "N1101"}).json()["count"] == 2
    assert api.get("/api/v1/appellations/11009/").json()["label"] == "Cariste"


def test_cpv_and_naf(api, referentials):
    cpv = api.get("/api/v1/cpv/", {"q": "travaux"}).json()
    assert cpv["count"] == 3
    assert api.get("/api/v1/cpv/", {"division": "45"}).json()["count"] == 3
    assert api.get("/api/v1/cpv/45330000/").json()["market_kind"] == "travaux"
    naf = api.get("/api/v1/naf/", {"level": "division"}).json()
    assert naf["count"] == 2
    assert api.get("/api/v1/naf/43.21A/").json()["parent"] == "43.21"
    assert [n["code"] for n in api.get("/api/v1/naf/", {"q": "4321"}).json()["results"]] == ["43.21", "43.21A"]


def test_schema_documents_the_referentials(client, viewer):
    client.force_login(viewer)
    schema = client.get("/api/schema/").content.decode()
    for path in ["/api/v1/rome-fiches/", "/api/v1/appellations/", "/api/v1/cpv/", "/api/v1/naf/{code}/"]:
        assert path in schema
