"""Monthly hours statements: entered by a facilitator (validated at once) or declared by the company."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction

from ..models import Contract, HoursStatement, StatementStatus
from ..models.catalogue import DEFAULT_MONTHLY_HOURS_MAX
from ..models.limits import MAX_MONTH_AMOUNT, MAX_MONTH_HOURS, fr_number
from .closing import ensure_open
from .notifications import notify_on_commit
from .sizing import month_start


def _check_month(contract: Contract, month: date) -> date:
    month = month_start(month)
    if month > month_start(timezone.localdate()):
        raise ValidationError({"month": "Le mois ne peut pas être dans le futur."})
    if month < month_start(contract.start_on):
        raise ValidationError({"month": "Le mois précède le début du contrat."})
    if contract.end_on and month > month_start(contract.end_on):
        raise ValidationError({"month": "Le mois suit la fin du contrat."})
    return month


def monthly_maximum(contract: Contract) -> Decimal:
    rule = contract.lot.counting_rule
    return rule.monthly_hours_max if rule is not None else DEFAULT_MONTHLY_HOURS_MAX


def _check_monthly_total(contract: Contract, month: date, hours: Decimal) -> None:
    """A person's hours of a month, across all lots and contracts, stay under the plausible maximum."""
    others = HoursStatement.objects.filter(participant_id=contract.participant_id, month=month).exclude(
        contract=contract
    ).exclude(status=StatementStatus.REJECTED).aggregate(total=Sum("hours"))["total"] or Decimal("0")
    limit = monthly_maximum(contract)
    if others + hours > limit:
        raise ValidationError(
            {
                "hours": f"Avec ses autres contrats, la personne compterait {fr_number(others + hours)}\u00a0h en "
                f"{month:%m/%Y} : au-delà du maximum plausible de {fr_number(limit)}\u00a0h par mois (durée légale et "
                "heures supplémentaires)."
            }
        )


@transaction.atomic
def record_statement(
    actor,
    contract: Contract,
    *,
    month: date,
    hours: Decimal,
    amount: Decimal | None = None,
    proof=None,
    by_company: bool = False,
    training_centre_hours: Decimal | None = None,
) -> HoursStatement:
    """Create or replace the statement of a month. A validated statement can only be replaced by a facilitator."""
    ensure_open(contract.lot)
    month = _check_month(contract, month)
    if hours is None or not Decimal(hours).is_finite() or hours < 0 or hours > MAX_MONTH_HOURS:
        raise ValidationError({"hours": f"Le nombre d'heures doit être compris entre 0 et {MAX_MONTH_HOURS}."})
    if amount is not None and (not Decimal(amount).is_finite() or amount < 0 or amount > MAX_MONTH_AMOUNT):
        bound = fr_number(MAX_MONTH_AMOUNT)
        raise ValidationError({"amount": f"Le montant doit être compris entre 0 et {bound}\u00a0€."})
    if training_centre_hours is not None and not (0 <= training_centre_hours <= hours):
        raise ValidationError(
            {"training_centre_hours": "Les heures en centre de formation font partie des heures du mois."}
        )
    _check_monthly_total(contract, month, hours)
    statement = HoursStatement.objects.select_for_update().filter(contract=contract, month=month).first()
    if statement is not None and by_company and statement.status == StatementStatus.VALIDATED:
        raise ValidationError("Ce mois est déjà validé par le facilitateur : contactez-le pour le corriger.")
    statement = statement or HoursStatement(contract=contract, month=month)
    statement.hours = hours
    statement.amount = amount
    statement.training_centre_hours = training_centre_hours
    statement.declared_by = actor if getattr(actor, "is_authenticated", False) else None
    statement.rejection_reason = ""
    if proof:
        statement.proof = proof
    if by_company:
        statement.status = StatementStatus.SUBMITTED
        statement.declared_at = timezone.now()  # a declaration sent again after a rejection: its new date
        statement.validated_by = None
        statement.validated_at = None
    else:
        statement.status = StatementStatus.VALIDATED
        statement.validated_by = statement.declared_by
        statement.validated_at = timezone.now()
    statement.save()
    audit.record(actor, AuditAction.UPDATE, "clauses.participant", contract.participant_id, f"heures {month:%m/%Y}")
    return statement


@transaction.atomic
def validate_statement(actor, statement: HoursStatement, *, notify: bool = True) -> HoursStatement:
    """Validate a declaration; the declaring company is e-mailed once committed (``notify=False``: the
    caller sends one message for several decisions)."""
    ensure_open(statement.lot)
    if statement.status == StatementStatus.VALIDATED:
        return statement
    statement.status = StatementStatus.VALIDATED
    statement.rejection_reason = ""
    statement.validated_by = actor
    statement.validated_at = timezone.now()
    statement.save(update_fields=["status", "rejection_reason", "validated_by", "validated_at"])
    if notify:
        notify_on_commit([statement.pk])
    return statement


@transaction.atomic
def reject_statement(actor, statement: HoursStatement, reason: str) -> HoursStatement:
    """Reject a declaration with a reason the company sees (in its space and by e-mail)."""
    ensure_open(statement.lot)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Indiquez le motif du rejet : l'entreprise le verra."})
    statement.status = StatementStatus.REJECTED
    statement.rejection_reason = reason[:255]
    statement.validated_by = actor
    statement.validated_at = timezone.now()
    statement.save(update_fields=["status", "rejection_reason", "validated_by", "validated_at"])
    notify_on_commit([statement.pk])
    return statement
