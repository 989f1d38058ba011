"""Figures of the social-clauses module over any period and territory, for the steering indicators.

Same rules as the bilans (``bilans.py``): counted hours of validated statements; a statement belongs
to the month it covers and to the territory (EPCI) of its lot.
"""

from datetime import date

from django.db.models import Count, Sum

from ..models import HoursStatement, StatementStatus
from .counting import counted_hours


def period_figures(*, start: date, end: date, epci_codes: tuple[str, ...] = ()) -> dict:
    """Counted hours, people and employers with validated hours whose month lies in [start, end]."""
    statements = HoursStatement.objects.filter(
        status=StatementStatus.VALIDATED, month__gte=start.replace(day=1), month__lte=end
    )
    if epci_codes:
        statements = statements.filter(lot__epci_id__in=epci_codes)
    figures = statements.aggregate(
        hours=Sum(counted_hours()),
        people=Count("participant_id", distinct=True),
        companies=Count("contract__employer_id", distinct=True),
    )
    return {
        "hours": round(float(figures["hours"] or 0), 1),
        "people": figures["people"],
        "companies": figures["companies"],
    }
