"""Issue #9: every number is bounded (form, serializer, model, database); an absurd sizing never breaks a bilan."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from rest_framework.authtoken.models import Token

from maillage.clauses.models import HoursStatement, Lot, Market, StatementStatus
from maillage.clauses.services import Sizing, compute_target_hours

pytestmark = pytest.mark.django_db

ABSURD = {
    "method": "taux",
    "amount": "999999999999.99",
    "labour_share": "100",
    "insertion_rate": "100",
    "hourly_cost": "1",
}


def _auth(user):
    token, _ = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def test_absurd_sizing_is_refused_and_bilans_still_work(client, scenario):
    lot = scenario["lot"]
    client.force_login(scenario["facilitator"])
    response = client.post(reverse("clauses:lot_sizing", args=[lot.pk]), ABSURD)
    assert response.status_code == 200  # the form again, with a French error
    assert "Montant HT" in response.content.decode() or "invraisemblable" in response.content.decode()
    lot.refresh_from_db()
    assert lot.target_hours == Decimal("833")
    assert client.get(reverse("clauses:bilan_year"), {"annee": 2025}).status_code == 200
    assert client.get(reverse("clauses:operation_bilan", args=[scenario["operation"].pk])).status_code == 200


def test_absurd_sizing_is_refused_by_the_api(client, scenario):
    lot = scenario["lot"]
    response = client.post(
        f"/api/v1/clauses/lots/{lot.pk}/dimensionner/",
        ABSURD,
        content_type="application/json",
        **_auth(scenario["facilitator"]),
    )
    assert response.status_code == 400
    lot.refresh_from_db()
    assert lot.target_hours == Decimal("833")


def test_the_calculator_refuses_a_target_no_lot_can_hold():
    with pytest.raises(ValidationError) as error:
        compute_target_hours(Sizing("taux", Decimal("9000000000"), Decimal("100"), Decimal("100"), Decimal("1")))
    assert "invraisemblable" in str(error.value)
    with pytest.raises(ValidationError):
        compute_target_hours(Sizing("taux", Decimal("-1000"), Decimal("50"), Decimal("5"), Decimal("30")))
    with pytest.raises(ValidationError):
        compute_target_hours(Sizing("manuel", manual_hours=Decimal("1e12")))


def test_the_database_refuses_out_of_range_numbers(scenario):
    lot = scenario["lot"]
    for field, value in (
        ("target_hours", Decimal("99999999")),
        ("amount", Decimal("-1")),
        ("labour_share", Decimal("150")),
        ("hourly_cost", Decimal("0")),
        ("penalty_per_hour", Decimal("-5")),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Lot.objects.filter(pk=lot.pk).update(**{field: value})
    with pytest.raises(IntegrityError), transaction.atomic():
        Market.objects.filter(pk=lot.market_id).update(amount=Decimal("-10"))
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursStatement.objects.filter(contract=scenario["alice"]).update(amount=Decimal("-500"))


def test_negative_amounts_are_refused_by_the_api_and_the_company_form(client, scenario):
    response = client.post(
        "/api/v1/clauses/releves/",
        {"contract": scenario["bob"].pk, "month": "2025-06-01", "hours": "20", "amount": "-500"},
        content_type="application/json",
        **_auth(scenario["facilitator"]),
    )
    assert response.status_code == 400
    client.force_login(scenario["company_user"])
    response = client.post(
        reverse("clauses:company_lot", args=[scenario["lot"].pk]),
        {"contract": scenario["bob"].pk, "month": "2025-06", "hours": "20", "amount": "-500"},
    )
    assert response.status_code == 200
    assert not HoursStatement.objects.filter(contract=scenario["bob"], month=date(2025, 6, 1)).exists()


def test_the_hours_grid_refuses_nan_and_infinity(client, scenario):
    client.force_login(scenario["facilitator"])
    lot = scenario["lot"]
    for raw in ("NaN", "Infinity", "-3"):
        response = client.post(
            reverse("clauses:lot_hours", args=[lot.pk]) + "?mois=2025-05", {f"heures-{scenario['alice'].pk}": raw}
        )
        assert response.status_code == 200
    assert not HoursStatement.objects.filter(contract=scenario["alice"], month=date(2025, 5, 1)).exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="needs SQLite's switch to store a value past a CHECK")
def test_the_repair_resets_values_stored_before_the_bounds(client, scenario):
    """A value stored by the old code (an 11-digit target) is reset by the migration's repair, so the facilitator
    can size the lot again and every bilan reads."""
    import importlib

    from django.apps import apps

    lot = scenario["lot"]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA ignore_check_constraints = ON")
        cursor.execute("UPDATE clauses_lot SET target_hours = 1000000000000 WHERE id = %s", [lot.pk])
        cursor.execute("UPDATE clauses_hoursstatement SET amount = -40 WHERE contract_id = %s", [scenario["bob"].pk])
        cursor.execute("PRAGMA ignore_check_constraints = OFF")
    migration = importlib.import_module("maillage.clauses.migrations.0010_bounded_numbers_and_shares")
    migration.repair_out_of_range(apps, None)
    lot = Lot.objects.get(pk=lot.pk)
    assert lot.target_hours == 0 and not lot.schedule.exists()
    repaired = HoursStatement.objects.filter(contract=scenario["bob"], month=date(2025, 3, 1)).get()
    assert repaired.amount is None and repaired.status == StatementStatus.SUBMITTED
    client.force_login(scenario["facilitator"])
    client.post(reverse("clauses:lot_sizing", args=[lot.pk]), {"method": "manuel", "manual_hours": "900"})
    assert Lot.objects.get(pk=lot.pk).target_hours == Decimal("900")
    assert client.get(reverse("clauses:bilan_year"), {"annee": 2025}).status_code == 200
