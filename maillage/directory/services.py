"""Writes of the directory: listings kept by their editors, eligibility rules, referrals (DOMAIN.md §7).

Referral lifecycle: sent → accepted | refused (with a reason) | expired (no answer after 30 days); a
reminder goes to the receiving structure after 10 days without answer; attachments are deleted six
months after closing and the referred person's part is anonymised after two years (``retention.py``).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.accounts.policies import active_memberships
from maillage.people.models import Person, identity_key

from . import policies, schema
from .exports import service_record, structure_record
from .models import (
    Referral,
    ReferralAttachment,
    ReferralStatus,
    ReferredPerson,
    Service,
    Structure,
)

REMIND_AFTER = timedelta(days=10)
EXPIRE_AFTER = timedelta(days=30)
MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
ALLOWED_EXTENSIONS = {".pdf", ".jpg", ".jpeg", ".png", ".odt", ".docx"}


def _validate_with_schema(errors: list[str]) -> None:
    if errors:
        raise ValidationError([f"Schéma data·inclusion – {e}" for e in errors])


@transaction.atomic
def structure_save(*, structure: Structure, user) -> Structure:
    """Saves a listing edited by an editor or MDE staff; the edit counts as a check of the listing."""
    if structure.pk and not policies.can_edit_structure(user, structure):
        raise PermissionDenied
    if not structure.pk and not policies.can_create_structure(user):
        raise PermissionDenied
    if not structure.di_id:
        structure.di_id = f"maillage--{timezone.now():%Y%m%d%H%M%S%f}"
    structure.updated_on = timezone.localdate()
    structure.last_checked_at = timezone.now()
    if structure.commune and not structure.commune_name:
        structure.commune_name = structure.commune.name
    structure.full_clean()
    if not schema.valid_opening_hours(structure.opening_hours):
        raise ValidationError({"opening_hours": "Horaires hors du format OpenStreetMap (ex. « Mo-Fr 09:00-17:00 »)."})
    _validate_with_schema(schema.validate_structure(structure_record(structure)))
    structure.save()
    return structure


@transaction.atomic
def service_save(*, service: Service, user) -> Service:
    if not policies.can_edit_structure(user, service.structure):
        raise PermissionDenied
    if not service.di_id:
        service.di_id = f"maillage--{timezone.now():%Y%m%d%H%M%S%f}"
    service.updated_on = timezone.localdate()
    service.last_checked_at = timezone.now()
    if service.commune and not service.commune_name:
        service.commune_name = service.commune.name
    if service.commune and service.latitude is None:
        service.latitude, service.longitude = service.commune.latitude, service.commune.longitude
    service.full_clean()
    if not schema.valid_opening_hours(service.opening_hours):
        raise ValidationError({"opening_hours": "Horaires hors du format OpenStreetMap (ex. « Mo-Fr 09:00-17:00 »)."})
    _validate_with_schema(schema.validate_service(service_record(service)))
    service.save()
    return service


@transaction.atomic
def structure_mark_checked(*, structure: Structure, user) -> Structure:
    """« Listing checked »: the editor confirms the structure and its services are still right."""
    if not policies.can_edit_structure(user, structure):
        raise PermissionDenied
    now = timezone.now()
    structure.last_checked_at = now
    structure.save(update_fields=["last_checked_at"])
    structure.services.update(last_checked_at=now)
    return structure


def send_check_reminders(now=None) -> int:
    """Every six months, the editors of a listing not checked since are asked to check it."""
    from .selectors import stale_structures

    now = now or timezone.now()
    count = 0
    due = stale_structures(now).filter(models_q_reminder_due(now)).prefetch_related("editor_links__user")
    for structure in due:
        recipients = [link.user.email for link in structure.editor_links.all() if link.user.is_active]
        if structure.email:
            recipients.append(structure.email)
        if recipients:
            send_mail(
                "Votre fiche dans l'annuaire est-elle à jour ?",
                f"Bonjour,\n\nLa fiche « {structure.name} » n'a pas été vérifiée depuis plus de six mois. "
                "Merci de la relire et de confirmer qu'elle est à jour (bouton « Fiche vérifiée »).\n",
                settings.DEFAULT_FROM_EMAIL,
                sorted(set(recipients)),
            )
        structure.reminder_sent_at = now
        structure.save(update_fields=["reminder_sent_at"])
        count += 1
    return count


def models_q_reminder_due(now):
    from django.db.models import Q

    from .selectors import STALE_AFTER

    return Q(reminder_sent_at__isnull=True) | Q(reminder_sent_at__lt=now - STALE_AFTER)


# --- referrals -----------------------------------------------------------------------------------


def _sender_organisation(user):
    memberships = active_memberships(user)
    return memberships[0].organisation if memberships else None


def _notify(referral: Referral, subject: str, body: str, to_structure: bool = True) -> None:
    if to_structure:
        structure = referral.service.structure
        recipients = [link.user.email for link in structure.editor_links.select_related("user") if link.user.is_active]
        if structure.email:
            recipients.append(structure.email)
    else:
        recipients = [referral.sender.email] if referral.sender and referral.sender.is_active else []
    if recipients:
        # No personal data in e-mails: the recipient follows the link and logs in.
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, sorted(set(recipients)))


def _link(referral: Referral) -> str:
    return reverse("directory:referral_detail", args=[referral.pk])


@transaction.atomic
def referral_create(
    *, user, service: Service, first_name: str, last_name: str, email: str = "", phone: str = "",
    birth_date=None, consent: bool, message: str = "", files=(), person: Person | None = None,
) -> Referral:  # fmt: skip
    """A professional refers a person to a service, with the person's consent; the structure is notified."""
    if not policies.can_refer(user):
        raise PermissionDenied
    if not consent:
        raise ValidationError("Le consentement de la personne est obligatoire pour l'orienter.")
    files = list(files)
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(f"{MAX_ATTACHMENTS} pièces jointes au plus.")
    for upload in files:
        _check_upload(upload)
    if person is None and birth_date is not None:
        # One person, one record: the same names and birth date are the same person.
        person = Person.objects.filter(identity_key=identity_key(last_name, first_name, birth_date)).first()
    if person is None:
        person = Person(first_name=first_name[:100], last_name=last_name[:100], email=email, phone=phone[:30])
        person.birth_date = birth_date
        person.full_clean()
        person.save()
        audit.record_instance(user, AuditAction.CREATE, person, "orientation")
    else:
        person.email, person.phone = person.email or email, person.phone or phone[:30]
        person.save()
        audit.record_instance(user, AuditAction.UPDATE, person, "orientation")
    now = timezone.now()
    referred, _ = ReferredPerson.objects.update_or_create(
        person=person, defaults={"consent_at": now, "consent_by": user, "anonymised_at": None}
    )
    commune = service.commune
    referral = Referral(
        referred=referred,
        service=service,
        sender=user,
        sender_organisation=_sender_organisation(user),
        message=message[:2000],
        sent_at=now,
        epci_code=(commune.epci_id or "") if commune else "",
        category=schema.category_of(service.thematiques[0]) if service.thematiques else "",
    )
    referral.full_clean()
    referral.save()
    for upload in files:
        ReferralAttachment.objects.create(referral=referral, file=upload, name=upload.name[:150], size=upload.size)
    audit.record_instance(user, AuditAction.CREATE, referral, "orientation envoyée")
    transaction.on_commit(
        lambda: _notify(
            referral,
            "Nouvelle orientation vers votre service",
            f"Bonjour,\n\nUne personne vous est orientée vers « {service.name} ».\n"
            f"Consultez l'orientation et répondez (acceptée ou refusée) : {_link(referral)}\n",
        )
    )
    return referral


def _check_upload(upload) -> None:
    import os

    ext = os.path.splitext(upload.name)[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise ValidationError(f"Pièce jointe « {upload.name[:60]} » : format non accepté (PDF, image, ODT, DOCX).")
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(f"Pièce jointe « {upload.name[:60]} » : 5 Mo au plus.")


@transaction.atomic
def referral_answer(*, referral: Referral, user, accepted: bool, reason: str = "", note: str = "") -> Referral:
    """The receiving structure answers: accepted, or refused with a reason."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not policies.can_answer_referral(user, referral):
        raise PermissionDenied
    if not accepted and not reason:
        raise ValidationError("Un refus doit être motivé.")
    referral.status = ReferralStatus.ACCEPTED if accepted else ReferralStatus.REFUSED
    referral.refusal_reason = "" if accepted else reason
    referral.answer_note = note[:500]
    referral.answered_by = user
    referral.closed_at = timezone.now()
    referral.full_clean()
    referral.save()
    audit.record_instance(user, AuditAction.UPDATE, referral, f"réponse : {referral.get_status_display()}")
    transaction.on_commit(
        lambda: _notify(
            referral,
            f"Orientation {referral.get_status_display().lower()}",
            "Bonjour,\n\nLa structure a répondu à votre orientation : "
            f"{referral.get_status_display()}.\n{_link(referral)}\n",
            to_structure=False,
        )
    )
    return referral


def remind_and_expire(now=None) -> dict[str, int]:
    """Reminder to the structure after 10 days without answer; expiry after 30 days (scheduled daily)."""
    now = now or timezone.now()
    expired = 0
    for referral in Referral.objects.filter(status=ReferralStatus.SENT, sent_at__lt=now - EXPIRE_AFTER):
        referral.status = ReferralStatus.EXPIRED
        referral.closed_at = now
        referral.save(update_fields=["status", "closed_at"])
        _notify(
            referral,
            "Orientation expirée sans réponse",
            f"L'orientation n'a pas reçu de réponse en 30 jours.\n{_link(referral)}\n",
            to_structure=False,
        )
        expired += 1
    reminded = 0
    due = Referral.objects.filter(
        status=ReferralStatus.SENT, sent_at__lt=now - REMIND_AFTER, reminded_at__isnull=True
    ).select_related("service__structure")
    for referral in due:
        _notify(
            referral,
            "Rappel : une orientation attend votre réponse",
            f"Bonjour,\n\nUne orientation vers « {referral.service.name} » attend votre réponse depuis plus de "
            f"10 jours. Sans réponse, elle expirera au bout de 30 jours.\n{_link(referral)}\n",
        )
        referral.reminded_at = now
        referral.save(update_fields=["reminded_at"])
        reminded += 1
    return {"reminded": reminded, "expired": expired}
