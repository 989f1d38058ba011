"""API: indicators and diagnostics in JSON and CSV, secrecy applied, permissions."""

import pytest
from rest_framework.test import APIClient

from .conftest import EPCI_B


@pytest.fixture
def api(charge_mission):
    client = APIClient()
    client.force_authenticate(charge_mission)
    return client


def test_indicators_json_and_csv_mask_small_counts(territory, api, settings):
    settings.OBSERVATORY_SECRECY_THRESHOLD = 5
    response = api.get(
        "/api/v1/observatory/indicators/", {"indicator": "job_seekers", "level": "commune", "period": "2024-12"}
    )
    assert response.status_code == 200
    rows = {r["code"]: r for r in response.json()["results"]}
    assert rows["27001"]["value"] == 950
    assert rows["27003"]["value"] is None and rows["27003"]["secret"] is True  # 3 people
    csv = api.get(
        "/api/v1/observatory/indicators/",
        {"indicator": "job_seekers", "level": "commune", "period": "2024-12", "format": "csv"},
    ).content.decode("utf-8-sig")
    assert "27003;2024-12;job_seekers;categorie;ABC;secret;personnes;True" in csv
    assert ";3.0;" not in csv


def test_indicator_is_required_and_limit_bounded(territory, api):
    assert api.get("/api/v1/observatory/indicators/").status_code == 400
    response = api.get("/api/v1/observatory/indicators/", {"indicator": "bmo_projects", "limit": 999999})
    assert response.status_code == 200 and response.json()["count"] <= 10_000


def test_diagnostic_api_applies_secrecy(territory, api, settings):
    settings.OBSERVATORY_SECRECY_THRESHOLD = 5
    data = api.get(f"/api/v1/observatory/diagnostics/epci/{EPCI_B}/").json()
    seekers = [r for r in data["results"] if r["libelle"].startswith("Inscrits") and "CC Beta" in r["territoire"]]
    assert seekers[0]["valeur"] is None
    assert api.get("/api/v1/observatory/diagnostics/epci/999999999/").status_code == 404


@pytest.mark.parametrize("fixture,status", [("company_member", 403), ("viewer", 200), ("partner", 200)])
def test_api_permissions(territory, request, fixture, status):
    client = APIClient()
    client.force_authenticate(request.getfixturevalue(fixture))
    assert client.get("/api/v1/observatory/indicators/", {"indicator": "job_seekers"}).status_code == status
    assert APIClient().get("/api/v1/observatory/indicators/", {"indicator": "job_seekers"}).status_code in (401, 403)
