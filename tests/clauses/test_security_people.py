"""Issue #9: health data by enumeration — the duplicate check and retyping an identity never open another
structure's person; attaching a person known elsewhere needs their consent or the following structure's yes."""

from datetime import date

import pytest
from django.urls import reverse

from maillage.accounts.models import AuditEvent, OrganisationKind, Role
from maillage.clauses.models import Contract
from maillage.clauses.services import validate_eligibility
from tests.factories import user_with_role

from .factories import ParticipantFactory, criterion

pytestmark = pytest.mark.django_db

IDENTITY = {"last_name": "Caron", "first_name": "Léo", "birth_date": "1990-01-02", "sex": "M", "qualification": "nc"}


@pytest.fixture
def followed_elsewhere(scenario):
    """A person followed by another structure (a PLIE of another EPCI), with an RQTH criterion."""
    plie_facilitator = user_with_role(Role.FACILITATOR, OrganisationKind.PLIE, epcis=[scenario["far_lot"].epci])
    structure = plie_facilitator.memberships.get().organisation
    person = ParticipantFactory(
        last_name="Caron",
        first_name="Léo",
        birth_date=date(1990, 1, 2),
        structure=structure,
        created_by=plie_facilitator,
    )
    validate_eligibility(plie_facilitator, person, criterion("rqth"), validated_on=date(2025, 1, 2))
    return {"person": person, "holder": plie_facilitator, "structure": structure}


def _contract(scenario):
    return {
        "action": "contract",
        "lot": scenario["lot"].pk,
        "employer": scenario["company"].pk,
        "modality": "cdd",
        "start_on": "2025-02-01",
        "end_on": "2025-08-31",
    }


def test_near_matches_of_other_structures_are_not_shown(client, scenario, followed_elsewhere):
    client.force_login(scenario["facilitator"])
    response = client.post(reverse("clauses:participant_create"), {**IDENTITY, "first_name": "Léon"})
    # Nothing about the other structure's « Caron Léo » is shown: a new person (Léon) is created.
    assert response.status_code == 302
    person = followed_elsewhere["person"]
    assert response["Location"] not in {
        reverse("clauses:participant_attach", args=[person.pk]),
        reverse("clauses:participant_detail", args=[person.pk]),
    }


def test_retyping_an_identity_does_not_open_the_file_nor_health_data(client, scenario, followed_elsewhere):
    person = followed_elsewhere["person"]
    client.force_login(scenario["facilitator"])
    response = client.post(reverse("clauses:participant_create"), IDENTITY)
    assert response["Location"] == reverse("clauses:participant_attach", args=[person.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200 and "RQTH" not in page.content.decode()
    # Without consent or the structure's acceptance, no contract: the file stays closed.
    refused = client.post(reverse("clauses:participant_attach", args=[person.pk]), _contract(scenario))
    assert refused.status_code == 403
    assert not Contract.objects.filter(participant=person).exists()
    assert client.get(reverse("clauses:participant_detail", args=[person.pk])).status_code == 403


def test_attaching_with_the_persons_consent(client, scenario, followed_elsewhere):
    person = followed_elsewhere["person"]
    client.force_login(scenario["facilitator"])
    client.post(reverse("clauses:participant_create"), IDENTITY)
    client.post(
        reverse("clauses:participant_attach", args=[person.pk]),
        {"action": "consent", "agreed": "on", "consent_on": "2025-01-30"},
    )
    from maillage.clauses.models import ShareRequest, ShareStatus

    share = ShareRequest.objects.get(participant=person)
    assert share.status == ShareStatus.CONSENT and share.consent_on == date(2025, 1, 30)
    assert AuditEvent.objects.filter(object_id=str(person.pk), detail__startswith="consentement").exists()
    response = client.post(reverse("clauses:participant_attach", args=[person.pk]), _contract(scenario))
    assert response.status_code == 302
    assert client.get(reverse("clauses:participant_detail", args=[person.pk])).status_code == 200


def test_attaching_after_the_following_structure_accepts(client, scenario, followed_elsewhere):
    person = followed_elsewhere["person"]
    client.force_login(scenario["facilitator"])
    client.post(reverse("clauses:participant_create"), IDENTITY)
    client.post(reverse("clauses:participant_attach", args=[person.pk]), {"action": "request"})
    from maillage.clauses.models import ShareRequest, ShareStatus

    share = ShareRequest.objects.get(participant=person)
    assert share.status == ShareStatus.PENDING and share.holder_structure == followed_elsewhere["structure"]
    # The requester cannot decide their own request.
    assert client.post(reverse("clauses:share_decide", args=[share.pk]), {"decision": "accepter"}).status_code == 403
    assert client.post(reverse("clauses:participant_attach", args=[person.pk]), _contract(scenario)).status_code == 403
    client.force_login(followed_elsewhere["holder"])
    queue = client.get(reverse("clauses:share_requests"))
    assert "CARON Léo" in queue.content.decode()
    client.post(reverse("clauses:share_decide", args=[share.pk]), {"decision": "accepter"})
    client.force_login(scenario["facilitator"])
    assert client.post(reverse("clauses:participant_attach", args=[person.pk]), _contract(scenario)).status_code == 302


def test_a_refused_request_keeps_the_file_closed(client, scenario, followed_elsewhere):
    person = followed_elsewhere["person"]
    client.force_login(scenario["facilitator"])
    client.post(reverse("clauses:participant_create"), IDENTITY)
    client.post(reverse("clauses:participant_attach", args=[person.pk]), {"action": "request"})
    from maillage.clauses.models import ShareRequest

    share = ShareRequest.objects.get(participant=person)
    client.force_login(followed_elsewhere["holder"])
    client.post(reverse("clauses:share_decide", args=[share.pk]), {"decision": "refuser"})
    client.force_login(scenario["facilitator"])
    assert client.post(reverse("clauses:participant_attach", args=[person.pk]), _contract(scenario)).status_code == 403


def test_the_attach_page_is_not_an_enumeration_oracle(client, scenario, followed_elsewhere):
    client.force_login(scenario["facilitator"])
    person = followed_elsewhere["person"]
    assert client.get(reverse("clauses:participant_attach", args=[person.pk])).status_code == 403


def test_an_import_never_writes_on_a_person_followed_elsewhere(scenario, followed_elsewhere):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from maillage.clauses.services import imports

    text = "nom;prenom;date_naissance;sexe;criteres\nCaron;Léo;02/01/1990;M;rsa\n"
    upload = SimpleUploadedFile("people.csv", text.encode("utf-8"), content_type="text/csv")
    batch = imports.prepare_import(scenario["facilitator"], "participants", upload)
    assert [(e["line"], e["column"]) for e in batch.errors] == [(2, "nom")]
    assert "autre structure" in batch.errors[0]["message"]
