"""Who sees what, as a matrix: facilitators (in and out of scope), buyers, companies, viewers, partners."""

import pytest
from django.urls import reverse

from maillage.accounts.models import AuditEvent, OrganisationKind, Role
from maillage.clauses import policies as policy
from maillage.clauses.models import Eligibility
from tests.factories import EpciFactory, OrganisationFactory, user_with_role

from .factories import EligibilityFactory, criterion

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(scenario):
    return {
        "facilitator": scenario["facilitator"],
        "other_facilitator": user_with_role(Role.FACILITATOR, OrganisationKind.PLIE, epcis=[EpciFactory()]),
        "buyer": scenario["buyer_user"],
        "company": scenario["company_user"],
        "viewer": user_with_role(Role.VIEWER, OrganisationKind.FUNDER),
        "partner": user_with_role(Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL),
        "admin": user_with_role(Role.ADMIN, OrganisationKind.MDE),
    }


# user → (operation page, lot page, participant file, statement queue, company space, yearly bilan, coverage)
MATRIX = {
    "facilitator": (200, 200, 200, 200, 403, 200, 200),
    "other_facilitator": (404, 404, 403, 200, 403, 200, 200),
    "buyer": (200, 200, 403, 403, 403, 200, 403),
    "company": (200, 200, 403, 403, 200, 403, 403),
    "viewer": (404, 404, 403, 403, 403, 200, 403),
    "partner": (404, 404, 403, 403, 403, 200, 403),
    "admin": (200, 200, 200, 200, 403, 200, 200),
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_page_access_matrix(client, scenario, users, who):
    client.force_login(users[who])
    urls = [
        reverse("clauses:operation_detail", args=[scenario["operation"].pk]),
        reverse("clauses:lot_detail", args=[scenario["lot"].pk]),
        reverse("clauses:participant_detail", args=[scenario["alice"].participant_id]),
        reverse("clauses:statement_queue"),
        reverse("clauses:company_space"),
        reverse("clauses:bilan_year") + "?annee=2025",
        reverse("clauses:coverage"),
    ]
    assert tuple(client.get(url).status_code for url in urls) == MATRIX[who]


def test_anonymous_is_sent_to_login(client, scenario):
    response = client.get(reverse("clauses:dashboard"))
    assert response.status_code == 302 and "/comptes/" in response["Location"]


def test_facilitator_scope_hides_operations_of_other_territories(scenario):
    facilitator = scenario["facilitator"]
    visible = set(policy.visible_operations(facilitator))
    assert scenario["operation"] in visible and scenario["far_operation"] not in visible
    assert not policy.can_view_participant(facilitator, scenario["far_lot"].contracts.get().participant)


def test_company_sees_names_on_its_lots_but_not_the_file(client, scenario):
    client.force_login(scenario["company_user"])
    page = client.get(reverse("clauses:lot_detail", args=[scenario["lot"].pk])).content.decode()
    assert "MARTIN" in page.upper()
    far = client.get(reverse("clauses:lot_detail", args=[scenario["far_lot"].pk]))
    assert far.status_code == 404


def test_buyer_sees_aggregates_without_names(client, scenario):
    client.force_login(scenario["buyer_user"])
    page = client.get(reverse("clauses:lot_detail", args=[scenario["lot"].pk])).content.decode()
    assert scenario["alice"].participant.last_name not in page
    bilan = client.get(reverse("clauses:operation_bilan", args=[scenario["operation"].pk]))
    assert bilan.status_code == 200
    assert scenario["alice"].participant.last_name not in bilan.content.decode()


def test_buyer_bilan_is_limited_to_its_own_operations(client, scenario):
    client.force_login(scenario["buyer_user"])
    response = client.get("/api/v1/clauses/bilans/?annee=2025")
    assert response.json()["hours"] == 280.0  # the far operation's 10 h belong to another buyer
    client.force_login(user_with_role(Role.VIEWER, OrganisationKind.FUNDER))
    assert client.get("/api/v1/clauses/bilans/?annee=2025").json()["hours"] == 290.0


def test_every_file_access_is_audit_logged_without_personal_data(client, scenario):
    participant = scenario["alice"].participant
    client.force_login(scenario["facilitator"])
    client.get(reverse("clauses:participant_detail", args=[participant.pk]))
    event = AuditEvent.objects.filter(object_type="clauses.participant", object_id=str(participant.pk)).latest("at")
    assert event.action == "view" and event.actor == scenario["facilitator"]
    assert participant.last_name not in event.detail


def test_health_criterion_is_hidden_from_those_who_cannot_see_the_file(client, scenario):
    participant = scenario["alice"].participant
    EligibilityFactory(participant=participant, criterion=criterion("rqth"))
    assert Eligibility.objects.filter(participant=participant).count() == 2
    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:participant_detail", args=[participant.pk])).content.decode()
    assert "RQTH" in page
    assert policy.can_view_health_data(scenario["facilitator"], participant)
    assert not policy.can_view_health_data(scenario["company_user"], participant)
    assert not policy.can_view_health_data(scenario["buyer_user"], participant)


def test_api_statements_are_scoped(client, scenario):
    client.force_login(scenario["company_user"])
    ids = {row["lot"] for row in client.get("/api/v1/clauses/releves/").json()["results"]}
    assert ids == {scenario["lot"].pk}
    client.force_login(scenario["buyer_user"])
    assert client.get("/api/v1/clauses/releves/").status_code == 403


def test_an_etti_declares_for_its_own_employees_only(client, scenario):
    from datetime import date

    from maillage.clauses.models import HoursStatement

    etti = OrganisationFactory(name="Intérim Solidaire", kind=OrganisationKind.SIAE_ETTI)
    etti_user = user_with_role(Role.COMPANY_MEMBER, organisation=etti)
    bob = scenario["bob"]
    bob.employer = etti
    bob.save()
    client.force_login(etti_user)
    lot = scenario["lot"]
    assert client.get(reverse("clauses:company_space")).status_code == 200
    page = client.get(reverse("clauses:company_lot", args=[lot.pk]))
    assert [c.pk for c in page.context["contracts"]] == [bob.pk]  # not Alice, employed by the holder
    client.post(
        reverse("clauses:company_lot", args=[lot.pk]),
        {"contract": scenario["alice"].pk, "month": "2025-07", "hours": "10"},
    )
    assert not HoursStatement.objects.filter(contract=scenario["alice"], month=date(2025, 7, 1)).exists()
    client.post(reverse("clauses:company_lot", args=[lot.pk]), {"contract": bob.pk, "month": "2025-07", "hours": "10"})
    assert HoursStatement.objects.get(contract=bob, month=date(2025, 7, 1)).status == "declare"
    assert client.get(reverse("clauses:attestation", args=[lot.pk, scenario["company"].pk])).status_code == 403
