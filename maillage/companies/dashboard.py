"""Home-dashboard cards of company relations (its ``dashboard`` hook, declared in ``module.py``)."""

import datetime

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone

from maillage.common_text import count_of, plural
from maillage.companies import policies as policy
from maillage.kernel.plugins import Card

from .models import OPEN_NEED_STATUSES
from .selectors import aggregates, followups_due


def _followup_cards(user) -> list[Card]:
    """A manager follows the team's follow-ups; a facilitator or a partner their own only (a partner
    who never met a company saw « 75 relances, dont 75 en retard » of other people's as an alert)."""
    manager = policy.is_manager(user)
    author = None if manager else user
    due = followups_due(user, author=author).aggregate(n=Count("pk"))["n"]
    if not due and not manager:
        return []
    overdue = followups_due(user, until=timezone.localdate() - datetime.timedelta(days=1), author=author).count()
    url = reverse("companies:followups_due") + ("" if manager else "?moi=1")
    return [
        Card(
            "Relances entreprises" if manager else "Vos relances entreprises",
            due,
            f"dont {overdue} en retard" if overdue else "à faire aujourd'hui",
            url,
            alert=overdue > 0,
        )
    ]


def cards(user) -> list[Card]:
    if policy.is_reader(user):
        stats = aggregates(user)
        return [
            *_followup_cards(user),
            Card(
                "Postes à pourvoir",
                stats["open_positions"],
                f"{count_of(stats['open_needs'], 'besoin de recrutement ouvert', 'besoins de recrutement ouverts')}",
                reverse("companies:need_list"),
            ),
        ]
    if policy.company_organisation_ids(user):
        needs = policy.visible_needs(user).filter(status__in=OPEN_NEED_STATUSES)
        totals = needs.aggregate(n=Count("pk"), positions=Sum("positions"))
        return [
            Card(
                "Vos besoins de recrutement",
                totals["positions"] or 0,
                f"{plural(totals['positions'] or 0, 'poste')} à pourvoir ({count_of(totals['n'], 'besoin ouvert')})",
                reverse("companies:establishment_list"),
            )
        ]
    if policy.can_view_aggregates(user):
        stats = aggregates(user)
        return [
            Card(
                "Postes à pourvoir dans les entreprises",
                stats["open_positions"],
                f"{count_of(stats['establishments'], 'établissement suivi')}",
                reverse("companies:overview"),
            )
        ]
    return []
