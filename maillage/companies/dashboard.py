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


def cards(user) -> list[Card]:
    if policy.is_reader(user):
        due = followups_due(user).aggregate(n=Count("pk"))["n"]
        overdue = followups_due(user, until=timezone.localdate() - datetime.timedelta(days=1)).count()
        stats = aggregates(user)
        return [
            Card(
                "Relances entreprises",
                due,
                f"dont {overdue} en retard" if overdue else "à faire aujourd'hui",
                reverse("companies:followups_due"),
                alert=overdue > 0,
            ),
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
