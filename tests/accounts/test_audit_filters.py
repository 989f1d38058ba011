"""The audit log filters by who, what, when and person (every part of one person)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction, AuditEvent
from maillage.clauses.models import Participant
from maillage.jobs.models import Candidate, ConsentPurpose

pytestmark = pytest.mark.django_db


def test_filters_who_what_when_person(client, admin_user, facilitator):
    participant = Participant.objects.create(
        first_name="Inès", last_name="Martin", birth_date=date(1990, 3, 5), sex="F"
    )
    candidate = Candidate.objects.create(
        person=participant.person, consent_at=timezone.now(), consent_purpose=ConsentPurpose.SHARING
    )
    other = Candidate.objects.create(first_name="Paul", last_name="Petit", consent_purpose=ConsentPurpose.SUPPORT)
    audit.record_instance(facilitator, AuditAction.VIEW, participant)
    audit.record_instance(admin_user, AuditAction.EXPORT, candidate)
    audit.record_instance(admin_user, AuditAction.VIEW, other)
    old = audit.record_instance(admin_user, AuditAction.VIEW, other)
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=40))
    client.force_login(admin_user)
    url = reverse("accounts:audit_log")

    def ids(**params):
        return {e.pk for e in client.get(url, params).context["page"].object_list}

    everything = ids()
    assert len(everything) >= 4
    person = ids(personne=participant.person_id)
    assert {e.object_type for e in AuditEvent.objects.filter(pk__in=person)} == {
        "clauses.participant",
        "jobs.candidate",
    }
    assert ids(acteur=facilitator.email.upper()) == {
        AuditEvent.objects.get(actor=facilitator, object_type="clauses.participant").pk
    }
    assert {AuditEvent.objects.get(pk=pk).action for pk in ids(action="export")} == {"export"}
    assert old.pk not in ids(du=(date.today() - timedelta(days=7)).isoformat())
    assert ids(type="jobs.candidate") <= everything
    assert client.get(url, {"du": "2026-02-01", "au": "2026-01-01"}).status_code == 200  # invalid: unfiltered
