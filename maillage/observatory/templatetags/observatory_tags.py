from django import template
from django.utils.html import format_html

register = template.Library()


def _fr(value, digits: int = 0) -> str:
    text = f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")
    return text


@register.filter
def figure(value, digits=0):
    """A figure in French notation; a masked (``None``) figure says it is secret, not missing."""
    if value is None:
        return format_html('<abbr title="{}" class="secret">s</abbr>', "secret statistique : effectif trop faible")
    try:
        return _fr(float(value), int(digits))
    except (TypeError, ValueError):
        return value


@register.filter
def pct(value):
    if value is None:
        return "–"
    return f"{_fr(float(value), 1)}\u00a0%"


@register.filter
def signed(value):
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + f"{_fr(float(value), 1)}\u00a0%"


@register.filter
def weight_pct(value):
    return f"{_fr(100 * float(value), 1)}\u00a0%"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, []) if hasattr(mapping, "get") else []
