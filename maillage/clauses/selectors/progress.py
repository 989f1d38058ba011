"""Progress of lots against their target and schedule, and the facilitator's alerts (SQL aggregations)."""

from datetime import date, timedelta

from django.db.models import (
    Count,
    DecimalField,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from ..models import Contract, Eligibility, HoursStatement, Lot, LotStatus, ScheduleStep, StatementStatus
from .counting import counted_hours

BEHIND_TOLERANCE = 0.8  # a lot is behind when done < 80 % of the hours due so far
EXPIRY_WARNING_DAYS = 60


class Sum(Func):
    """SUM without GROUP BY, for correlated subqueries (one row per outer lot)."""

    function = "SUM"
    output_field = FloatField()


def with_progress(lots: QuerySet[Lot], today: date | None = None) -> QuerySet[Lot]:
    """Annotate ``done_hours`` (counted, rules applied), ``due_hours`` (schedule at the last complete month)
    and ``pending_count`` (declarations waiting for validation)."""
    today = today or date.today()
    current_month = today.replace(day=1)
    # Hours worked on the lot, except those credited elsewhere under a globalisation rule…
    own = (
        HoursStatement.objects.filter(status=StatementStatus.VALIDATED, lot=OuterRef("pk"))
        .exclude(credited_lot__isnull=False, lot__counting_rule__allow_globalisation=True)
        .order_by()
        .annotate(total=Sum(counted_hours()))
        .values("total")[:1]
    )
    # …plus hours worked on other lots and credited to this one (globalisation).
    credited = (
        HoursStatement.objects.filter(
            status=StatementStatus.VALIDATED, credited_lot=OuterRef("pk"), lot__counting_rule__allow_globalisation=True
        )
        .order_by()
        .annotate(total=Sum(counted_hours()))
        .values("total")[:1]
    )
    due = ScheduleStep.objects.filter(lot=OuterRef("pk"), month__lt=current_month).order_by("-month")
    pending = (
        HoursStatement.objects.filter(lot=OuterRef("pk"), status=StatementStatus.SUBMITTED)
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")[:1]
    )
    return lots.annotate(
        done_hours=Coalesce(Subquery(own, output_field=FloatField()), Value(0.0))
        + Coalesce(Subquery(credited, output_field=FloatField()), Value(0.0)),
        due_hours=Coalesce(
            Subquery(due.values("cumulative_hours")[:1], output_field=DecimalField()),
            Value(0, output_field=DecimalField()),
        ),
        pending_count=Coalesce(Subquery(pending), Value(0)),
    )


def lot_rows(lots) -> list[dict]:
    """Plain rows for templates, exports and the API (one computation, same figures everywhere)."""
    rows = []
    for lot in lots:
        target = float(lot.target_hours or 0)
        due = float(lot.due_hours or 0)
        done = round(lot.done_hours or 0.0, 2)
        rows.append(
            {
                "lot": lot,
                "target": target,
                "done": done,
                "due": due,
                "rate": round(100 * done / target, 1) if target else None,
                "behind": lot.status == LotStatus.RUNNING and due > 0 and done < BEHIND_TOLERANCE * due,
                "pending": lot.pending_count,
            }
        )
    return rows


def followed_lots(user, visible_lots: QuerySet[Lot]) -> QuerySet[Lot]:
    """The facilitator's own lots (operations they follow), running or planned."""
    return visible_lots.filter(market__operation__followers=user).exclude(status=LotStatus.CLOSED)


def dashboard(user, visible_lots: QuerySet[Lot], today: date | None = None) -> dict:
    today = today or date.today()
    lots = followed_lots(user, visible_lots)
    if not lots.exists():
        lots = visible_lots.exclude(status=LotStatus.CLOSED)
    annotated = with_progress(lots.select_related("market__operation__buyer", "epci"), today).order_by("end_on", "pk")
    rows = lot_rows(annotated)
    behind = [row for row in rows if row["behind"]]
    lot_ids = [row["lot"].pk for row in rows]
    expiring = (
        Eligibility.objects.filter(
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
            participant__contracts__lot_id__in=lot_ids,
        )
        .filter(Q(participant__contracts__end_on__isnull=True) | Q(participant__contracts__end_on__gte=today))
        .values("participant_id", "participant__last_name", "participant__first_name", "valid_until")
        .annotate(n=Count("pk"))
        .order_by("valid_until")
    )
    totals = {
        "target": round(sum(r["target"] for r in rows), 2),
        "done": round(sum(r["done"] for r in rows), 2),
        "due": round(sum(r["due"] for r in rows), 2),
        "pending": sum(r["pending"] for r in rows),
        "lots": len(rows),
        "people": Contract.objects.filter(lot_id__in=lot_ids)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=today))
        .values("participant_id")
        .distinct()
        .count(),
    }
    return {"rows": rows, "behind": behind, "expiring": list(expiring[:50]), "totals": totals}
