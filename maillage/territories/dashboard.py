"""Home card of the territories module: the map of the perimeter, for elected officials and funders."""

from django.urls import reverse

from maillage.accounts.policies import Perm, has_perm, is_manager
from maillage.kernel.mde import perimeter_codes
from maillage.kernel.plugins import Card


def cards(user) -> list[Card]:
    """Readers of the territory's figures who are not staff (elected officials, funders) start from the map."""
    if not has_perm(user, Perm.VIEW_AGGREGATES) or is_manager(user) or has_perm(user, Perm.VIEW_PERSONAL_DATA):
        return []
    return [
        Card(
            "Carte du territoire",
            len(perimeter_codes()),
            "EPCI du périmètre, communes et chiffres clés",
            reverse("territories:perimeter"),
            priority=15,
        )
    ]
