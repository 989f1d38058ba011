"""Issue #12: apprentices' and professionalisation contracts' training-centre hours are a territory setting
(count, cap or exclude)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from maillage.clauses import services
from maillage.clauses.models import CountingRule, Lot, Modality
from maillage.clauses.models.catalogue import CentreHoursMode
from maillage.clauses.selectors import BilanScope, bilan, progress_rows

from .factories import ContractFactory, EligibilityFactory

pytestmark = pytest.mark.django_db


def _done(lot):
    return progress_rows(Lot.objects.filter(pk=lot.pk))[0]["done"]


@pytest.mark.parametrize(
    ("mode", "cap", "expected"),
    [
        (CentreHoursMode.COUNT, None, 140.0),
        (CentreHoursMode.CAP, Decimal("20"), 100.0),
        (CentreHoursMode.EXCLUDE, None, 80.0),
    ],
)
def test_training_centre_hours_follow_the_territory_setting(scenario, mode, cap, expected):
    lot = scenario["lot"]
    CountingRule.objects.filter(pk=lot.counting_rule_id).update(centre_hours_mode=mode, centre_hours_cap=cap)
    contract = ContractFactory(lot=lot, modality=Modality.APPRENTICESHIP, start_on=date(2025, 1, 1))
    EligibilityFactory(participant=contract.participant)
    before = _done(lot)
    services.record_statement(
        None, contract, month=date(2025, 6, 1), hours=Decimal("140"), training_centre_hours=Decimal("60")
    )
    assert round(_done(lot) - before, 2) == expected
    year = bilan(BilanScope(year=2025, lot_ids=frozenset({lot.pk})))
    assert year.hours == _done(lot)


def test_centre_hours_are_part_of_the_months_hours(scenario):
    contract = ContractFactory(lot=scenario["lot"], modality=Modality.APPRENTICESHIP)
    with pytest.raises(ValidationError):
        services.record_statement(
            None, contract, month=date(2025, 6, 1), hours=Decimal("40"), training_centre_hours=Decimal("60")
        )
