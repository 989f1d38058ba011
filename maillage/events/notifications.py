"""E-mails to registrants and recruiters (confirmation with an .ics file, reminders, invitations).

Bodies are plain text (no personal data in logs); every message to a registrant carries the links to
manage or cancel the registration and to unsubscribe.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from maillage.common_text import long_date

from . import ics
from .services.tokens import registration_token, unsubscribe_token


def base_url() -> str:
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def event_url(event) -> str:
    return base_url() + reverse("events:public_event", args=[event.pk])


def manage_url(registration) -> str:
    return base_url() + reverse("events:manage_registration", args=[registration_token(registration)])


def unsubscribe_url(registrant) -> str:
    return base_url() + reverse("events:unsubscribe", args=[unsubscribe_token(registrant)])


def _when(event) -> str:
    return f"le {long_date(event.start_date, weekday=True)} de {event.start_time:%H:%M} à {event.end_time:%H:%M}"


def _footer(registration) -> str:
    return (
        f"\n\nVoir, modifier ou annuler votre inscription et vos entretiens : {manage_url(registration)}\n"
        f"Ne plus recevoir de messages : {unsubscribe_url(registration.registrant)}\n"
    )


def confirmation(registration) -> EmailMessage:
    event = registration.event
    person = registration.registrant.person
    body = (
        f"Bonjour {person.first_name},\n\nVotre inscription à « {event.title} » ({_when(event)}, "
        f"{registration.get_mode_display()}) est confirmée.\n"
    )
    if registration.mode == "ADIST" and event.join_url:
        body += f"Lien pour participer : {event.join_url}\n"
    body += f"Présentation de l'événement : {event_url(event)}" + _footer(registration)
    message = EmailMessage(f"Inscription confirmée : {event.title}", body, to=[person.email])
    message.attach("evenement.ics", ics.calendar([event], url_for=event_url), "text/calendar")
    return message


def reminder(registration, delay_label: str) -> EmailMessage:
    event = registration.event
    person = registration.registrant.person
    body = f"Bonjour {person.first_name},\n\nRappel : « {event.title} » a lieu {_when(event)} ({delay_label}).\n"
    slots = registration.registrant.interview_slots.filter(stand__event=event).select_related("stand__establishment")
    for slot in slots:
        local = timezone.localtime(slot.starts_at)
        body += f"Entretien avec {slot.stand.establishment.name} à {local:%H:%M} ({slot.get_channel_display()}).\n"
    if registration.mode == "ADIST" and event.join_url:
        body += f"Lien pour participer : {event.join_url}\n"
    return EmailMessage(f"Rappel : {event.title}", body + _footer(registration), to=[person.email])


def invitation(event, candidate) -> EmailMessage:
    body = (
        f"Bonjour {candidate.first_name},\n\nDes entreprises recrutent sur des métiers proches du vôtre : "
        f"« {event.title} » a lieu {_when(event)}.\nPour vous inscrire : {event_url(event)}\n"
    )
    return EmailMessage(f"Invitation : {event.title}", body, to=[candidate.email])


def outcome_reminder(event, stand, emails, months: int) -> EmailMessage:
    body = (
        f"Bonjour,\n\nIl y a {months} mois, « {event.title} ». Pouvez-vous indiquer la situation des personnes "
        f"recrutées sur votre stand ({stand.establishment.name}) ?\n"
        f"{base_url()}{reverse('events:stand_detail', args=[stand.pk])}\n"
    )
    return EmailMessage(f"Suites de « {event.title} » à {months} mois", body, to=emails)
