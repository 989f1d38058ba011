"""Issue #9: hours proofs served only to the lot's facilitator and the person's employer; attestations are
signed by the facilitation; retention reaches people without a contract; every list of people is audited."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from maillage.accounts.models import AuditEvent, OrganisationKind, Role
from maillage.clauses.models import HoursStatement, Participant
from maillage.clauses.services import participants as participant_services
from maillage.clauses.views import reports
from tests.factories import OrganisationFactory, user_with_role

from .factories import ContractFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_employers(scenario, settings, tmp_path):
    """On one lot: Bob employed by an ETTI, Alice by the holder; Bob's pay slip uploaded by the ETTI."""
    settings.MEDIA_ROOT = tmp_path
    etti = OrganisationFactory(name="Intérim Solidaire", kind=OrganisationKind.SIAE_ETTI)
    geiq = OrganisationFactory(name="GEIQ BTP", kind=OrganisationKind.SIAE_EI)
    bob = scenario["bob"]
    bob.employer = etti
    bob.save()
    carla = ContractFactory(lot=scenario["lot"], employer=geiq, participant__last_name="Carla")
    statement = HoursStatement.objects.get(contract=bob, month=date(2025, 3, 1))
    statement.proof.save("bulletin-bob.pdf", ContentFile(b"%PDF-1.4 bulletin"), save=True)
    return {
        "statement": statement,
        "etti_user": user_with_role(Role.COMPANY_MEMBER, organisation=etti),
        "geiq_user": user_with_role(Role.COMPANY_MEMBER, organisation=geiq),
        "carla": carla,
    }


def test_a_pay_slip_is_not_served_to_another_employer_of_the_lot(client, scenario, two_employers):
    url = reverse("clauses:statement_proof", args=[two_employers["statement"].pk])
    client.force_login(two_employers["geiq_user"])  # employs Carla on the same lot, not Bob
    assert client.get(url).status_code == 403
    client.force_login(scenario["company_user"])  # the holder did not employ Bob nor upload the slip
    assert client.get(url).status_code == 403
    client.force_login(two_employers["etti_user"])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(scenario["facilitator"])
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(detail="justificatif d'heures").count() == 2


def test_the_attestation_is_never_signed_by_the_company_that_prints_it(client, scenario, monkeypatch):
    captured = {}

    def fake_pdf(**kwargs):
        captured.update(kwargs)
        return b"%PDF-fake"

    monkeypatch.setattr(reports, "attestation_pdf", fake_pdf)
    lot, company_user = scenario["lot"], scenario["company_user"]
    client.force_login(company_user)
    response = client.get(reverse("clauses:attestation", args=[lot.pk, scenario["company"].pk]))
    assert response.status_code == 200
    assert company_user.get_full_name() not in captured["signatory"]
    assert scenario["facilitator"].get_full_name() in captured["signatory"]


def test_retention_reaches_people_who_never_had_a_contract(scenario):
    abandoned = ParticipantFactory(last_name="Abandon")
    Participant.objects.filter(pk=abandoned.pk).update(updated_at="2019-01-01T00:00:00Z")
    recent = ParticipantFactory(last_name="Recent")
    old_open_contract = ContractFactory(start_on=date(2018, 1, 1), end_on=None, participant__last_name="EnCours")
    Participant.objects.filter(pk=old_open_contract.participant_id).update(updated_at="2019-01-01T00:00:00Z")
    inactive = set(participant_services.inactive_participants(date(2023, 1, 1)).values_list("pk", flat=True))
    assert abandoned.pk in inactive
    assert recent.pk not in inactive and old_open_contract.participant_id not in inactive


def _viewed(user, participant_id) -> bool:
    return AuditEvent.objects.filter(
        actor=user, action="view", object_type="clauses.participant", object_id=str(participant_id)
    ).exists()


def test_lists_grids_and_queues_are_audited(client, scenario):
    user = scenario["facilitator"]
    client.force_login(user)
    alice, bob = scenario["alice"], scenario["bob"]
    client.get(reverse("clauses:participant_list"))
    assert _viewed(user, alice.participant_id) and _viewed(user, bob.participant_id)
    AuditEvent.objects.all().delete()
    client.get(reverse("clauses:lot_hours", args=[scenario["lot"].pk]), {"mois": "2025-03"})
    assert _viewed(user, alice.participant_id) and _viewed(user, bob.participant_id)
    AuditEvent.objects.all().delete()
    client.get(reverse("clauses:statement_queue"))
    assert _viewed(user, bob.participant_id) and not _viewed(user, alice.participant_id)
    AuditEvent.objects.all().delete()
    company_user = scenario["company_user"]
    client.force_login(company_user)
    client.get(reverse("clauses:company_lot", args=[scenario["lot"].pk]))
    assert _viewed(company_user, alice.participant_id)
    # No personal data in the events.
    assert not AuditEvent.objects.filter(detail__icontains="Martin").exists()


def test_a_closed_statement_amount_cannot_go_negative_through_the_grid(client, scenario):
    client.force_login(scenario["facilitator"])
    bob = scenario["bob"]
    client.post(
        reverse("clauses:lot_hours", args=[scenario["lot"].pk]) + "?mois=2025-05",
        {f"heures-{bob.pk}": "10", f"montant-{bob.pk}": "-300"},
    )
    assert not HoursStatement.objects.filter(contract=bob, month=date(2025, 5, 1)).exists()
