from datetime import date

import pytest
from rest_framework.authtoken.models import Token

from maillage.clauses.models import HoursStatement, StatementStatus

pytestmark = pytest.mark.django_db


def _auth(client, user):
    token, _ = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def test_operations_and_lots_with_progress(client, scenario):
    headers = _auth(client, scenario["facilitator"])
    operations = client.get("/api/v1/clauses/operations/", **headers).json()
    names = {row["name"] for row in operations["results"]}
    assert "Groupe scolaire" in names and "Voirie lointaine" not in names
    lots = client.get(f"/api/v1/clauses/lots/?operation={scenario['operation'].pk}", **headers).json()
    row = lots["results"][0]
    assert row["target_hours"] == 833.0 and row["done_hours"] == 280.0


def test_company_declares_through_the_api_and_facilitator_validates(client, scenario):
    alice = scenario["alice"]
    company = _auth(client, scenario["company_user"])
    response = client.post(
        "/api/v1/clauses/releves/",
        {"contract": alice.pk, "month": "2025-08-14", "hours": "70"},
        content_type="application/json",
        **company,
    )
    assert response.status_code == 201, response.content
    statement = HoursStatement.objects.get(pk=response.json()["id"])
    assert statement.month == date(2025, 8, 1) and statement.status == StatementStatus.SUBMITTED
    refused = client.post(f"/api/v1/clauses/releves/{statement.pk}/valider/", **company)
    assert refused.status_code == 403
    facilitator = _auth(client, scenario["facilitator"])
    bad = client.post(
        f"/api/v1/clauses/releves/{statement.pk}/rejeter/", {}, content_type="application/json", **facilitator
    )
    assert bad.status_code == 400
    ok = client.post(f"/api/v1/clauses/releves/{statement.pk}/valider/", **facilitator)
    assert ok.json()["status"] == "valide"
    future = client.post(
        "/api/v1/clauses/releves/",
        {"contract": alice.pk, "month": "2999-01-01", "hours": "7"},
        content_type="application/json",
        **facilitator,
    )
    assert future.status_code == 400 and "futur" in future.content.decode()


def test_company_cannot_declare_on_a_lot_that_is_not_theirs(client, scenario):
    far_contract = scenario["far_lot"].contracts.get()
    response = client.post(
        "/api/v1/clauses/releves/",
        {"contract": far_contract.pk, "month": "2025-08-01", "hours": "7"},
        content_type="application/json",
        **_auth(client, scenario["company_user"]),
    )
    assert response.status_code == 403


def test_schema_documents_the_clause_endpoints(client, scenario):
    client.force_login(scenario["facilitator"])
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/clauses/operations/",
        "/api/v1/clauses/lots/",
        "/api/v1/clauses/releves/",
        "/api/v1/clauses/bilans/",
        "/api/v1/clauses/releves/{id}/valider/",
    ):
        assert path in schema


def test_facilitator_creates_an_operation_and_sizes_a_lot(client, scenario):
    headers = _auth(client, scenario["facilitator"])
    response = client.post(
        "/api/v1/clauses/operations/",
        {
            "name": "Piscine intercommunale",
            "buyer": scenario["buyer"].pk,
            "commune": scenario["lot"].commune_id,
            "status": "dimensionnement",
            "start_on": "2026-01-01",
            "end_on": "2025-01-01",
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 400 and "fin" in response.content.decode()
    response = client.post(
        "/api/v1/clauses/operations/",
        {
            "name": "Piscine intercommunale",
            "buyer": scenario["buyer"].pk,
            "commune": scenario["lot"].commune_id,
            "status": "dimensionnement",
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.content
    from maillage.clauses.models import Operation

    operation = Operation.objects.get(name="Piscine intercommunale")
    assert scenario["facilitator"] in operation.followers.all() and operation.epci == scenario["epci"]
    lot = scenario["lot"]
    sized = client.post(
        f"/api/v1/clauses/lots/{lot.pk}/dimensionner/",
        {"method": "ratio", "amount": "300000", "euros_per_hour": "2000"},
        content_type="application/json",
        **headers,
    )
    assert sized.status_code == 200 and sized.json()["target_hours"] == 150.0
    bad = client.post(
        f"/api/v1/clauses/lots/{lot.pk}/dimensionner/",
        {"method": "ratio", "amount": "300000"},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 400


def test_buyers_and_companies_cannot_write_operations(client, scenario):
    for user in (scenario["buyer_user"], scenario["company_user"]):
        response = client.post(
            "/api/v1/clauses/operations/",
            {"name": "X", "buyer": scenario["buyer"].pk},
            content_type="application/json",
            **_auth(client, user),
        )
        assert response.status_code == 403
    response = client.patch(
        f"/api/v1/clauses/operations/{scenario['operation'].pk}/",
        {"name": "Renommée"},
        content_type="application/json",
        **_auth(client, scenario["buyer_user"]),
    )
    assert response.status_code == 403
