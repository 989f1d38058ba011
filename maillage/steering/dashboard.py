"""Home cards of the steering module (``module.py``: dashboard)."""

from datetime import date

from django.urls import reverse

from maillage.kernel.plugins import Card

from . import policies, services
from .selectors import plan as selectors


def cards(user) -> list[Card]:
    if not policies.can_steer(user):
        return []
    year = date.today().year
    summary = selectors.funding_summary(year)
    result = [
        Card(
            "Décisions à suivre",
            selectors.open_follow_ups().count(),
            "actions de suivi des instances non terminées",
            reverse("steering:follow_up_list"),
        ),
        Card(
            "Conventions à renouveler",
            len(services.conventions_to_renew()),
            "dans leur délai d'alerte",
            reverse("steering:convention_list"),
        ),
    ]
    if summary.state_share is not None:
        result.append(
            Card(
                f"Part de l'État {year}",
                f"{summary.state_share_percent}\u00a0%".replace(".", ","),
                "au-delà du plafond de 60 %" if summary.state_over_limit else "plafond : 60 % du budget",
                reverse("steering:funding"),
                alert=summary.state_over_limit,
            )
        )
    return result
