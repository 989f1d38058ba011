from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from maillage.clauses.models import SizingPreset
from maillage.clauses.services import Sizing, compute_target_hours, presets_for, size_lot
from maillage.clauses.services.sizing import linear_schedule
from tests.factories import EpciFactory

from .factories import LotFactory


def test_rate_formula_matches_domain_example():
    sizing = Sizing("taux", Decimal("1000000"), Decimal("50"), Decimal("5"), Decimal("30"))
    assert compute_target_hours(sizing) == Decimal("833")


def test_ratio_variant():
    assert compute_target_hours(Sizing("ratio", Decimal("300000"), euros_per_hour=Decimal("2000"))) == Decimal("150")


def test_missing_parameters_are_reported_in_french():
    with pytest.raises(ValidationError) as error:
        compute_target_hours(Sizing("taux", Decimal("1000"), None, None, Decimal("30")))
    assert "part de main-d'œuvre" in str(error.value)
    with pytest.raises(ValidationError):
        compute_target_hours(Sizing("taux", None))


def test_linear_schedule_reaches_target():
    steps = linear_schedule(Decimal("100"), [date(2025, m, 1) for m in (1, 2, 3)])
    assert [h for _, h in steps] == [Decimal("33.33"), Decimal("66.67"), Decimal("100.00")]


@pytest.mark.django_db
def test_size_lot_stores_target_and_schedule():
    lot = LotFactory(start_on=date(2025, 1, 15), end_on=date(2025, 6, 30), target_hours=0)
    size_lot(None, lot, Sizing("taux", Decimal("600000"), Decimal("70"), Decimal("7"), Decimal("28")))
    lot.refresh_from_db()
    assert lot.target_hours == Decimal("1050")
    assert lot.labour_share == Decimal("70")
    assert list(lot.schedule.values_list("month", flat=True)) == [date(2025, m, 1) for m in range(1, 7)]


@pytest.mark.django_db
def test_territory_preset_overrides_default_of_same_trade():
    epci = EpciFactory()
    SizingPreset.objects.create(
        epci=epci, cpv_division="90", trade="Propreté, nettoyage de locaux", labour_share=Decimal("85")
    )
    default = {p.trade: p for p in presets_for("90910000")}
    local = {p.trade: p for p in presets_for("90910000", epci.code)}
    assert default["Propreté, nettoyage de locaux"].labour_share == Decimal("80")
    assert local["Propreté, nettoyage de locaux"].labour_share == Decimal("85")
    assert "Collecte et tri des déchets" in local


def test_feasibility_notes():
    from maillage.clauses.services.sizing import feasibility_notes

    assert feasibility_notes(Decimal("833"), duration_months=10, division="45") == []
    notes = feasibility_notes(Decimal("40"), duration_months=1, division="30")
    assert len(notes) == 3 and "70 heures" in notes[0]
