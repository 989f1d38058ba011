"""Issue #12, markets over time: avenants with history (the target follows or is confirmed, a phased schedule is
never wiped) and framework agreements whose obligation follows the invoiced amounts per period."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from maillage.clauses import services
from maillage.clauses.models import Amendment, Lot, ScheduleStep

from .factories import LotFactory

pytestmark = pytest.mark.django_db


def _sized_lot():
    lot = LotFactory(start_on=date(2025, 1, 1), end_on=date(2025, 6, 30), target_hours=0)
    services.size_lot(None, lot, services.Sizing("taux", Decimal("600000"), Decimal("50"), Decimal("5"), Decimal("30")))
    lot.refresh_from_db()
    return lot


def test_an_avenant_keeps_history_and_the_target_follows(scenario):
    lot = _sized_lot()
    assert lot.target_hours == Decimal("500")
    services.set_schedule(
        None,
        lot,
        [(date(2025, m, 1), Decimal(h)) for m, h in zip(range(1, 7), [0, 0, 100, 200, 350, 500], strict=True)],
    )
    amendment = services.amend_lot(
        None,
        lot,
        signed_on=date(2025, 4, 10),
        reason="Travaux supplémentaires",
        amount=Decimal("720000"),
        end_on=date(2025, 8, 31),
        resize=True,
    )
    lot.refresh_from_db()
    assert (amendment.amount_before, amendment.amount_after) == (Decimal("600000.00"), Decimal("720000.00"))
    assert (amendment.target_before, amendment.target_after) == (Decimal("500.00"), Decimal("600.00"))
    steps = dict(ScheduleStep.objects.filter(lot=lot).values_list("month", "cumulative_hours"))
    # The phases before the amendment stay; the rest of the new target is spread to the new end.
    assert steps[date(2025, 2, 1)] == Decimal("0") and steps[date(2025, 3, 1)] == Decimal("100")
    assert steps[date(2025, 8, 1)] == Decimal("600")
    assert Amendment.objects.filter(lot=lot).count() == 1


def test_an_avenant_without_resizing_keeps_the_target_until_confirmed():
    lot = _sized_lot()
    services.amend_lot(None, lot, signed_on=date(2025, 3, 1), reason="Prolongation", end_on=date(2025, 9, 30))
    lot.refresh_from_db()
    assert lot.target_hours == Decimal("500")
    services.amend_lot(None, lot, signed_on=date(2025, 3, 2), reason="Objectif confirmé", target_hours=Decimal("550"))
    lot.refresh_from_db()
    assert lot.target_hours == Decimal("550")
    with pytest.raises(ValidationError):
        services.amend_lot(None, lot, signed_on=date(2025, 3, 2), reason="", amount=Decimal("1"))


def test_editing_a_lot_never_wipes_a_phased_schedule(client, scenario):
    lot = scenario["lot"]
    phased = [
        (date(2025, m, 1), Decimal("0") if m < 6 else Decimal(833 * (m - 5) / 7).quantize(Decimal("0.01")))
        for m in range(1, 13)
    ]
    phased[-1] = (date(2025, 12, 1), Decimal("833"))
    services.set_schedule(None, lot, phased)
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:lot_edit", args=[lot.pk]),
        {
            "number": lot.number,
            "label": "Gros œuvre (renommé)",
            "cpv_code": lot.cpv_code,
            "commune": lot.commune.code,
            "amount": "1000000",
            "start_on": "2025-01-01",
            "end_on": "2025-12-31",
            "status": "en_cours",
        },
    )
    assert response.status_code == 302
    assert ScheduleStep.objects.get(lot=lot, month=date(2025, 3, 1)).cumulative_hours == Decimal("0")


def test_a_framework_agreement_follows_the_invoiced_amounts():
    lot = LotFactory(is_framework=True, start_on=date(2025, 1, 1), end_on=date(2026, 12, 31), target_hours=0)
    services.size_lot(None, lot, services.Sizing("ratio", Decimal("1"), euros_per_hour=Decimal("2000")))
    services.record_framework_period(
        None,
        lot,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 6, 30),
        ordered=Decimal("300000"),
        invoiced=Decimal("200000"),
    )
    services.record_framework_period(
        None,
        lot,
        period_start=date(2025, 7, 1),
        period_end=date(2025, 12, 31),
        ordered=Decimal("100000"),
        invoiced=Decimal("150000"),
    )
    lot.refresh_from_db()
    assert lot.target_hours == Decimal("175")  # (200 k€ + 150 k€) ÷ 2 000 €
    steps = dict(ScheduleStep.objects.filter(lot=lot).values_list("month", "cumulative_hours"))
    assert steps == {date(2025, 6, 1): Decimal("100"), date(2025, 12, 1): Decimal("175")}
    with pytest.raises(ValidationError, match="accord-cadre"):
        services.record_framework_period(
            None,
            LotFactory(),
            period_start=date(2025, 1, 1),
            period_end=date(2025, 2, 1),
            ordered=Decimal("1"),
            invoiced=Decimal("1"),
        )
    assert Lot.objects.get(pk=lot.pk).framework_periods.count() == 2
