"""Calendar arithmetic that works on any date (29 February included): months and years, never days × 365."""

import calendar
from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the month's last day (31/01 + 1 → 28 or 29/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier; 29 February becomes 28 February in a common year."""
    return add_months(day, -12 * years)


def lasts_six_months(start: date, end: date | None) -> bool:
    """A CDD lasting six calendar months or more: 01/01–30/06 counts (end on the eve of start + 6 months)."""
    if end is None:
        return True
    return end >= add_months(start, 6) - _ONE_DAY
