"""Registrations: capacity held by the database under concurrent requests.

A place is taken by one conditional UPDATE (``registered < capacity``) on the event's counter,
inside the transaction that inserts the registration; CHECK constraints forbid a counter above the
capacity and a unique constraint one registration per person and event. A refused insert rolls
the counter back with it. Python never decides alone that there is room.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.kernel import ratelimit
from maillage.people.models import Person, identity_key

from ..choices import AttendanceMode, EventStatus, RegistrationStatus
from ..models import Event, Registrant, Registration
from . import EventFull, EventsError

COUNTERS = {
    AttendanceMode.ON_SITE: ("registered_on_site", "capacity_on_site"),
    AttendanceMode.REMOTE: ("registered_remote", "capacity_remote"),
}


def _find_or_create_person(*, first_name, last_name, email, phone="", commune=None) -> Person:
    """One person, one file: the same names (whatever the accents or case) and e-mail are the same
    person, whichever module met them first (a job candidate registering to a fair stays one person)."""
    prefix = identity_key(last_name, first_name, None)  # "nom|prénom|": any birth date
    person = (
        Person.objects.filter(identity_key__startswith=prefix, email__iexact=email).order_by("pk").first()
        if email
        else None
    )
    if person is None:
        person = Person(first_name=first_name, last_name=last_name, email=email, phone=phone, commune=commune)
        person.full_clean()
        person.save()
    else:
        changed = []
        if phone and not person.phone:
            person.phone, changed = phone, changed + ["phone"]
        if commune and not person.commune_id:
            person.commune, changed = commune, changed + ["commune"]
        if changed:
            person.save(update_fields=[*changed, "updated_at"])
    return person


def _registrant_for(person: Person, *, invitations_consent: bool, public: str, registered_by=None, user=None):
    registrant, created = Registrant.objects.get_or_create(
        person=person,
        defaults={
            "consent_at": timezone.now(),
            "invitations_consent": invitations_consent,
            "public": public,
            "registered_by": registered_by,
            "user": user,
        },
    )
    if not created:
        fields = ["consent_at"]
        registrant.consent_at = timezone.now()
        if user is not None and registrant.user_id is None:
            registrant.user, fields = user, fields + ["user"]
        if invitations_consent and not registrant.invitations_consent:
            registrant.invitations_consent = True
            registrant.unsubscribed_at = None
            fields += ["invitations_consent", "unsubscribed_at"]
        if public and public != registrant.public:
            registrant.public = public
            fields.append("public")
        registrant.save(update_fields=fields)
    return registrant


def take_place(event_id: int, mode: str) -> None:
    """One place of ``mode``, or ``EventFull``. Must run inside the registration's transaction."""
    counter, capacity = COUNTERS[mode]
    taken = Event.objects.filter(pk=event_id, status=EventStatus.PUBLISHED, **{f"{counter}__lt": F(capacity)}).update(
        **{counter: F(counter) + 1}
    )
    if not taken:
        raise EventFull("Il n'y a plus de place pour cette participation.")


def release_place(event_id: int, mode: str) -> None:
    counter, _capacity = COUNTERS[mode]
    Event.objects.filter(pk=event_id, **{f"{counter}__gt": 0}).update(**{counter: F(counter) - 1})


def register(
    *,
    event: Event,
    first_name: str,
    last_name: str,
    email: str,
    mode: str,
    consent: bool,
    phone: str = "",
    commune=None,
    public: str = "",
    invitations_consent: bool = False,
    registered_by=None,
    walk_in: bool = False,
    account=None,
) -> Registration:
    """Register a person (themselves, or by a counsellor on their behalf) within the capacity.

    Raises ``EventFull`` when no place is left, ``EventsError`` for a closed event or a missing
    consent. Registering twice returns the existing registration (reactivated if it was cancelled).
    ``account``: the logged-in user registering themselves with their account's e-mail; the
    registration then shows in their « Mes inscriptions ». Any other e-mail links no account.
    """
    if account is not None and email.strip().lower() != (account.email or "").lower():
        account = None
    if not consent:
        raise EventsError("L'inscription demande votre accord pour l'utilisation de vos données.")
    if mode not in event.modes():
        raise EventsError("Cette modalité de participation n'est pas proposée pour cet événement.")
    if not walk_in and not event.applications_are_open():
        raise EventsError("Les inscriptions à cet événement sont fermées.")
    with transaction.atomic():
        person = _find_or_create_person(
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email.strip().lower(),
            phone=phone,
            commune=commune,
        )
        registrant = _registrant_for(
            person, invitations_consent=invitations_consent, public=public, registered_by=registered_by, user=account
        )
        existing = Registration.objects.select_for_update().filter(event=event, registrant=registrant).first()
        if existing and existing.is_active:
            return existing
        epci = commune.epci_id if commune is not None and commune.epci_id else ""
        if walk_in:
            # Someone at the door is counted present; the room's capacity is the staff's call.
            Event.objects.filter(pk=event.pk).update(capacity_on_site=F("capacity_on_site") + 1)
        take_place(event.pk, mode)
        try:
            with transaction.atomic():
                if existing:
                    existing.status = RegistrationStatus.REGISTERED
                    existing.mode, existing.cancelled_at = mode, None
                    existing.public, existing.epci_code = public or registrant.public, epci
                    existing.save()
                    registration = existing
                else:
                    registration = Registration.objects.create(
                        event=event,
                        registrant=registrant,
                        mode=mode,
                        public=public or registrant.public,
                        epci_code=epci,
                        walk_in=walk_in,
                        checked_in_at=timezone.now() if walk_in else None,
                    )
        except IntegrityError as exc:  # the same person registered at the same instant
            raise EventsError("Vous êtes déjà inscrit à cet événement.") from exc
        if registered_by is not None:
            audit.record_instance(registered_by, AuditAction.CREATE, registration, "inscription pour le compte de")
        # A registration made on the public page is confirmed within the daily cap of mails to the address
        # (a script would otherwise bomb a third party's mailbox); the page answers the same either way.
        if registered_by is not None or walk_in or ratelimit.mail_allowed(person.email):
            transaction.on_commit(lambda: _confirm(registration.pk))
    return registration


def _confirm(registration_id: int) -> None:
    from ..tasks import send_confirmation

    send_confirmation(registration_id)


def cancel(*, registration: Registration, actor=None) -> bool:
    """Cancel a registration: the place goes back, booked interview slots are freed."""
    with transaction.atomic():
        done = Registration.objects.filter(pk=registration.pk, status=RegistrationStatus.REGISTERED).update(
            status=RegistrationStatus.CANCELLED, cancelled_at=timezone.now()
        )
        if not done:
            return False
        release_place(registration.event_id, registration.mode)
        registration.registrant.interview_slots.filter(stand__event_id=registration.event_id).update(
            booked_by=None, booked_at=None
        )
        if actor is not None:
            audit.record_instance(actor, AuditAction.UPDATE, registration, "annulation")
    registration.refresh_from_db()
    return True


def check_in(*, registration: Registration, actor) -> Registration:
    """Mark present (idempotent: the first time counts)."""
    Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(checked_in_at=timezone.now())
    registration.refresh_from_db()
    audit.record_instance(actor, AuditAction.UPDATE, registration, "pointage")
    return registration


def unsubscribe(*, registrant: Registrant) -> None:
    Registrant.objects.filter(pk=registrant.pk).update(unsubscribed_at=timezone.now(), invitations_consent=False)
