"""Markets over time: avenants (dated amendments with history) and framework agreements (per-period amounts)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum

from maillage.accounts import audit
from maillage.accounts.models import AuditAction

from ..models import Amendment, FrameworkPeriod, Lot, ScheduleStep, SizingMethod
from ..models.limits import MAX_AMOUNT, MAX_TARGET_HOURS, fr_number
from .closing import ensure_open
from .sizing import Sizing, compute_target_hours, month_start, rebuild_schedule, schedule_months


def reschedule_from(lot: Lot, from_month: date) -> None:
    """Keep the (possibly phased) schedule before ``from_month``; spread what remains of the target evenly
    over the lot's months from then on. Editing a lot never wipes the phases already planned."""
    steps = list(ScheduleStep.objects.filter(lot=lot, month__lt=from_month).order_by("month"))
    if not steps:
        rebuild_schedule(lot)
        return
    reached = max(step.cumulative_hours for step in steps)
    months = [m for m in schedule_months(lot) if m >= from_month]
    ScheduleStep.objects.filter(lot=lot, month__gte=from_month).delete()
    remaining = max(Decimal("0"), Decimal(lot.target_hours) - reached)
    new_steps = []
    for index, month in enumerate(months, start=1):
        cumulative = (reached + remaining * index / len(months)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        new_steps.append(ScheduleStep(lot=lot, month=month, cumulative_hours=cumulative))
    if not months and reached != lot.target_hours:
        # The lot ends before the amendment month: the last planned month takes the new target.
        last = steps[-1]
        ScheduleStep.objects.filter(pk=last.pk).update(cumulative_hours=max(reached, Decimal(lot.target_hours)))
    ScheduleStep.objects.bulk_create(new_steps)


def _sizing_of(lot: Lot, amount: Decimal) -> Sizing:
    return Sizing(
        method=lot.sizing_method,
        amount=amount,
        labour_share=lot.labour_share,
        insertion_rate=lot.insertion_rate,
        hourly_cost=lot.hourly_cost,
        euros_per_hour=lot.euros_per_hour,
    )


@transaction.atomic
def amend_lot(
    actor,
    lot: Lot,
    *,
    signed_on: date,
    reason: str,
    amount: Decimal | None = None,
    end_on: date | None = None,
    target_hours: Decimal | None = None,
    resize: bool = False,
) -> Amendment:
    """Record an avenant and apply it. The target follows the new amount with the lot's own sizing
    (``resize``), or the facilitator's confirmed target; otherwise it stays. The schedule keeps its past."""
    ensure_open(lot)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Indiquez l'objet de l'avenant."})
    if amount is not None and not (0 <= amount <= MAX_AMOUNT):
        raise ValidationError({"amount": f"Le montant doit être compris entre 0 et {fr_number(MAX_AMOUNT)}\u00a0€."})
    if end_on is not None and lot.start_on and end_on < lot.start_on:
        raise ValidationError({"end_on": "La nouvelle fin précède le début du lot."})
    if target_hours is not None and not (0 <= target_hours <= MAX_TARGET_HOURS):
        raise ValidationError({"target_hours": f"Au plus {fr_number(MAX_TARGET_HOURS)} heures par lot."})
    amendment = Amendment(
        lot=lot,
        signed_on=signed_on,
        reason=reason[:255],
        amount_before=lot.amount,
        end_before=lot.end_on,
        target_before=lot.target_hours,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if amount is not None:
        lot.amount = amount
    if end_on is not None:
        lot.end_on = end_on
        lot.duration_months = None
    if target_hours is not None:
        lot.target_hours = target_hours
    elif resize and amount is not None and lot.sizing_method in {SizingMethod.RATE, SizingMethod.RATIO}:
        lot.target_hours = compute_target_hours(_sizing_of(lot, lot.amount))
    lot.save()
    reschedule_from(lot, month_start(signed_on))
    amendment.amount_after, amendment.end_after, amendment.target_after = lot.amount, lot.end_on, lot.target_hours
    amendment.save()
    audit.record_instance(actor, AuditAction.UPDATE, lot, f"avenant #{amendment.pk}")
    return amendment


@transaction.atomic
def record_framework_period(
    actor, lot: Lot, *, period_start: date, period_end: date, ordered: Decimal, invoiced: Decimal
) -> FrameworkPeriod:
    """Amounts ordered and invoiced on a framework agreement for one period; the obligation (target and
    schedule) is recomputed from the invoiced amounts with the lot's sizing (ratio or rate)."""
    ensure_open(lot)
    if not lot.is_framework:
        raise ValidationError("Ce lot n'est pas un accord-cadre.")
    if lot.sizing_method not in {SizingMethod.RATE, SizingMethod.RATIO}:
        raise ValidationError("Dimensionnez d'abord le lot (ratio ou taux) : l'obligation suit les montants facturés.")
    if period_end < period_start:
        raise ValidationError({"period_end": "La fin de la période précède son début."})
    for name, value in (("ordered", ordered), ("invoiced", invoiced)):
        if value is None or not (0 <= value <= MAX_AMOUNT):
            raise ValidationError({name: f"Montant entre 0 et {fr_number(MAX_AMOUNT)}\u00a0€."})
    due = compute_target_hours(_sizing_of(lot, invoiced)) if invoiced > 0 else Decimal("0")
    period, _ = FrameworkPeriod.objects.update_or_create(
        lot=lot,
        period_start=period_start,
        defaults={"period_end": period_end, "ordered": ordered, "invoiced": invoiced, "hours_due": due},
    )
    total = FrameworkPeriod.objects.filter(lot=lot).aggregate(total=Sum("hours_due"))["total"] or Decimal("0")
    if total > MAX_TARGET_HOURS:
        raise ValidationError(f"Obligation invraisemblable : au plus {fr_number(MAX_TARGET_HOURS)} heures par lot.")
    Lot.objects.filter(pk=lot.pk).update(target_hours=total)
    lot.target_hours = total
    # The schedule is the cumulative obligation at the end of each period.
    ScheduleStep.objects.filter(lot=lot).delete()
    cumulative, steps = Decimal("0"), {}
    for item in FrameworkPeriod.objects.filter(lot=lot).order_by("period_end"):
        cumulative += item.hours_due
        steps[month_start(item.period_end)] = cumulative
    ScheduleStep.objects.bulk_create(ScheduleStep(lot=lot, month=m, cumulative_hours=h) for m, h in steps.items())
    audit.record_instance(actor, AuditAction.UPDATE, lot, f"accord-cadre : période du {period_start:%m/%Y}")
    return period


def framework_totals(lot: Lot) -> dict:
    return FrameworkPeriod.objects.filter(lot=lot).aggregate(
        ordered=Sum("ordered"), invoiced=Sum("invoiced"), hours_due=Sum("hours_due"), last=Max("period_end")
    )
