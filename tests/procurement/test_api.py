"""The REST API: contracts (read, filters) and radar aggregates, with the pages' permissions."""

import pytest
from rest_framework.test import APIClient

from .conftest import EPN, SEINE_EURE
from .factories import contract, rebuild


@pytest.fixture
def api(territory):
    contract(epci=EPN, commune="27229", cpv="45210000", amount=400000, social="clause")
    contract(epci=SEINE_EURE, commune="27375", cpv="90910000", amount=60000, social="", buyer_siret="27270001100011")
    contract(epci="200046977", departement="69", amount=900000, social=None, year=2019)
    rebuild()
    return APIClient()


def test_contracts_list_and_filters(api, facilitator):
    api.force_authenticate(facilitator)

    perimeter = api.get("/api/v1/procurement/contracts/").json()
    assert perimeter["count"] == 2
    france = api.get("/api/v1/procurement/contracts/", {"territoire": "france"}).json()
    assert france["count"] == 3
    item = next(r for r in france["results"] if r["cpv_code"] == "45210000")
    assert item["buyer_siret"] == "21270229400014"
    assert item["epci"] == EPN
    assert item["social_clause"] is True
    assert item["social_status"] == "Clause sociale"
    assert item["holders"][0]["id"] == "51635553544168"
    assert api.get("/api/v1/procurement/contracts/", {"social": "non"}).json()["count"] == 1
    assert api.get("/api/v1/procurement/contracts/", {"territoire": "france", "social": "inconnu"}).json()["count"] == 1
    assert api.get("/api/v1/procurement/contracts/", {"epci": SEINE_EURE}).json()["count"] == 1
    assert api.get("/api/v1/procurement/contracts/", {"departement": "69"}).json()["count"] == 1
    assert api.get("/api/v1/procurement/contracts/", {"montant_min": 100000}).json()["count"] == 1
    assert api.get("/api/v1/procurement/contracts/", {"acheteur": "12"}).status_code == 400

    detail = api.get(f"/api/v1/procurement/contracts/{item['id']}/")
    assert detail.status_code == 200


def test_radar_aggregates(api, viewer):
    api.force_authenticate(viewer)

    data = api.get("/api/v1/procurement/radar/").json()

    assert data["scope"]["kind"] == "perimetre"
    assert data["summary"]["count"] == 2
    assert data["summary"]["share"] == 50.0
    assert data["epcis_without_clause"][0] == SEINE_EURE
    divisions = {row["code"]: row for row in data["by_division"]}
    assert divisions["90"]["labour"] is True
    france = api.get("/api/v1/procurement/radar/", {"territoire": "france"}).json()
    assert france["summary"]["count"] == 3
    assert france["summary"]["known"] == 2


def test_api_permissions(api, company_member):
    assert api.get("/api/v1/procurement/radar/").status_code in (401, 403)
    api.force_authenticate(company_member)
    assert api.get("/api/v1/procurement/radar/").status_code == 403
    assert api.get("/api/v1/procurement/contracts/").status_code == 403


def test_openapi_documents_the_endpoints(api, admin_user):
    api.force_authenticate(admin_user)
    schema = api.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/procurement/radar/" in schema["paths"]
    contracts = schema["paths"]["/api/v1/procurement/contracts/"]["get"]
    assert {p["name"] for p in contracts["parameters"]} >= {"departement", "epci", "division", "annee", "social"}
