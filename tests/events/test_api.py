import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from maillage.events.services import stands as stand_services

from .conftest import register


@pytest.mark.parametrize(
    "who, list_apps, decide_own, decide_other, kpis, create",
    [
        ("staff", 2, 200, 200, 200, 201),
        ("partner", 0, 404, 404, 200, 403),
        ("company", 1, 200, 404, 403, 403),
        ("other_company", 1, 404, 200, 403, 403),
        ("viewer", 0, 404, 404, 200, 403),
        (None, None, 401, 401, 401, 401),
    ],
)
def test_api_permission_matrix(world, who, list_apps, decide_own, decide_other, kpis, create):
    a = register(world.event, 1)
    own = stand_services.apply(registration=a, stand_offer=world.stand_offer, answers={})
    other = stand_services.apply(registration=a, stand_offer=world.other_offer, answers={})
    client = APIClient()
    if who:
        client.force_authenticate(getattr(world, who))
    events = client.get("/api/v1/evenements/")
    assert events.status_code == 200  # published events are public
    apps = client.get("/api/v1/evenements-candidatures/")
    if list_apps is None:
        assert apps.status_code == 401
    else:
        assert apps.json()["count"] == list_apps
    decision = {"decision": "retenu"}
    assert client.post(f"/api/v1/evenements-candidatures/{own.pk}/decide/", decision).status_code == decide_own
    assert client.post(f"/api/v1/evenements-candidatures/{other.pk}/decide/", decision).status_code == decide_other
    assert client.get(f"/api/v1/evenements/{world.event.pk}/kpis/").status_code == kpis
    payload = {
        "title": "Forum API",
        "kind": "forum",
        "start_date": "2027-04-01",
        "start_time": "09:00",
        "end_time": "12:00",
        "modality": "ENPHY",
        "capacity_on_site": 30,
        "organiser": world.mde.pk,
        "status": "publie",
    }
    assert client.post("/api/v1/evenements/", payload, format="json").status_code == create


def test_api_company_changes_only_its_stand(world):
    client = APIClient()
    client.force_authenticate(world.company)
    assert (
        client.patch(f"/api/v1/evenements-stands/{world.stand.pk}/", {"presentation": "Nous recrutons"}).status_code
        == 200
    )
    assert client.patch(f"/api/v1/evenements-stands/{world.other_stand.pk}/", {"presentation": "x"}).status_code == 404
    assert reverse("event-list") == "/api/v1/evenements/"
