"""API: offers, scoped candidates (audit-logged), applications with the workflow, matching actions."""

import pytest
from rest_framework.test import APIClient

from maillage.accounts.models import AuditAction, AuditEvent, OrganisationKind, Role
from maillage.jobs.models import Application, ConsentPurpose

from ..factories import user_with_role
from .factories import make_candidate, make_offer


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def data(ref):
    shared = make_candidate(ref.communes.evreux, skills=["300233", "300490"])
    private = make_candidate(ref.communes.evreux, consent_purpose=ConsentPurpose.SUPPORT, first_name="Privé")
    offer = make_offer(ref.communes.evreux, skills=["300233"])
    return {"shared": shared, "private": private, "offer": offer}


def test_offers_for_module_users_only(api, data, partner, company_member):
    api.force_authenticate(partner)
    assert api.get("/api/v1/offres/").json()["count"] == 1
    outsider = user_with_role(Role.VIEWER, OrganisationKind.BUYER)
    outsider.memberships.update(role=Role.COMPANY_MEMBER)
    api.force_authenticate(company_member)
    assert api.get("/api/v1/offres/").status_code == 200


def test_candidates_are_scoped_and_audited(api, data, partner, charge_mission, viewer):
    api.force_authenticate(partner)
    ids = [row["id"] for row in api.get("/api/v1/candidats/").json()["results"]]
    assert ids == [data["shared"].pk]
    assert AuditEvent.objects.filter(actor=partner, action=AuditAction.VIEW, object_id=str(data["shared"].pk)).exists()
    assert api.get(f"/api/v1/candidats/{data['private'].pk}/").status_code == 404
    api.force_authenticate(charge_mission)
    assert api.get("/api/v1/candidats/").json()["count"] == 2
    api.force_authenticate(viewer)
    assert api.get("/api/v1/candidats/").json()["count"] == 0


def test_matching_actions(api, data, charge_mission, company_member):
    api.force_authenticate(charge_mission)
    rows = api.get(f"/api/v1/offres/{data['offer'].pk}/candidates/").json()
    assert rows[0]["candidate"] == data["shared"].pk and rows[0]["shared_skills"]
    rows = api.get(f"/api/v1/candidats/{data['shared'].pk}/offers/").json()
    assert rows[0]["offer"] == data["offer"].pk and rows[0]["reasons"]
    api.force_authenticate(company_member)
    assert api.get(f"/api/v1/offres/{data['offer'].pk}/candidates/").status_code == 403


def test_applications_create_and_move(api, data, charge_mission, partner, viewer):
    api.force_authenticate(partner)
    response = api.post("/api/v1/candidatures/", {"offer": data["offer"].pk, "candidate": data["shared"].pk})
    assert response.status_code == 201, response.content
    application = Application.objects.get()
    assert application.origin == "prescripteur"
    response = api.post(f"/api/v1/candidatures/{application.pk}/move/", {"to_state": "entretien"})
    assert response.status_code == 403
    assert (
        api.post("/api/v1/candidatures/", {"offer": data["offer"].pk, "candidate": data["private"].pk}).status_code
        == 403
    )
    api.force_authenticate(charge_mission)
    response = api.post(f"/api/v1/candidatures/{application.pk}/move/", {"to_state": "acceptee"})
    assert response.status_code == 400 and "Passage impossible" in response.content.decode()
    response = api.post(f"/api/v1/candidatures/{application.pk}/move/", {"to_state": "entretien"})
    assert response.json()["state"] == "entretien"
    api.force_authenticate(viewer)
    assert api.get("/api/v1/candidatures/").json()["count"] == 0


def test_offer_create_and_update_through_the_api(api, ref, charge_mission, partner):
    payload = {
        "title": "Soudeur TIG H/F",
        "appellation": "10009",
        "skills": ["100286"],
        "contract_type": "CDI",
        "positions": 1,
        "commune": "27229",
        "company_name": "Métallerie de l'Iton",
    }
    api.force_authenticate(partner)
    assert api.post("/api/v1/offres/", payload, format="json").status_code == 403
    api.force_authenticate(charge_mission)
    response = api.post("/api/v1/offres/", payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["rome_code"] == "H2913" and body["skills"] == ["100286"] and body["is_shortage"]
    response = api.patch(f"/api/v1/offres/{body['id']}/", {"title": "Soudeur TIG confirmé"}, format="json")
    assert response.json()["title"] == "Soudeur TIG confirmé"
    assert api.post("/api/v1/offres/", {**payload, "company_name": ""}, format="json").status_code == 400
