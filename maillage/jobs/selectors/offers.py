"""Reads of offers, scoped by ``policies.jobs``."""

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, Value

from maillage.common_search import filter_queryset
from maillage.jobs import policies as policy

from ..models import Application, Offer, OfferStatus


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
    return _with_application_figures(offers, user).order_by("-created_at", "-id")


def _with_application_figures(offers, user):
    """What a list may say of each offer's applications, as the offer page does.

    ``application_count`` counts only the applications the user may see (all for a manager, a
    partner's own candidates', a company's on its own offers); ``counts_shown`` says whether the list
    shows it (professionals; a company on its own offers only: it saw how many applied to its
    competitors); ``applied`` tells a job seeker the offers she has applied to."""
    if policy.is_manager(user):
        count = Count("applications", distinct=True)
    else:
        count = Count("applications", filter=Q(applications__in=policy.visible_applications(user)), distinct=True)
    own = policy.company_organisation_ids(user)
    if policy.is_professional(user):
        counts_shown = Value(True, output_field=BooleanField())
    elif own:
        counts_shown = ExpressionWrapper(Q(establishment__organisation_id__in=own), output_field=BooleanField())
    else:
        counts_shown = Value(False, output_field=BooleanField())
    profile = policy.candidate_profile(user)
    applied = (
        Exists(Application.objects.filter(offer=OuterRef("pk"), candidate_id=profile.pk))
        if profile is not None
        else Value(False, output_field=BooleanField())
    )
    return offers.annotate(application_count=count, counts_shown=counts_shown, applied=applied)


def published_offer_count(rome_code: str) -> int:
    """Published offers of a ROME fiche, whoever asks (a count, no detail)."""
    return Offer.objects.filter(rome_code=rome_code, status=OfferStatus.PUBLISHED).count()


def offer_skills(offer: Offer) -> list:
    return list(offer.skills.order_by("label"))
