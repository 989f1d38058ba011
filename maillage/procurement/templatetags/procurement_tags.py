"""Number formats of the radar: compact euro amounts and percentages, French style."""

from decimal import Decimal

from django import template

from maillage.common_text import group_thousands

register = template.Library()

NBSP = "\u00a0"


def _group(number: int) -> str:
    return group_thousands(number)


@register.filter
def euros(value) -> str:
    """1 234 567 → « 1,2 M€ »; below a million, « 45 300 € »."""
    if value in (None, ""):
        return "–"
    amount = float(value) if isinstance(value, Decimal | int | float) else float(str(value))
    if abs(amount) >= 1e9:
        return f"{amount / 1e9:.1f}".replace(".", ",") + f"{NBSP}Md€"
    if abs(amount) >= 1e6:
        return f"{amount / 1e6:.1f}".replace(".", ",") + f"{NBSP}M€"
    return f"{_group(round(amount))}{NBSP}€"


@register.filter
def pct(value) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", ",") + f"{NBSP}%"


@register.filter
def number(value) -> str:
    if value in (None, ""):
        return "–"
    return _group(int(value))


@register.simple_tag
def share_badge(share):
    """The CSS class of a share of contracts with a social consideration."""
    if share is None:
        return "text-bg-secondary"
    if share == 0:
        return "text-bg-danger"
    if share < 10:
        return "text-bg-warning"
    if share < 30:
        return "text-bg-info"
    return "text-bg-success"
