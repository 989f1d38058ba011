"""Layout helpers that keep pages free of style= attributes (strict Content-Security-Policy)."""

from django import template

register = template.Library()


@register.filter
def bar_class(percent) -> str:
    """« bar-37 » for 37 %: the class that sets a progress bar's width (static/css/maillage.css),
    clamped to 0–100, 0 for a missing or unreadable value."""
    try:
        width = round(float(percent or 0))
    except (TypeError, ValueError):
        width = 0
    return f"bar-{max(0, min(100, width))}"
