"""Interview slots: never double-booked.

A booking is one conditional UPDATE (``booked_by IS NULL``) on a row locked with
``select_for_update``; a partial unique constraint allows one slot per person and stand. Two people
clicking the same slot at the same instant: one gets it, the other is told it was just taken.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..choices import RegistrationStatus
from ..models import InterviewSlot, Registration, Stand
from . import EventsError, SlotTaken


def create_slots(
    *,
    stand: Stand,
    starts_at,
    count: int,
    duration_minutes: int,
    channel: str,
    recruiter: str = "",
    location: str = "",
    video_url: str = "",
) -> list[InterviewSlot]:
    """``count`` consecutive slots from ``starts_at`` (existing ones at the same time are kept)."""
    if not 1 <= count <= 60:
        raise EventsError("Entre 1 et 60 créneaux à la fois.")
    created = []
    with transaction.atomic():
        for index in range(count):
            slot = InterviewSlot(
                stand=stand,
                starts_at=starts_at + timezone.timedelta(minutes=index * duration_minutes),
                duration_minutes=duration_minutes,
                channel=channel,
                recruiter=recruiter,
                location=location,
                video_url=video_url,
            )
            slot.full_clean(validate_constraints=False)
            _slot, made = InterviewSlot.objects.get_or_create(
                stand=stand,
                starts_at=slot.starts_at,
                recruiter=recruiter,
                defaults={f: getattr(slot, f) for f in ("duration_minutes", "channel", "location", "video_url")},
            )
            if made:
                created.append(_slot)
    return created


def _active_registration(registration: Registration, slot: InterviewSlot) -> None:
    if registration.status != RegistrationStatus.REGISTERED or registration.event_id != slot.stand.event_id:
        raise EventsError("Il faut être inscrit à l'événement pour réserver un entretien.")
    if slot.starts_at < timezone.now():
        raise EventsError("Ce créneau est passé.")


def book(*, registration: Registration, slot_id: int) -> InterviewSlot:
    """Book a free slot for the registrant (one slot per stand; ``SlotTaken`` if someone was faster)."""
    try:
        with transaction.atomic():
            slot = InterviewSlot.objects.select_for_update().select_related("stand").get(pk=slot_id)
            _active_registration(registration, slot)
            if slot.booked_by_id == registration.registrant_id:
                return slot
            taken = InterviewSlot.objects.filter(pk=slot.pk, booked_by__isnull=True).update(
                booked_by=registration.registrant_id, booked_at=timezone.now()
            )
            if not taken:
                raise SlotTaken("Ce créneau vient d'être réservé par quelqu'un d'autre : choisissez-en un autre.")
    except IntegrityError as exc:
        raise EventsError(
            "Vous avez déjà un entretien avec ce recruteur : changez-le plutôt que d'en réserver un second."
        ) from exc
    except InterviewSlot.DoesNotExist as exc:
        raise EventsError("Ce créneau n'existe pas.") from exc
    slot.refresh_from_db()
    return slot


def reschedule(*, registration: Registration, old_slot_id: int, new_slot_id: int) -> InterviewSlot:
    """Move to another free slot of the same stand in one transaction (the old one is kept on failure)."""
    with transaction.atomic():
        old = InterviewSlot.objects.select_for_update().get(pk=old_slot_id, booked_by=registration.registrant_id)
        new = InterviewSlot.objects.select_for_update().select_related("stand").get(pk=new_slot_id)
        if new.stand_id != old.stand_id:
            raise EventsError("Choisissez un créneau du même recruteur.")
        _active_registration(registration, new)
        InterviewSlot.objects.filter(pk=old.pk).update(booked_by=None, booked_at=None)
        taken = InterviewSlot.objects.filter(pk=new.pk, booked_by__isnull=True).update(
            booked_by=registration.registrant_id, booked_at=timezone.now()
        )
        if not taken:
            raise SlotTaken("Ce créneau vient d'être réservé par quelqu'un d'autre : choisissez-en un autre.")
    new.refresh_from_db()
    return new


def cancel_booking(*, registration: Registration, slot_id: int) -> bool:
    return bool(
        InterviewSlot.objects.filter(pk=slot_id, booked_by=registration.registrant_id).update(
            booked_by=None, booked_at=None
        )
    )
