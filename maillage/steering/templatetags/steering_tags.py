from django import template

from ..selectors.reporting import format_value

register = template.Library()


@register.filter
def num(value):
    """Numbers as the PDF and the exports print them (« 1 234,5 »)."""
    return format_value(value)


@register.filter
def secret(value):
    """Statistical secrecy on the public dashboard: a masked figure reads « secret »."""
    return "secret" if value is None else format_value(value)
