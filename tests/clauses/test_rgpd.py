from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from maillage.accounts.models import AuditEvent
from maillage.clauses.models import Participant
from maillage.clauses.selectors import BilanScope, bilan

from .factories import ContractFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_right_of_access_export_is_audited(client, scenario):
    person = scenario["alice"].participant
    client.force_login(scenario["facilitator"])
    response = client.get(reverse("clauses:participant_export", args=[person.pk]))
    data = response.json()
    assert data["identite"]["nom"] == person.last_name
    assert len(data["heures"]) == 2 and data["contrats"][0]["modalite"] == "Embauche directe – CDI"
    assert AuditEvent.objects.filter(action="export", object_id=str(person.pk)).exists()
    client.force_login(scenario["company_user"])
    assert client.get(reverse("clauses:participant_export", args=[person.pk])).status_code == 403


def test_anonymisation_after_retention_keeps_statistics(scenario):
    old = ContractFactory(
        start_on=date(2019, 1, 1),
        end_on=date(2019, 6, 30),
        participant__last_name="Ancien",
        participant__birth_date=date(1980, 3, 14),
    )
    StatementFactory(contract=old, month=date(2019, 3, 1))
    Participant.objects.filter(pk=old.participant_id).update(updated_at="2019-07-01T00:00:00Z")
    before = bilan(BilanScope(year=2019))
    out = StringIO()
    call_command("clauses_anonymise", stdout=out)
    assert "1 participant inactif depuis" in out.getvalue() and "serait anonymisé" in out.getvalue()
    assert Participant.objects.filter(person__last_name="Ancien").exists()  # simulation only
    call_command("clauses_anonymise", "--appliquer", stdout=StringIO())
    person = Participant.objects.get(pk=old.participant_id)
    assert person.last_name == "Anonyme" and person.birth_date == date(1980, 7, 1) and person.anonymised_at
    assert AuditEvent.objects.filter(action="anonymise", object_id=str(person.pk)).exists()
    after = bilan(BilanScope(year=2019))
    assert (after.hours, after.participants, after.by_sex) == (before.hours, before.participants, before.by_sex)
    # People still on a path are kept.
    assert Participant.objects.get(pk=scenario["alice"].participant_id).anonymised_at is None


def test_list_exports_are_audited_and_restricted(client, scenario):
    client.force_login(scenario["facilitator"])
    response = client.get(reverse("clauses:participant_list"), {"export": "csv"})
    assert "Martin" in response.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="export", object_type="clauses.participant").exists()
    queue = client.get(reverse("clauses:statement_queue"), {"export": "csv"}).content.decode("utf-8-sig")
    assert "2025-04" in queue and "35,0" in queue  # French decimal comma
