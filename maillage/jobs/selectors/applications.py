"""Reads of applications and aggregates, scoped by ``policies.jobs``."""

from django.db.models import Count, Q

from maillage.jobs import policies as policy

from ..models import Application, ApplicationState, Candidate, ContractType, Offer, OfferStatus


def applications_for(user, *, state: str = "", offer=None, candidate=None, followed: bool = False):
    """``followed``: only the candidates followed by the user's structures (a counsellor's own people)."""
    applications = policy.visible_applications(user).select_related(
        "offer", "offer__establishment", "candidate__person", "candidate__commune"
    )
    if followed:
        applications = applications.filter(candidate__organisation_id__in=policy.professional_organisation_ids(user))
    if state:
        applications = applications.filter(state=state)
    if offer is not None:
        applications = applications.filter(offer=offer)
    if candidate is not None:
        applications = applications.filter(candidate=candidate)
    return applications


def aggregates() -> dict:
    """Counts without personal data (for viewers, the dashboard and reports)."""
    offers = Offer.objects.aggregate(
        total=Count("id"),
        open=Count("id", filter=Q(status=OfferStatus.PUBLISHED)),
        shortage=Count("id", filter=Q(status=OfferStatus.PUBLISHED, is_shortage=True)),
        little_known=Count("id", filter=Q(status=OfferStatus.PUBLISHED, is_little_known=True)),
    )
    candidates = Candidate.objects.filter(anonymised_at__isnull=True).aggregate(
        total=Count("id"), searching=Count("id", filter=Q(is_searching=True))
    )
    by_state = dict(Application.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    states = [(label, by_state.get(value, 0)) for value, label in ApplicationState.choices]
    by_contract = list(
        Offer.objects.filter(status=OfferStatus.PUBLISHED)
        .values("contract_type")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    labels = dict(ContractType.choices)
    for row in by_contract:
        row["label"] = labels.get(row["contract_type"], row["contract_type"])  # French label, never a code
    return {"offers": offers, "candidates": candidates, "applications_by_state": states, "by_contract": by_contract}
