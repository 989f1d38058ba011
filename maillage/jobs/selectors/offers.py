"""Reads of offers, scoped by ``policies.jobs``."""

from django.db.models import Count

from maillage.common_search import filter_queryset
from maillage.jobs import policies as policy

from ..models import Offer, OfferStatus


def offers_for(user, *, query: str = "", contract: str = "", status: str = "", shortage: bool = False, source=""):
    offers = policy.visible_offers(user).select_related("appellation", "commune", "establishment")
    if query:
        # Natural wording: accents, case, stop words and inflections do not matter (common_search);
        # a ROME code typed alone is matched as such.
        code = query.strip().upper()
        if len(code) == 5 and code[0].isalpha() and code[1:].isdigit():
            offers = offers.filter(rome_code=code)
        else:
            offers = filter_queryset(offers, query)
    if contract:
        offers = offers.filter(contract_type=contract)
    if status:
        offers = offers.filter(status=status)
    if shortage:
        offers = offers.filter(is_shortage=True)
    if source:
        offers = offers.filter(source=source)
    return offers.annotate(application_count=Count("applications", distinct=True)).order_by("-created_at", "-id")


def published_offer_count(rome_code: str) -> int:
    """Published offers of a ROME fiche, whoever asks (a count, no detail)."""
    return Offer.objects.filter(rome_code=rome_code, status=OfferStatus.PUBLISHED).count()


def offer_skills(offer: Offer) -> list:
    return list(offer.skills.order_by("label"))
