"""Retention of company contacts (personal data of professionals), run by ``enforce_retention``.

- a contact marked as having left the establishment is deleted one year after that change;
- any other contact is deleted three years after the last sign of the relation: the contact's
  own last change and the establishment's last interaction, whichever is later (the period CNIL
  recommends for B2B prospecting data).

Both periods can be changed in the settings (``COMPANY_CONTACT_*_RETENTION_DAYS``).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef

from .models import Contact, Interaction


def purge(now: datetime, dry_run: bool) -> dict[str, int]:
    left_days = getattr(settings, "COMPANY_CONTACT_LEFT_RETENTION_DAYS", 365)
    idle_days = getattr(settings, "COMPANY_CONTACT_IDLE_RETENTION_DAYS", 3 * 365)
    left_cutoff = now - timedelta(days=left_days)
    idle_cutoff = now - timedelta(days=idle_days)
    recent_interaction = Interaction.objects.filter(
        establishment=OuterRef("establishment"), date__gte=idle_cutoff.date()
    )
    left = Contact.objects.filter(is_active=False, updated_at__lt=left_cutoff)
    idle = Contact.objects.filter(is_active=True, updated_at__lt=idle_cutoff).exclude(Exists(recent_interaction))
    counts = {"contacts partis de l'entreprise": left.count(), "contacts sans relation depuis 3 ans": idle.count()}
    if not dry_run:
        left.delete()
        idle.delete()
    return counts
