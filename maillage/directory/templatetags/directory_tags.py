"""Template helpers of the directory: the module's tabs (by policy) and distances."""

from django import template

from .. import policies

register = template.Library()


@register.inclusion_tag("directory/_nav.html", takes_context=True)
def directory_nav(context):
    request = context["request"]
    user = request.user
    return {
        "name": request.resolver_match.url_name if request.resolver_match else "",
        "authenticated": user.is_authenticated,
        "can_import": policies.can_import(user),
        "is_staff": policies.is_mde_staff(user),
        "can_counts": policies.can_view_counts(user),
        "can_referrals": policies.can_list_referrals(user),
    }


@register.filter
def km(value):
    if value is None:
        return ""
    return f"{value:.1f}".replace(".", ",") + " km"
