"""API: establishments and recruitment needs, permission-scoped like the pages."""

import pytest
from rest_framework.test import APIClient

from maillage.companies.models import RecruitmentNeed

from .factories import AppellationFactory, EstablishmentFactory, RecruitmentNeedFactory


@pytest.fixture
def api():
    return APIClient()


def test_schema_documents_resources(api, charge_mission):
    api.force_authenticate(charge_mission)
    schema = api.get("/api/schema/").content.decode()
    assert "/api/v1/establishments/" in schema and "/api/v1/recruitment-needs/" in schema


def test_establishments_scoped(api, users, establishment, own_establishment):
    api.force_authenticate(users["partner"])
    assert api.get("/api/v1/establishments/").json()["count"] == 2
    api.force_authenticate(users["company"])
    body = api.get("/api/v1/establishments/").json()
    assert [row["siret"] for row in body["results"]] == [own_establishment.siret]
    assert api.get(f"/api/v1/establishments/{establishment.pk}/").status_code == 404
    api.force_authenticate(users["viewer"])
    assert api.get("/api/v1/establishments/").status_code == 403


def test_create_establishment(api, users, establishment):
    payload = {"siret": "73282932000074", "name": "Pharma", "naf": "2120Z", "commune": establishment.commune_id}
    api.force_authenticate(users["partner"])
    assert api.post("/api/v1/establishments/", payload, format="json").status_code == 403
    api.force_authenticate(users["charge_mission"])
    bad = api.post("/api/v1/establishments/", dict(payload, siret="73282932000075"), format="json")
    assert bad.status_code == 400 and "clé de contrôle" in bad.json()["siret"][0]
    response = api.post("/api/v1/establishments/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["naf"] == "21.20Z"


def test_company_member_cannot_change_siret(api, users, own_establishment):
    api.force_authenticate(users["company"])
    url = f"/api/v1/establishments/{own_establishment.pk}/"
    response = api.patch(url, {"name": "Renommé", "siret": "73282932000074"}, format="json")
    assert response.status_code == 200
    own_establishment.refresh_from_db()
    assert own_establishment.name == "Renommé" and own_establishment.siret != "73282932000074"


def test_needs_scoped_and_created_by_company(api, users, establishment, own_establishment):
    RecruitmentNeedFactory(establishment=establishment)
    mine = RecruitmentNeedFactory(establishment=own_establishment)
    appellation = AppellationFactory()
    api.force_authenticate(users["company"])
    body = api.get("/api/v1/recruitment-needs/", {"status": "open"}).json()
    assert [row["id"] for row in body["results"]] == [mine.pk]
    assert body["results"][0]["rome_code"] == "H2913"
    payload = {
        "establishment": own_establishment.pk,
        "appellation": appellation.code,
        "positions": 2,
        "contract_type": "cdd",
        "wanted_by": "2027-01-15",
        "reason": "meconnu",
    }
    assert api.post("/api/v1/recruitment-needs/", payload, format="json").status_code == 201
    other = dict(payload, establishment=establishment.pk)
    assert api.post("/api/v1/recruitment-needs/", other, format="json").status_code == 403
    assert RecruitmentNeed.objects.filter(establishment=establishment).count() == 1
    zero = dict(payload, positions=0)
    assert api.post("/api/v1/recruitment-needs/", zero, format="json").status_code == 400


def test_partner_reads_needs_but_cannot_write(api, users, establishment):
    need = RecruitmentNeedFactory(establishment=establishment)
    api.force_authenticate(users["partner"])
    assert api.get(f"/api/v1/recruitment-needs/{need.pk}/").status_code == 200
    assert api.patch(f"/api/v1/recruitment-needs/{need.pk}/", {"positions": 5}, format="json").status_code == 403
    assert api.delete(f"/api/v1/recruitment-needs/{need.pk}/").status_code == 405


def test_token_auth(api, users, own_establishment):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=users["company"])
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/establishments/").json()["count"] == 1
    EstablishmentFactory()
    assert api.get("/api/v1/establishments/").json()["count"] == 1
