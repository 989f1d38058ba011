"""Closing a lot or an operation freezes its figures and its counting rule; a correction reopens it explicitly."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.forms.models import model_to_dict
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction

from ..models import (
    CountingRule,
    HoursStatement,
    Lot,
    LotClosing,
    LotStatus,
    Operation,
    OperationStatus,
    StatementStatus,
)
from ..selectors.counting import counted_hours, globalised

RULE_FIELDS = [
    "name",
    "lasting_bonus_percent",
    "training_monthly_cap",
    "subcontracting_mode",
    "conversion_labour_share",
    "conversion_hourly_cost",
    "monthly_hours_max",
    "allow_globalisation",
]
CLOSED_MESSAGE = (
    "Ce lot est clôturé : ses chiffres sont figés. Pour corriger, rouvrez son bilan (correction datée et tracée)."
)


def _r(value) -> float:
    return round(float(value or 0), 2)


def lot_figures(lot: Lot) -> dict:
    """The counted figures of a lot, computed live (rules applied): what a closing freezes."""
    validated = HoursStatement.objects.filter(status=StatementStatus.VALIDATED)
    own = validated.filter(lot=lot).exclude(globalised())
    by_modality = {
        row["contract__modality"]: {"counted": _r(row["counted"]), "base": _r(row["base"]), "raw": _r(row["raw"])}
        for row in own.values("contract__modality")
        .order_by()
        .annotate(counted=Sum(counted_hours()), base=Sum(counted_hours(with_bonus=False)), raw=Sum("hours"))
    }
    globalised_in = _r(
        validated.filter(globalised(), contract__credited_lot=lot).aggregate(total=Sum(counted_hours()))["total"]
    )
    globalised_out = _r(validated.filter(globalised(), lot=lot).aggregate(total=Sum(counted_hours()))["total"])
    company = Coalesce(F("contract__for_company_id"), F("contract__employer_id"))
    by_company = {}
    for queryset in (own, validated.filter(globalised(), contract__credited_lot=lot)):
        for row in queryset.annotate(company=company).values("company").order_by().annotate(total=Sum(counted_hours())):
            key = str(row["company"])
            by_company[key] = _r(by_company.get(key, 0) + float(row["total"] or 0))
    own_total = sum(m["counted"] for m in by_modality.values())
    done = _r(own_total + globalised_in)
    target = _r(lot.target_hours)
    missing = _r(max(0.0, target - done))
    return {
        "target": target,
        "done": done,
        "raw": _r(sum(m["raw"] for m in by_modality.values())),
        "bonus": _r(sum(m["counted"] - m["base"] for m in by_modality.values())),
        "globalised_in": globalised_in,
        "globalised_out": globalised_out,
        "by_modality": by_modality,
        "by_company": by_company,
        "missing": missing,
        "penalty_per_hour": _r(lot.penalty_per_hour) if lot.penalty_per_hour is not None else None,
        "penalty": _r(missing * float(lot.penalty_per_hour)) if lot.penalty_per_hour else None,
    }


def _freeze_rule(lot: Lot) -> CountingRule | None:
    """The lot's rule as it is now, as an immutable copy the lot keeps (live rules may change afterwards)."""
    rule = lot.counting_rule
    if rule is None or rule.is_frozen:
        return rule
    values = model_to_dict(rule, fields=RULE_FIELDS)
    values["name"] = f"{rule.name} (version figée à la clôture du lot {lot.pk})"[:120]
    copy = CountingRule.versions.create(**values, is_frozen=True, frozen_from=rule)
    Lot.objects.filter(pk=lot.pk).update(counting_rule=copy)
    lot.counting_rule = copy
    return copy


@transaction.atomic
def close_lot(actor, lot: Lot) -> LotClosing:
    lot = Lot.objects.select_for_update(of=("self",)).select_related("counting_rule").get(pk=lot.pk)
    if lot.status == LotStatus.CLOSED and lot.closings.filter(reopened_at__isnull=True).exists():
        return lot.closings.filter(reopened_at__isnull=True).first()
    rule = _freeze_rule(lot)
    Lot.objects.filter(pk=lot.pk).update(status=LotStatus.CLOSED)
    lot.status = LotStatus.CLOSED
    closing = LotClosing.objects.create(
        lot=lot,
        closed_by=actor if getattr(actor, "is_authenticated", False) else None,
        rule=rule,
        rule_snapshot={k: str(v) for k, v in model_to_dict(rule, fields=RULE_FIELDS).items()} if rule else {},
        figures=lot_figures(lot),
    )
    audit.record_instance(actor, AuditAction.UPDATE, lot, f"clôture #{closing.pk}")
    return closing


@transaction.atomic
def close_operation(actor, operation: Operation) -> Operation:
    """Close the operation and its lots: the closing bilan and attestations become final (figures frozen)."""
    for lot in Lot.objects.filter(market__operation=operation).order_by("pk"):
        close_lot(actor, lot)
    operation.status = OperationStatus.CLOSED
    operation.save(update_fields=["status", "updated_at"])
    audit.record_instance(actor, AuditAction.UPDATE, operation, "clôture")
    return operation


@transaction.atomic
def reopen_lot(actor, lot: Lot, reason: str) -> LotClosing:
    """A facilitator's correction: dated, with its reason, audit-logged; the bilan is explicitly reopened.
    The lot keeps its frozen rule version (a correction fixes data, not rules)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Indiquez le motif de la correction : il reste dans l'historique du lot."})
    closing = lot.closings.filter(reopened_at__isnull=True).first()
    if lot.status != LotStatus.CLOSED or closing is None:
        raise ValidationError("Ce lot n'est pas clôturé.")
    closing.reopened_at = timezone.now()
    closing.reopened_by = actor if getattr(actor, "is_authenticated", False) else None
    closing.reopen_reason = reason[:255]
    closing.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    Lot.objects.filter(pk=lot.pk).update(status=LotStatus.RUNNING)
    lot.status = LotStatus.RUNNING
    Operation.objects.filter(pk=lot.market.operation_id, status=OperationStatus.CLOSED).update(
        status=OperationStatus.EXECUTION
    )
    audit.record_instance(actor, AuditAction.UPDATE, lot, f"réouverture de la clôture #{closing.pk}")
    return closing


def ensure_open(lot: Lot) -> None:
    """Refuse a write on a closed lot (hours, declarations, contracts, sizing, schedule, companies)."""
    status = Lot.objects.filter(pk=lot.pk).values_list("status", flat=True).first() if lot.pk else lot.status
    if status == LotStatus.CLOSED:
        raise ValidationError(CLOSED_MESSAGE)


def current_closing(lot: Lot) -> LotClosing | None:
    return lot.closings.filter(reopened_at__isnull=True).select_related("rule").first()
