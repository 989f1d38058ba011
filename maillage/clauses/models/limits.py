"""Bounds of every number of the module: one place for the forms, serializers, model validators and the
database constraints, so that no request can store a value a column cannot hold (or a bilan cannot read).
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator

ZERO = Decimal("0")
# Amounts excl. tax: the largest French public contracts stay far below 10 bn €.
MAX_AMOUNT = Decimal("10000000000")
# Insertion hours of one lot: 2 M h ≈ 1,250 full-time equivalents for a year.
MAX_TARGET_HOURS = Decimal("2000000")
# Hours of one person in one month on one contract (31 days × 24 h: a hard ceiling; the plausible
# maximum across contracts is a territory setting, see CountingRule.monthly_plausible_max).
MAX_MONTH_HOURS = Decimal("744")
# Amount invoiced in one month by a sub-contracting structure.
MAX_MONTH_AMOUNT = Decimal("1000000000")
MAX_HOURLY_COST = Decimal("1000")
MAX_EUROS_PER_HOUR = Decimal("1000000")
MAX_PENALTY_PER_HOUR = Decimal("10000")
MAX_PERCENT = Decimal("100")
MAX_FTE = Decimal("50")


def between(low, high) -> list:
    return [MinValueValidator(low), MaxValueValidator(high)]


def amount_validators() -> list:
    return between(ZERO, MAX_AMOUNT)


def percent_validators() -> list:
    return between(ZERO, MAX_PERCENT)


def in_range_q(field: str, low, high, *, nullable: bool = True):
    """``Q`` of a CheckConstraint: the column is NULL (when allowed) or within [low, high]."""
    from django.db.models import Q

    condition = Q(**{f"{field}__gte": low, f"{field}__lte": high})
    return condition | Q(**{f"{field}__isnull": True}) if nullable else condition


def fr_number(value) -> str:
    """A bound as French users read it: ``2 000 000`` (narrow no-break spaces), decimals with a comma."""
    value = Decimal(value)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return text.replace(",", "\u202f").replace(".", ",")
