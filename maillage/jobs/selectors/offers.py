"""Reads of offers, scoped by ``policies.jobs``."""

from django.db.models import Count, Q

from maillage.jobs import policies as policy

from ..models import Offer
from ..text import normalise


def offers_for(user, *, query: str = "", contract: str = "", status: str = "", shortage: bool = False, source=""):
    offers = policy.visible_offers(user).select_related("appellation", "commune", "establishment")
    if query:
        words = normalise(query).split()
        for word in words:
            offers = offers.filter(
                Q(title__icontains=word)
                | Q(rome_code__iexact=word)
                | Q(appellation__search_label__contains=word)
                | Q(company_name__icontains=word)
                | Q(establishment__name__icontains=word)
            )
    if contract:
        offers = offers.filter(contract_type=contract)
    if status:
        offers = offers.filter(status=status)
    if shortage:
        offers = offers.filter(is_shortage=True)
    if source:
        offers = offers.filter(source=source)
    return offers.annotate(application_count=Count("applications", distinct=True)).order_by("-created_at", "-id")


def offer_skills(offer: Offer) -> list:
    return list(offer.skills.order_by("label"))
