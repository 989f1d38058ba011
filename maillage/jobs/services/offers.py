"""Create and change offers; keep their denormalised fields (ROME code, coordinates, shortage flag)."""

from django.db import transaction
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.referentials.tension import is_shortage

from ..models import Offer
from ..search import refresh_offers

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
    to the DARES file (``maillage.referentials.tension``).
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
    refresh_offers(ids=[offer.pk])
    audit.record_instance(user, AuditAction.CREATE if creating else AuditAction.UPDATE, offer)
    return offer


# A company's recruitment need (companies.RecruitmentNeed) uses its own contract codes.
NEED_CONTRACTS = {
    "cdi": "CDI",
    "cdd": "CDD",
    "interim": "MIS",
    "apprentissage": "ALT",
    "professionnalisation": "ALT",
    "saisonnier": "SAI",
    "cddi": "CUI",
}


@transaction.atomic
def offer_from_need(*, user, need) -> Offer:
    """Publish an offer for a company's recruitment need (DOMAIN.md §4), to match candidates on it.

    One offer per need: a second call returns the existing one. A need for a shortage or
    little-known job carries its reason over to the offer's flags.
    """
    external_id = f"besoin-{need.pk}"
    existing = Offer.objects.filter(source="local", external_id=external_id).first()
    if existing:
        return existing
    establishment = need.establishment
    reason = str(getattr(need, "reason", "") or "")
    offer = save_offer(
        user=user,
        data={
            "title": need.appellation.label,
            "description": getattr(need, "notes", "") or "",
            "appellation": need.appellation,
            "contract_type": NEED_CONTRACTS.get(need.contract_type, "CDI"),
            "positions": max(1, need.positions - getattr(need, "positions_filled", 0)),
            "start_date": getattr(need, "wanted_by", None),
            "commune": establishment.commune,
            "establishment": establishment,
            "is_little_known": "meconnu" in reason,
        },
        shortage_override=True if "tension" in reason or "penurie" in reason else None,
    )
    offer.external_id = external_id
    offer.save(update_fields=["external_id", "updated_at"])
    return offer
