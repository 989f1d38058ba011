"""Retention of referral data (DOMAIN.md §7): attachments deleted six months after closing, the referred
person's part anonymised two years after the last referral closed (or was sent)."""

from datetime import datetime, timedelta

from django.db.models import Max, Q
from django.db.models.functions import Coalesce

from .models import ReferralAttachment, ReferredPerson

ATTACHMENTS_AFTER = timedelta(days=183)
ANONYMISE_AFTER = timedelta(days=730)


def purge(now: datetime, dry_run: bool) -> dict[str, int]:
    attachments = ReferralAttachment.objects.filter(
        referral__closed_at__isnull=False, referral__closed_at__lt=now - ATTACHMENTS_AFTER
    )
    people = (
        ReferredPerson.objects.filter(anonymised_at__isnull=True)
        .annotate(last=Max(Coalesce("referrals__closed_at", "referrals__sent_at")))
        .filter(Q(last__lt=now - ANONYMISE_AFTER))
        .exclude(referrals__status="sent")
    )
    counts = {"pièces jointes d'orientation": attachments.count(), "personnes orientées anonymisées": people.count()}
    if dry_run:
        return counts
    for attachment in attachments:
        attachment.file.delete(save=False)
        attachment.delete()
    for referred in people.select_related("person"):
        _anonymise(referred, now)
    return counts


def _anonymise(referred: ReferredPerson, now: datetime) -> None:
    """The referral counts stay; who the person was does not. The shared Person is anonymised only when
    no other module part points to it."""
    person = referred.person
    referred.anonymised_at = now
    referred.save(update_fields=["anonymised_at"])
    referred.referrals.update(message="", answer_note="")
    others = [rel for rel in person._meta.related_objects if rel.related_model is not ReferredPerson]
    still_used = any(rel.related_model.objects.filter(**{rel.field.name: person}).exists() for rel in others)
    if not still_used:
        person.first_name, person.last_name = "Personne", "anonymisée"
        person.email, person.phone, person.birth_date, person.commune = "", "", None, None
        person.save()
