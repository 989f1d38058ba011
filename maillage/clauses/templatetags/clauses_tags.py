from django import template

register = template.Library()


@register.filter
def bar_width(rate) -> int:
    """Width (0–100) of a progress bar for a completion rate."""
    try:
        return max(0, min(100, round(float(rate or 0))))
    except (TypeError, ValueError):
        return 0


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
