from datetime import date
from decimal import Decimal

import pytest

from maillage.clauses import services
from maillage.clauses.models import CountingRule, HoursStatement, Lot, Modality, StatementStatus, SubcontractingMode
from maillage.clauses.selectors import BilanScope, bilan, progress_rows

from .factories import ContractFactory, LotFactory, StatementFactory

pytestmark = pytest.mark.django_db


def _done(lot) -> float:
    return progress_rows(Lot.objects.filter(pk=lot.pk), date(2025, 12, 15))[0]["done"]


def _lot_with_rule(**rule):
    lot = LotFactory()
    services.assign_counting_rule(lot)
    if rule:
        CountingRule.objects.filter(pk=lot.counting_rule_id).update(**rule)
    return lot


def test_validated_hours_count_one_for_one_and_declarations_wait():
    lot = _lot_with_rule()
    StatementFactory(contract=ContractFactory(lot=lot), hours=Decimal("100"))
    StatementFactory(contract=ContractFactory(lot=lot), hours=Decimal("40"), status=StatementStatus.SUBMITTED)
    StatementFactory(contract=ContractFactory(lot=lot), hours=Decimal("30"), status=StatementStatus.REJECTED)
    assert _done(lot) == 100.0


def test_lasting_contract_bonus_is_applied_at_computation_time_only():
    lot = _lot_with_rule()
    cdi = ContractFactory(lot=lot, modality=Modality.CDI, end_on=None)
    StatementFactory(contract=cdi, hours=Decimal("100"))
    assert _done(lot) == 100.0
    CountingRule.objects.filter(pk=lot.counting_rule_id).update(lasting_bonus_percent=Decimal("10"))
    assert _done(lot) == 110.0
    assert HoursStatement.objects.get().hours == Decimal("100")  # never rewritten


def test_short_cdd_gets_no_bonus_but_six_month_cdd_does():
    lot = _lot_with_rule(lasting_bonus_percent=Decimal("20"))
    short = ContractFactory(lot=lot, modality=Modality.CDD, start_on=date(2025, 1, 1), end_on=date(2025, 3, 31))
    long = ContractFactory(lot=lot, modality=Modality.CDD, start_on=date(2025, 1, 1), end_on=date(2025, 9, 30))
    StatementFactory(contract=short, hours=Decimal("10"))
    StatementFactory(contract=long, hours=Decimal("10"))
    assert not short.is_lasting and long.is_lasting
    assert _done(lot) == 22.0


def test_subcontracting_converted_from_amount_when_the_rule_says_so():
    lot = _lot_with_rule()
    contract = ContractFactory(lot=lot, modality=Modality.SIAE_SUBCONTRACTING)
    StatementFactory(contract=contract, hours=Decimal("12"), amount=Decimal("3000"))
    assert _done(lot) == 12.0
    CountingRule.objects.filter(pk=lot.counting_rule_id).update(
        subcontracting_mode=SubcontractingMode.CONVERTED,
        conversion_labour_share=Decimal("50"),
        conversion_hourly_cost=Decimal("30"),
    )
    assert _done(lot) == 50.0


def test_training_hours_capped_per_month():
    lot = _lot_with_rule(training_monthly_cap=Decimal("35"))
    contract = ContractFactory(lot=lot, modality=Modality.TRAINING)
    StatementFactory(contract=contract, month=date(2025, 2, 1), hours=Decimal("70"))
    StatementFactory(contract=contract, month=date(2025, 3, 1), hours=Decimal("20"))
    assert _done(lot) == 55.0


def test_training_cap_holds_per_person_and_month_across_contracts():
    """Issue #12: two training contracts of one person in one month share the cap (35 h, not 2 × 35 h)."""
    lot = _lot_with_rule(training_monthly_cap=Decimal("35"))
    first = ContractFactory(lot=lot, modality=Modality.TRAINING)
    second = ContractFactory(lot=lot, modality=Modality.TRAINING, participant=first.participant)
    StatementFactory(contract=first, month=date(2025, 2, 1), hours=Decimal("30"))
    StatementFactory(contract=second, month=date(2025, 2, 1), hours=Decimal("30"))
    assert _done(lot) == 35.0
    assert bilan(BilanScope(year=2025)).hours == 35.0


def test_buyer_rule_overrides_default_and_reassignment_keeps_statements():
    lot = _lot_with_rule()
    StatementFactory(contract=ContractFactory(lot=lot, modality=Modality.CDI, end_on=None), hours=Decimal("50"))
    CountingRule.objects.create(
        name="Règle du bailleur", buyer=lot.market.operation.buyer, lasting_bonus_percent=Decimal("50")
    )
    services.reassign_counting_rules()
    lot.refresh_from_db()
    assert lot.counting_rule.name == "Règle du bailleur"
    assert _done(lot) == 75.0


def test_globalisation_credits_hours_to_another_lot_only_when_allowed():
    lot = _lot_with_rule()
    other = LotFactory()
    services.assign_counting_rule(other)
    StatementFactory(contract=ContractFactory(lot=lot, credited_lot=other), hours=Decimal("40"))
    assert (_done(lot), _done(other)) == (40.0, 0.0)
    CountingRule.objects.filter(pk=lot.counting_rule_id).update(allow_globalisation=True)
    assert (_done(lot), _done(other)) == (0.0, 40.0)


def test_bilan_reconciles_with_lot_progress_and_counts_people():
    lot = _lot_with_rule(lasting_bonus_percent=Decimal("10"))
    a = ContractFactory(lot=lot, modality=Modality.CDI, end_on=None)
    b = ContractFactory(lot=lot, modality=Modality.ETTI)
    StatementFactory(contract=a, month=date(2025, 2, 1), hours=Decimal("100"))
    StatementFactory(contract=a, month=date(2025, 3, 1), hours=Decimal("50"))
    StatementFactory(contract=b, month=date(2025, 3, 1), hours=Decimal("20"))
    StatementFactory(contract=b, month=date(2024, 12, 1), hours=Decimal("99"))  # other year
    result = bilan(BilanScope(year=2025))
    assert result.hours == 185.0
    assert result.raw_hours == 170.0
    assert result.participants == 2 and result.contracts == 2 and result.companies == 2
    assert dict(result.by_modality_group)["Embauche directe"] == 165.0
    assert result.by_month == [(date(2025, 2, 1), 110.0), (date(2025, 3, 1), 75.0)]
    assert result.fte == round(185 / 1607, 2)
    assert _done(lot) == 185.0 + 99.0
    assert bilan(BilanScope()).hours == _done(lot)


def test_penalty_for_missing_hours_once_the_lot_is_closed():
    lot = _lot_with_rule()
    Lot.objects.filter(pk=lot.pk).update(status="clos", penalty_per_hour=Decimal("40"), target_hours=Decimal("100"))
    StatementFactory(contract=ContractFactory(lot=lot), hours=Decimal("75"))
    row = progress_rows(Lot.objects.filter(pk=lot.pk), date(2026, 1, 15))[0]
    assert row["missing"] == 25.0 and row["penalty"] == 1000.0
