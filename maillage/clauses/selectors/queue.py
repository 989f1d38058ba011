"""The facilitator's queue of declarations to validate: filters, and the choices the filters offer."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from maillage.accounts.models import Organisation

from .. import policies as policy
from ..models import HoursStatement, Lot, StatementStatus, declaration_calendar


@dataclass(frozen=True)
class QueueFilters:
    lot: int | None = None
    company: int | None = None
    month: date | None = None
    structure: int | None = None
    followed: bool = False
    late: bool = False


def pending_statements(user) -> QuerySet:
    """Declarations waiting for a decision, among those the user may see."""
    return policy.visible_statements(user).filter(status=StatementStatus.SUBMITTED)


def after_deadline(month: date, calendar=None) -> datetime:
    """The first moment (MDE's time zone) after the day the hours of ``month`` were due."""
    deadline = (calendar or declaration_calendar()).deadline_of(month)
    return timezone.make_aware(datetime.combine(deadline + timedelta(days=1), time.min))


def late_q(months, calendar=None) -> Q:
    """Declarations sent after the MDE's deadline for their month (``deadline_day`` of the next month,
    « Calendrier des déclarations »): one condition per month of the queue, so a page never computes it
    row by row."""
    calendar = calendar or declaration_calendar()
    condition = Q(pk__in=[])
    for month in set(months):
        condition |= Q(month=month, declared_at__gte=after_deadline(month, calendar))
    return condition


def with_lateness(statements: QuerySet, calendar=None) -> QuerySet:
    """``is_late`` on each declaration of ``statements`` (``calendar``: the one the page already read)."""
    months = statements.order_by().values_list("month", flat=True).distinct()
    late = When(late_q(months, calendar), then=Value(True))
    return statements.annotate(is_late=Case(late, default=Value(False), output_field=BooleanField()))


QUEUE_ORDER = ("lot__market__operation__name", "lot__number", "lot_id", "month", "participant__person__last_name", "pk")


def filtered_queue(user, filters: QueueFilters, calendar=None) -> QuerySet:
    """The queue, filtered, grouped by lot (ordered by operation, lot, month, person); each declaration
    says whether it came after the deadline (``is_late``)."""
    statements = with_lateness(pending_statements(user), calendar)
    if filters.late:
        statements = statements.filter(is_late=True)
    if filters.lot:
        statements = statements.filter(lot_id=filters.lot)
    if filters.company:
        of_company = HoursStatement.objects.filter(
            Q(batch__company_id=filters.company)
            | Q(batch__isnull=True, contract__employer_id=filters.company)
            | Q(lot__lot_companies__company_id=filters.company)
        )
        statements = statements.filter(pk__in=of_company.values("pk"))
    if filters.month:
        statements = statements.filter(month=filters.month)
    if filters.structure:
        statements = statements.filter(lot__market__operation__structure_id=filters.structure)
    if filters.followed:
        statements = statements.filter(lot__market__operation__followers=user)
    return statements.select_related(
        "participant__person", "lot__market__operation__buyer", "contract__employer", "declared_by", "batch"
    ).order_by(*QUEUE_ORDER)


def queue_choices(user) -> dict:
    """The lots, companies, months and structures that have pending declarations (the filters' options)."""
    pending = pending_statements(user)
    lots = (
        Lot.objects.filter(pk__in=pending.values("lot"))
        .select_related("market__operation")
        .only("pk", "number", "label", "market__id", "market__operation__id", "market__operation__name")
        .order_by("market__operation__name", "number")
    )  # an option's label only: whole rows of hundreds of lots were most of the queue's time
    companies = Organisation.objects.filter(
        Q(pk__in=pending.values("contract__employer")) | Q(pk__in=pending.values("lot__lot_companies__company"))
    ).order_by("name")
    structures = Organisation.objects.filter(pk__in=pending.values("lot__market__operation__structure")).order_by(
        "name"
    )
    months = list(pending.order_by("-month").values_list("month", flat=True).distinct())
    return {
        "lots": list(lots),
        "companies": list(companies.only("pk", "name")),
        "structures": list(structures.only("pk", "name")),
        "months": months,
    }
