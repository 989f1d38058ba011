"""Retention: people registered without an account are deleted 12 months after their last event,
unless they are in a follow-up path (``Registrant.follow_up``).

The events module's part is anonymised (the registrations stay, without a person, so the yearly
figures hold); the shared ``people.Person`` is deleted when no other module holds a part of it.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max, Q

from maillage.people.parts import other_parts_exist

from .models import Registrant

RETENTION_DAYS = 365


def expired_registrants(now: datetime):
    cutoff = (now - timedelta(days=RETENTION_DAYS)).date()
    return (
        Registrant.objects.filter(user__isnull=True, follow_up=False, anonymised_at__isnull=True)
        .annotate(last_event=Max("registrations__event__start_date"))
        .filter(
            Q(last_event__lt=cutoff) | Q(last_event__isnull=True, created_at__lt=now - timedelta(days=RETENTION_DAYS))
        )
    )


def purge(now: datetime, dry_run: bool) -> dict[str, int]:
    registrants = list(expired_registrants(now).select_related("person")[:10_000])
    persons_deleted = 0
    if not dry_run:
        for registrant in registrants:
            with transaction.atomic():
                person = registrant.person
                shared = person is not None and other_parts_exist(person, registrant)
                Registrant.objects.filter(pk=registrant.pk).update(
                    person=None, anonymised_at=now, invitations_consent=False
                )
                if person is not None and not shared:
                    person.delete()
                    persons_deleted += 1
    return {
        "inscrits aux événements anonymisés (12 mois)": len(registrants),
        "personnes supprimées": persons_deleted if not dry_run else 0,
    }
