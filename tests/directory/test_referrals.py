"""Referrals: consent, notification, answer, reminder after 10 days, expiry after 30, retention, audit."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from maillage.accounts.models import AuditEvent
from maillage.directory import retention, services
from maillage.directory.models import Referral, ReferralAttachment, ReferralStatus


def refer(directory, **extra):
    values = {
        "user": directory["counsellor"], "service": directory["asl"], "first_name": "Amina", "last_name": "Diallo",
        "consent": True, "message": "Disponible le matin.",
    }  # fmt: skip
    values.update(extra)
    return services.referral_create(**values)


def test_referral_needs_consent_and_notifies_the_structure(directory, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError, match="consentement"):
        refer(directory, consent=False)
    with django_capture_on_commit_callbacks(execute=True):
        referral = refer(directory)
    assert referral.status == ReferralStatus.SENT
    assert referral.referred.consent_by == directory["counsellor"]
    assert referral.epci_code == "200071454" and referral.category == "lecture-ecriture-calcul"
    assert [m.to for m in mail.outbox] == [[directory["editor"].email]]
    assert "Amina" not in mail.outbox[0].body  # no personal data in e-mails
    assert AuditEvent.objects.filter(object_type="directory.referral", object_id=str(referral.pk)).exists()


def test_only_professionals_refer(directory):
    with pytest.raises(PermissionDenied):
        refer(directory, user=directory["editor"].__class__.objects.create(email="x@exemple.fr"))


def test_answer_accept_or_refuse_with_a_reason(directory, django_capture_on_commit_callbacks):
    referral = refer(directory)
    with pytest.raises(PermissionDenied):
        services.referral_answer(referral=referral, user=directory["other_editor"], accepted=True)
    with pytest.raises(ValidationError):
        services.referral_answer(referral=referral, user=directory["editor"], accepted=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_answer(referral=referral, user=directory["editor"], accepted=False, reason="full")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REFUSED and referral.closed_at
    assert mail.outbox[-1].to == [directory["counsellor"].email]
    with pytest.raises(PermissionDenied):  # closed: no second answer
        services.referral_answer(referral=referral, user=directory["editor"], accepted=True)


def test_reminder_after_ten_days_and_expiry_after_thirty(directory):
    now = timezone.now()
    fresh, late, old = refer(directory), refer(directory), refer(directory)
    Referral.objects.filter(pk=late.pk).update(sent_at=now - timedelta(days=11))
    Referral.objects.filter(pk=old.pk).update(sent_at=now - timedelta(days=31))
    mail.outbox.clear()
    assert services.remind_and_expire(now) == {"reminded": 1, "expired": 1}
    late.refresh_from_db(), old.refresh_from_db(), fresh.refresh_from_db()
    assert late.reminded_at and late.status == ReferralStatus.SENT
    assert old.status == ReferralStatus.EXPIRED and old.closed_at
    assert fresh.reminded_at is None
    assert services.remind_and_expire(now) == {"reminded": 0, "expired": 0}  # once only


def test_retention_deletes_attachments_then_anonymises(directory, settings, tmp_path):
    upload = SimpleUploadedFile("cv.pdf", b"%PDF-1.4 cv", content_type="application/pdf")
    referral = refer(directory, files=[upload])
    attachment = referral.attachments.get()
    path = attachment.file.path
    services.referral_answer(referral=referral, user=directory["editor"], accepted=True)
    now = timezone.now()
    assert retention.purge(now, dry_run=False)["pièces jointes d'orientation"] == 0
    in_seven_months = now + timedelta(days=200)
    assert retention.purge(in_seven_months, dry_run=True)["pièces jointes d'orientation"] == 1
    assert ReferralAttachment.objects.count() == 1  # dry run
    retention.purge(in_seven_months, dry_run=False)
    assert ReferralAttachment.objects.count() == 0
    import os

    assert not os.path.exists(path)
    counts = retention.purge(now + timedelta(days=740), dry_run=False)
    assert counts["personnes orientées anonymisées"] == 1
    referral.refresh_from_db()
    person = referral.referred.person
    assert person.last_name == "anonymisée" and person.email == ""
    assert referral.status == ReferralStatus.ACCEPTED  # counts survive


def test_attachments_are_bounded(directory):
    with pytest.raises(ValidationError, match="format"):
        refer(directory, files=[SimpleUploadedFile("script.exe", b"MZ")])
    big = SimpleUploadedFile("cv.pdf", b"0" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="5 Mo"):
        refer(directory, files=[big])


def test_listing_reminder_every_six_months(directory):
    association = directory["association"]
    association.last_checked_at = timezone.now() - timedelta(days=200)
    association.save()
    directory["mobility"].last_checked_at = timezone.now()
    directory["mobility"].save()
    directory["other"].last_checked_at = timezone.now()
    directory["other"].save()
    mail.outbox.clear()
    assert services.send_check_reminders() == 1
    assert mail.outbox[0].to == [directory["editor"].email]
    assert services.send_check_reminders() == 0  # not again before six months
    services.structure_mark_checked(structure=association, user=directory["editor"])
    from maillage.directory.selectors import is_stale

    association.refresh_from_db()
    assert not is_stale(association)


def test_same_person_referred_twice_is_one_person(directory):
    from datetime import date

    from maillage.people.models import Person

    first = refer(directory, birth_date=date(2003, 5, 4))
    second = refer(
        directory, service=directory["permis"], first_name="AMINA", last_name="Diallo", birth_date=date(2003, 5, 4)
    )
    assert first.referred == second.referred
    assert Person.objects.count() == 1
