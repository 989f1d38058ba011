from django import template

from maillage.jobs import policies as policy

register = template.Library()


@register.inclusion_tag("jobs/_nav.html", takes_context=True)
def jobs_nav(context, section=""):
    user = context["request"].user
    return {
        "section": section,
        "nav": {
            "candidates": policy.can_list_candidates(user),
            "applications": policy.can_list_applications(user),
            "profile": policy.candidate_profile(user) is not None,
            "statistics": policy.can_view_aggregates(user),
        },
    }
