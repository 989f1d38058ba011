"""Retention of referral data (DOMAIN.md §7): attachments deleted six months after closing, the referred
person's part anonymised two years after the last referral closed (or was sent). And the files uploaded for
an import never applied, a week after their last use (each use of the mapping page renews a file)."""

from datetime import datetime, timedelta

from django.db.models import Max, Q
from django.db.models.functions import Coalesce

from maillage.kernel import stored_files
from maillage.people.parts import anonymise_identity

from .importers import PENDING_DIR
from .models import ReferralAttachment, ReferredPerson

ATTACHMENTS_AFTER = timedelta(days=183)
ANONYMISE_AFTER = timedelta(days=730)
PENDING_KEPT = timedelta(days=7)


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
    counts = {
        "pièces jointes d'orientation": attachments.count(),
        "personnes orientées anonymisées": people.count(),
        "fichiers déposés pour un import de l'annuaire non confirmé": stored_files.purge_unused(
            PENDING_DIR, before=now - PENDING_KEPT, dry_run=dry_run
        ),
    }
    if dry_run:
        return counts
    for attachment in attachments:
        attachment.file.delete(save=False)
        attachment.delete()
    for referred in people.select_related("person"):
        _anonymise(referred, now)
    return counts


def _anonymise(referred: ReferredPerson, now: datetime) -> None:
    """The referral counts stay; who the person was does not. Another module's part of the same person
    keeps the shared identity (``people.parts.anonymise_identity``)."""
    anonymise_identity(referred, last_name="anonymisée", first_name="Personne")
    referred.save_person()
    referred.anonymised_at = now
    referred.save()
    referred.referrals.update(message="", answer_note="")
