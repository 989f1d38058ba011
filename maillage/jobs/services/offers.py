"""Create and change offers; keep their denormalised fields (ROME code, coordinates, shortage flag)."""

from django.db import transaction
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction

from ..models import Offer
from ..tension import is_shortage

OFFER_FIELDS = (
    "title",
    "description",
    "appellation",
    "contract_type",
    "contract_duration_months",
    "hours_label",
    "weekly_hours",
    "working_time",
    "start_date",
    "positions",
    "commune",
    "establishment",
    "company_name",
    "is_little_known",
    "status",
)


def refresh_denormalised(offer: Offer) -> None:
    """ROME code and coordinates from the appellation and commune; shortage flag unless set by hand."""
    fiche = offer.appellation.fiche if offer.appellation_id else None
    offer.rome_code = fiche.code if fiche else ""
    if offer.commune_id and offer.commune.latitude is not None:
        offer.latitude, offer.longitude = offer.commune.latitude, offer.commune.longitude
        offer.place_label = offer.place_label or offer.commune.name
    if not offer.is_shortage_manual:
        offer.is_shortage = is_shortage(fiche)


@transaction.atomic
def save_offer(*, user, offer: Offer | None = None, data: dict, skills=None, shortage_override=None) -> Offer:
    """Create (``offer`` None) or change an offer from validated form data.

    ``shortage_override`` (True/False) sets the "métier en tension" flag by hand; ``None`` leaves it
    to the DARES file (tension.py).
    """
    creating = offer is None
    offer = offer or Offer(created_by=user if getattr(user, "is_authenticated", False) else None)
    for field in OFFER_FIELDS:
        if field in data:
            setattr(offer, field, data[field])
    if shortage_override is not None:
        offer.is_shortage_manual = True
        offer.is_shortage = bool(shortage_override)
    refresh_denormalised(offer)
    offer.full_clean(exclude=["skills"])
    offer.save()
    if skills is not None:
        offer.skills.set(skills)
        Offer.objects.filter(pk=offer.pk).update(updated_at=timezone.now())
    audit.record_instance(user, AuditAction.CREATE if creating else AuditAction.UPDATE, offer)
    return offer
