"""The write use cases through their services (the views are tested in test_workflow_views.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from maillage.accounts.models import AuditEvent
from maillage.clauses import services
from maillage.clauses.models import LotStatus, OperationStatus, Participant, StatementStatus

from .factories import ContractFactory, LotFactory, ParticipantFactory, criterion

pytestmark = pytest.mark.django_db


def test_find_or_create_and_duplicates():
    person, created = services.find_or_create_participant(
        None, last_name="Lefèvre", first_name="Inès", birth_date=date(1994, 3, 5), sex="F"
    )
    same, created_again = services.find_or_create_participant(
        None, last_name=" LEFEVRE ", first_name="ines", birth_date=date(1994, 3, 5), sex="F"
    )
    assert created and not created_again and same == person
    assert list(services.possible_duplicates("Lefevre", "Agnès", date(1994, 3, 5))) == [person]
    assert list(services.possible_duplicates("Lefèvre", "Inès", date(1994, 5, 3))) == [person]  # day/month swapped
    assert not services.possible_duplicates("Durand", "Paul", date(1994, 3, 5)).exists()
    assert AuditEvent.objects.filter(object_type="clauses.participant", action="create").count() == 1


def test_eligibility_validity_and_prescriber_opinion():
    person = ParticipantFactory()
    eligibility = services.validate_eligibility(None, person, criterion("rsa"), validated_on=date(2025, 1, 31))
    assert eligibility.valid_until == date(2027, 1, 31)
    with pytest.raises(ValidationError, match="avis motivé"):
        services.validate_eligibility(None, person, criterion("avis"), validated_on=date(2025, 1, 31))
    assert services.is_eligible_on(person, date(2026, 12, 31))
    assert not services.is_eligible_on(person, date(2027, 2, 1))


def test_first_contract_needs_a_running_eligibility():
    person, lot = ParticipantFactory(), LotFactory()
    employer = lot.market.operation.buyer  # any organisation
    with pytest.raises(ValidationError, match="éligibilité"):
        services.create_contract(
            None, participant=person, lot=lot, employer=employer, modality="cdd", start_on=date(2025, 3, 1)
        )
    services.validate_eligibility(None, person, criterion("deld"), validated_on=date(2025, 2, 1))
    contract = services.create_contract(
        None,
        participant=person,
        lot=lot,
        employer=employer,
        modality="cdd",
        start_on=date(2025, 3, 1),
        end_on=date(2025, 9, 30),
    )
    assert contract.is_lasting
    with pytest.raises(ValidationError, match="précède"):
        services.create_contract(
            None,
            participant=person,
            lot=lot,
            employer=employer,
            modality="cdd",
            start_on=date(2025, 3, 1),
            end_on=date(2025, 2, 1),
        )


def test_statements_entered_declared_validated_rejected():
    contract = ContractFactory(start_on=date(2025, 1, 1), end_on=date(2025, 6, 30))
    declared = services.record_statement(None, contract, month=date(2025, 2, 17), hours=Decimal("70"), by_company=True)
    assert declared.month == date(2025, 2, 1) and declared.status == StatementStatus.SUBMITTED
    with pytest.raises(ValidationError, match="motif"):
        services.reject_statement(None, declared, " ")
    services.reject_statement(None, declared, "Heures non justifiées")
    assert declared.status == StatementStatus.REJECTED
    corrected = services.record_statement(None, contract, month=date(2025, 2, 1), hours=Decimal("60"), by_company=True)
    assert (
        corrected.pk == declared.pk and corrected.status == StatementStatus.SUBMITTED and not corrected.rejection_reason
    )
    services.validate_statement(None, corrected)
    with pytest.raises(ValidationError, match="déjà validé"):
        services.record_statement(None, contract, month=date(2025, 2, 1), hours=Decimal("1"), by_company=True)
    facilitator_fix = services.record_statement(None, contract, month=date(2025, 2, 1), hours=Decimal("65"))
    assert facilitator_fix.hours == Decimal("65") and facilitator_fix.status == StatementStatus.VALIDATED
    for month, message in (
        (date(2024, 12, 1), "précède"),
        (date(2025, 7, 1), "suit la fin"),
        (date(2999, 1, 1), "futur"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.record_statement(None, contract, month=month, hours=Decimal("1"))
    with pytest.raises(ValidationError, match="744"):
        services.record_statement(None, contract, month=date(2025, 3, 1), hours=Decimal("800"))


def test_outcome_and_closing():
    contract = ContractFactory()
    with pytest.raises(ValidationError):
        services.record_outcome(
            None,
            contract.participant,
            path_end_on=date(2025, 12, 31),
            observed_on=date(2025, 6, 30),
            situation="formation",
        )
    services.record_outcome(
        None, contract.participant, path_end_on=date(2025, 6, 30), observed_on=date(2025, 12, 31), situation="formation"
    )
    operation = contract.lot.market.operation
    services.close_operation(None, operation)
    operation.refresh_from_db()
    contract.lot.refresh_from_db()
    assert operation.status == OperationStatus.CLOSED and contract.lot.status == LotStatus.CLOSED
    assert Participant.objects.get(pk=contract.participant_id).outcomes.count() == 1


def test_clauses_validation():
    lot = LotFactory()
    with pytest.raises(ValidationError, match="réservé"):
        services.set_lot_clause(None, lot, kind="reserve")
    with pytest.raises(ValidationError, match="pondération"):
        services.set_lot_clause(None, lot, kind="critere")
    services.set_lot_clause(None, lot, kind="critere", award_weight=Decimal("10"))
    services.set_lot_clause(None, lot, kind="critere", award_weight=Decimal("15"))  # updates, never duplicates
    assert lot.clauses.get().award_weight == Decimal("15")
