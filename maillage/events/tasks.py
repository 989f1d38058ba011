"""Background work of the events module (Huey): e-mails, reminders two days and two hours before,
reminders to enter the situation of hires one and three months after. Declared in ``module.py``.

Each reminder is claimed by a conditional UPDATE before it is sent, so several workers never send
the same one twice.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import notifications
from .choices import EventStatus, RegistrationStatus
from .models import Event, Invitation, Outcome, Registration, Stand

logger = logging.getLogger(__name__)


@db_task()
def send_confirmation(registration_id: int) -> None:
    registration = (
        Registration.objects.select_related("event__commune", "registrant__person").filter(pk=registration_id).first()
    )
    if registration is None or registration.registrant.person is None or not registration.registrant.person.email:
        return
    notifications.confirmation(registration).send(fail_silently=True)


@db_task()
def send_invitations(event_id: int) -> int:
    event = Event.objects.filter(pk=event_id).first()
    sent = 0
    if event is None:
        return 0
    pending = Invitation.objects.filter(event=event, sent_at__isnull=True).select_related("candidate")
    for invitation in pending[:2000]:
        if not invitation.candidate.email or invitation.candidate.anonymised_at:
            continue
        if Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
            notifications.invitation(event, invitation.candidate).send(fail_silently=True)
            sent += 1
    logger.info("events: %s invitations sent for event %s", sent, event_id)
    return sent


def reminders_due(now=None) -> dict[str, int]:
    """Send the reminders due now: two days before (between 48 h and 2 h) and two hours before."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"2j": 0, "2h": 0}
    events = Event.objects.filter(status=EventStatus.PUBLISHED, start_date__range=(today, today + timedelta(days=2)))
    for event in events:
        delay = event.starts_at - now
        if delay <= timedelta(0) or delay > timedelta(days=2):
            continue
        field, label = (
            ("reminder_2h_at", "dans deux heures")
            if delay <= timedelta(hours=2)
            else ("reminder_2d_at", "dans deux jours")
        )
        registrations = (
            Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED, **{f"{field}__isnull": True})
            .filter(registrant__unsubscribed_at__isnull=True, registrant__person__isnull=False)
            .exclude(registrant__person__email="")
            .select_related("event", "registrant__person")
        )
        for registration in registrations[:5000]:
            if Registration.objects.filter(pk=registration.pk, **{f"{field}__isnull": True}).update(**{field: now}):
                notifications.reminder(registration, label).send(fail_silently=True)
                counts["2h" if field == "reminder_2h_at" else "2j"] += 1
    return counts


def outcome_reminders_due(now=None) -> int:
    """One and three months after an event, ask the companies (or the staff) for the hires' situation."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    for months, field, situation in ((1, "reminder_1m_at", "situation_1m"), (3, "reminder_3m_at", "situation_3m")):
        due = Outcome.objects.filter(
            hired=True,
            **{f"{field}__isnull": True, situation: ""},
            stand_offer__stand__event__start_date__lte=today - timedelta(days=30 * months),
        )
        stand_ids = set(due.values_list("stand_offer__stand_id", flat=True)[:500])
        for stand in Stand.objects.filter(pk__in=stand_ids).select_related("event__created_by", "establishment"):
            emails = [u.email for u in stand.recruiter_users.all()] or (
                [stand.event.created_by.email] if stand.event.created_by_id else []
            )
            claimed = due.filter(stand_offer__stand=stand).update(**{field: now})
            if claimed and emails:
                notifications.outcome_reminder(stand.event, stand, emails, months).send(fail_silently=True)
                sent += 1
    return sent


@db_periodic_task(crontab(minute="*/15"))
def send_reminders() -> None:
    counts = reminders_due()
    logger.info("events: reminders sent %s", counts)


@db_periodic_task(crontab(hour="8", minute="5"))
def send_outcome_reminders() -> None:
    logger.info("events: outcome reminders sent %s", outcome_reminders_due())


__all__ = ["send_confirmation", "send_invitations", "send_reminders", "send_outcome_reminders"]
