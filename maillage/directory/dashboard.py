"""Home-dashboard cards of the directory (each respecting the module's policies)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from maillage.common_text import count_of, group_thousands
from maillage.kernel.plugins import Card, PublicLink

from . import policies
from .models import Referral, ReferralStatus, Service
from .selectors import stale_structures


def cards(user) -> list[Card]:
    if not getattr(user, "is_authenticated", False):
        return []
    result = []
    visible = policies.referrals_visible_to(user)
    waiting = visible.filter(status=ReferralStatus.SENT).count()
    if policies.can_refer(user) or waiting:
        result.append(
            Card(
                "Orientations en attente de réponse",
                waiting,
                "envoyées ou reçues par votre structure",
                reverse("directory:referral_list"),
                alert=waiting > 0,
            )
        )
    if policies.is_mde_staff(user):
        stale = stale_structures().count()
        result.append(
            Card(
                "Fiches de l'annuaire à vérifier",
                stale,
                f"non vérifiées depuis six mois, sur {Service.objects.filter(is_active=True).count()} services",
                reverse("directory:structure_list") + "?a_verifier=1",
                alert=stale > 0,
            )
        )
    if policies.can_view_counts(user) and not policies.can_refer(user):
        result.append(_year_card())
    return result


def _year_card() -> Card:
    """For those who follow the figures (elected officials, funders): this year's referrals and their outcome."""
    year = timezone.localdate().year
    counts = Referral.objects.filter(sent_at__year=year).aggregate(
        total=Count("pk"),
        accepted=Count("pk", filter=Q(status=ReferralStatus.ACCEPTED)),
        waiting=Count("pk", filter=Q(status=ReferralStatus.SENT)),
    )
    caption = f"dont {count_of(counts['accepted'], 'acceptée')}, {group_thousands(counts['waiting'])} en attente"
    return Card(f"Orientations en {year}", counts["total"], caption, reverse("directory:counts"))


def public_links() -> list[PublicLink]:
    """For a visitor: the questionnaire that finds the programmes they may use, and why."""
    return [
        PublicLink(
            "Trouver un accompagnement près de chez vous",
            reverse("directory:questionnaire"),
            ": quelques questions, et les dispositifs du territoire qui peuvent vous convenir, avec la raison.",
            order=30,
        )
    ]
