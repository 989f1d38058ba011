"""API of the steering module: read-only, same rules as the pages, no personal data."""

import pytest
from rest_framework.test import APIClient

from maillage.steering import dashboard
from maillage.steering.models import ActionIndicator

from .conftest import YEAR, fund


@pytest.fixture
def api():
    return APIClient()


def test_schema_documents_the_steering_resources(api, director):
    api.force_authenticate(director)
    schema = api.get("/api/schema/").content.decode()
    assert "/api/v1/pilotage/actions/" in schema and "/api/v1/pilotage/financements/" in schema


def test_actions_with_computed_indicators(api, roles, action, catalogue):
    ActionIndicator.objects.create(action=action, indicator_key="fake.people", target=500)
    api.force_authenticate(roles["funder"])
    body = api.get("/api/v1/pilotage/actions/", {"annee": YEAR}).json()
    row = body["results"][0] if "results" in body else body[0]
    assert row["title"] == action.title and row["axis"] == "2"
    assert row["indicators"] == [
        {
            "key": "fake.people",
            "label": "Indicateur fake.people",
            "unit": "personnes",
            "target": "500.00",
            "actual": 125.0,
        }
    ]
    api.force_authenticate(roles["company"])
    assert api.get("/api/v1/pilotage/actions/").status_code == 403
    api.force_authenticate(None)
    assert api.get("/api/v1/pilotage/actions/").status_code in (401, 403)


def test_funding_summary_and_the_state_ceiling(api, roles, action, funders):
    fund(action, funders["state"], "70000")
    fund(action, funders["epci"], "30000")
    api.force_authenticate(roles["funder"])
    body = api.get("/api/v1/pilotage/financements/", {"annee": YEAR}).json()
    assert body["state_share_percent"] == 70.0 and body["state_over_limit"] is True
    api.force_authenticate(roles["partner"])
    assert api.get("/api/v1/pilotage/financements/").status_code == 403


def test_home_cards_for_steering_staff_only(roles, action, funders):
    fund(action, funders["state"], "70000")
    assert dashboard.cards(roles["funder"]) == []
    titles = [card.title for card in dashboard.cards(roles["director"])]
    assert "Décisions à suivre" in titles and "Conventions à renouveler" in titles
