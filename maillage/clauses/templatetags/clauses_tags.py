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


@register.simple_tag(takes_context=True)
def clauses_tabs(context) -> dict:
    """Which tabs of the module the user may open: facilitators see the whole workflow; buyers, companies,
    elected officials and funders only the pages their role opens (never a tab that answers 403)."""
    from maillage.clauses import policies as policy

    user = context["request"].user
    facilitator = policy.is_facilitator(user)
    return {
        "facilitator": facilitator,
        "operations": facilitator or bool(policy.buyer_ids(user)) or bool(policy.company_ids(user)),
        "lots": policy.can_use_module(user),
        "bilans": policy.can_view_aggregates(user),
        "company": bool(policy.company_ids(user)) and not facilitator,
    }
