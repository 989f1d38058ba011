"""Progress of lots against their target and schedule, and the facilitator's alerts (SQL aggregations)."""

from datetime import date, timedelta

from django.db.models import Count, Max, Q, QuerySet, Sum

from maillage.kernel.prepared import IdListQuery

from ..models import (
    Contract,
    Eligibility,
    HoursStatement,
    Lot,
    LotClosing,
    LotStatus,
    ScheduleStep,
    StatementStatus,
)
from .counting import counted_hours

BEHIND_TOLERANCE = 0.8  # a lot is behind when done < 80 % of the hours due so far
EXPIRY_WARNING_DAYS = 60


def _own_hours(ids):
    """Counted hours worked on the lots, except those credited elsewhere under a globalisation rule."""
    validated = HoursStatement.objects.filter(lot_id__in=ids, status=StatementStatus.VALIDATED)
    own = validated.exclude(contract__credited_lot__isnull=False, lot__counting_rule__allow_globalisation=True)
    return own.values_list("lot_id").order_by().annotate(total=Sum(counted_hours()))


def _credited_hours(ids):
    """Counted hours worked on other lots and credited to these ones (globalisation)."""
    return (
        HoursStatement.objects.filter(
            contract__credited_lot_id__in=ids,
            status=StatementStatus.VALIDATED,
            lot__counting_rule__allow_globalisation=True,
        )
        .values_list("contract__credited_lot_id")
        .order_by()
        .annotate(total=Sum(counted_hours()))
    )


# The counting rules' expression is compiled once per process (kernel.prepared): 2 ms of SQL, 10 of Python.
_OWN_HOURS = IdListQuery(_own_hours)
_CREDITED_HOURS = IdListQuery(_credited_hours)


def progress_rows(lots: QuerySet[Lot], today: date | None = None) -> list[dict]:
    """Rows of lots with ``done`` (counted hours, rules applied), ``due`` (schedule at the last complete
    month), ``rate``, ``behind`` and ``pending`` (declarations to validate).

    A handful of grouped SQL queries whatever the number of lots: one computation for templates, exports
    and the API, so their figures are the same.
    """
    today = today or date.today()
    current_month = today.replace(day=1)
    lots = list(lots)
    if not lots:
        return []
    ids = [lot.pk for lot in lots]
    lot_filter = Q(lot_id__in=ids) if len(ids) <= 500 else Q(lot_id__in=Lot.objects.filter(pk__in=ids).values("pk"))
    if len(ids) <= 500:
        done = dict(_OWN_HOURS.rows(ids))
        credited = _CREDITED_HOURS.rows(ids)
    else:
        in_lots = Lot.objects.filter(pk__in=ids).values("pk")
        done = dict(_own_hours(in_lots))
        credited = list(_credited_hours(in_lots))
    for lot_id, total in credited:
        done[lot_id] = (done.get(lot_id) or 0) + (total or 0)
    # The schedule is cumulative: the highest step before the current month is what is due.
    due = dict(
        ScheduleStep.objects.filter(lot_filter, month__lt=current_month)
        .values_list("lot_id")
        .order_by()
        .annotate(due=Max("cumulative_hours"))
    )
    pending = dict(
        HoursStatement.objects.filter(lot_filter, status=StatementStatus.SUBMITTED)
        .values_list("lot_id")
        .order_by()
        .annotate(n=Count("pk"))
    )
    # Closed lots show the figures frozen at their closing (never recomputed: rules or pooled hours may move).
    closed_ids = [lot.pk for lot in lots if lot.status == LotStatus.CLOSED]
    frozen = (
        dict(
            LotClosing.objects.filter(lot_id__in=closed_ids, reopened_at__isnull=True).values_list("lot_id", "figures")
        )
        if closed_ids
        else {}
    )
    rows = []
    for lot in lots:
        target = float(lot.target_hours or 0)
        lot_due = float(due.get(lot.pk) or 0)
        lot_done = round(float(done.get(lot.pk) or 0), 2)
        if lot.pk in frozen:
            target, lot_done = frozen[lot.pk]["target"], frozen[lot.pk]["done"]
        rows.append(
            {
                "lot": lot,
                "target": target,
                "done": lot_done,
                "due": lot_due,
                "rate": round(100 * lot_done / target, 1) if target else None,
                "behind": lot.status == LotStatus.RUNNING and lot_due > 0 and lot_done < BEHIND_TOLERANCE * lot_due,
                "pending": pending.get(lot.pk, 0),
                "missing": round(max(0.0, target - lot_done), 2),
                # Penalty set by the contract per missing hour, due once the lot is closed (frozen then).
                "penalty": frozen[lot.pk]["penalty"]
                if lot.pk in frozen
                else round(max(0.0, target - lot_done) * float(lot.penalty_per_hour), 2)
                if lot.status == LotStatus.CLOSED and lot.penalty_per_hour
                else None,
                "frozen": lot.pk in frozen,
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
    lots = lots.select_related("market__operation__buyer", "epci")
    rows = progress_rows(lots.order_by("end_on", "pk"), today)
    behind = [row for row in rows if row["behind"]]
    lot_ids = [row["lot"].pk for row in rows]
    expiring = (
        Eligibility.objects.filter(
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
            participant__contracts__lot_id__in=lot_ids,
        )
        .filter(Q(participant__contracts__end_on__isnull=True) | Q(participant__contracts__end_on__gte=today))
        .values("participant_id", "participant__person__last_name", "participant__person__first_name", "valid_until")
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


def home_figures(user, visible_lots: QuerySet[Lot], today: date | None = None) -> dict:
    """The three figures of a facilitator's home, lighter than ``dashboard``: lots followed (or visible),
    how many are behind schedule, how many people's eligibility expires within the warning window."""
    today = today or date.today()
    lots = followed_lots(user, visible_lots)
    if not lots.exists():
        lots = visible_lots.exclude(status=LotStatus.CLOSED)
    rows = progress_rows(lots.select_related("market__operation"), today)
    lot_ids = Lot.objects.filter(pk__in=lots.values("pk")).values("pk")
    expiring = (
        Eligibility.objects.filter(
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
            participant__contracts__lot_id__in=lot_ids,
        )
        .filter(Q(participant__contracts__end_on__isnull=True) | Q(participant__contracts__end_on__gte=today))
        .values("participant_id")
        .distinct()
        .count()
    )
    return {"lots": len(rows), "behind": sum(1 for row in rows if row["behind"]), "expiring": expiring}
