"""The company's monthly grid: everyone's hours at once, one proof, all rows or none (issue #11)."""

import os
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.accounts.models import AuditEvent, OrganisationKind, Role
from maillage.clauses.models import DeclarationBatch, HoursStatement, StatementStatus
from maillage.clauses.services.declarations import GridError, GridLine, declare_grid
from tests.factories import EpciFactory, user_with_role

from .factories import CompanyFactory, ContractFactory

JUNE = date(2025, 6, 1)


def pay_slips(name="bulletins-juin.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 bulletins", content_type="application/pdf")


def test_grid_declares_everyone_with_one_proof(scenario):
    alice, bob, user = scenario["alice"], scenario["bob"], scenario["company_user"]
    lines = [GridLine(alice, Decimal("151.67")), GridLine(bob, Decimal("0"))]
    batch = declare_grid(user, lines, month=JUNE, proof=pay_slips(), lot=scenario["lot"])
    statements = HoursStatement.objects.filter(month=JUNE).order_by("hours")
    assert [(s.contract_id, s.hours, s.status, s.batch_id) for s in statements] == [
        (bob.pk, Decimal("0.00"), StatementStatus.SUBMITTED, batch.pk),
        (alice.pk, Decimal("151.67"), StatementStatus.SUBMITTED, batch.pk),
    ]
    assert batch.company_id == scenario["company"].pk and batch.month == JUNE
    assert batch.proof.read() == b"%PDF-1.4 bulletins"
    assert not any(s.proof for s in statements)


def test_grid_is_all_or_nothing_with_a_reason_per_row(scenario):
    alice, bob, user = scenario["alice"], scenario["bob"], scenario["company_user"]
    before = HoursStatement.objects.count()
    # Bob's contract ends in December 2025: January 2026 is after it; Alice's is fine.
    lines = [GridLine(alice, Decimal("100")), GridLine(bob, Decimal("80"))]
    with pytest.raises(GridError) as caught:
        declare_grid(user, lines, month=date(2026, 1, 1), proof=pay_slips())
    assert caught.value.rows == {bob.pk: "Le mois suit la fin du contrat."}
    assert HoursStatement.objects.count() == before
    assert not DeclarationBatch.objects.exists()


def test_grid_keeps_the_single_declaration_rules(scenario):
    alice, bob, user = scenario["alice"], scenario["bob"], scenario["company_user"]
    lines = [GridLine(alice, Decimal("90")), GridLine(bob, Decimal("9999"))]
    with pytest.raises(GridError) as caught:
        # March 2025 is validated for Alice: the company cannot overwrite it; Bob's hours are out of bounds.
        declare_grid(user, lines, month=date(2025, 3, 1), proof=pay_slips())
    assert "déjà validé" in caught.value.rows[alice.pk]
    assert "compris entre 0" in caught.value.rows[bob.pk]
    assert HoursStatement.objects.get(contract=alice, month=date(2025, 3, 1)).hours == Decimal("100")


def test_grid_refuses_the_current_month_and_an_empty_grid(scenario):
    alice, user = scenario["alice"], scenario["company_user"]
    with pytest.raises(GridError) as caught:
        declare_grid(user, [GridLine(alice, Decimal("10"))], month=date.today(), proof=pay_slips())
    assert "une fois terminé" in " ".join(caught.value.general)
    with pytest.raises(GridError) as caught:
        declare_grid(user, [GridLine(alice, None)], month=JUNE, proof=None)
    assert any("au moins une personne" in message for message in caught.value.general)
    assert any("justificatif" in message for message in caught.value.general)


def test_grid_refuses_a_contract_of_another_company(scenario):
    stranger = ContractFactory(lot=scenario["far_lot"])
    with pytest.raises(GridError) as caught:
        declare_grid(scenario["company_user"], [GridLine(stranger, Decimal("10"))], month=JUNE, proof=pay_slips())
    assert caught.value.rows == {stranger.pk: "Vous ne pouvez pas déclarer les heures de ce contrat."}


def test_grid_page_shows_everyone_and_sends_the_batch(client, scenario):
    alice, bob = scenario["alice"], scenario["bob"]
    client.force_login(scenario["company_user"])
    url = reverse("clauses:company_grid")
    page = client.get(url, {"mois": "2025-06", "lot": scenario["lot"].pk}).content.decode()
    assert "Déclarer les heures de juin 2025" in page
    assert f'id="heures-{alice.pk}"' in page and f'id="heures-{bob.pk}"' in page
    response = client.post(
        url,
        {
            "mois": "2025-06",
            "lot": scenario["lot"].pk,
            f"heures-{alice.pk}": "151,67",
            f"heures-{bob.pk}": "35",
            "proof": pay_slips(),
        },
    )
    assert response.status_code == 302
    assert set(HoursStatement.objects.filter(month=JUNE).values_list("hours", flat=True)) == {
        Decimal("151.67"),
        Decimal("35"),
    }
    assert "2 déclarations envoyées" in client.get(response["Location"]).content.decode()


def test_grid_page_reports_each_refused_row_and_writes_nothing(client, scenario):
    alice, bob = scenario["alice"], scenario["bob"]
    client.force_login(scenario["company_user"])
    response = client.post(
        reverse("clauses:company_grid"),
        {"mois": "2025-06", f"heures-{alice.pk}": "100", f"heures-{bob.pk}": "abc", "proof": pay_slips()},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nombre invalide" in page and "1 ligne refusée" in page
    response = client.post(
        reverse("clauses:company_grid"),
        {"mois": "2025-06", f"heures-{alice.pk}": "100", f"heures-{bob.pk}": "9999", "proof": pay_slips()},
    )
    assert "compris entre 0" in response.content.decode()
    assert not HoursStatement.objects.filter(month=JUNE).exists()


def test_grid_page_refuses_a_proof_of_another_format(client, scenario):
    client.force_login(scenario["company_user"])
    response = client.post(
        reverse("clauses:company_grid"),
        {"mois": "2025-06", f"heures-{scenario['alice'].pk}": "10", "proof": pay_slips("script.html")},
    )
    assert "Format refusé" in response.content.decode()
    assert not HoursStatement.objects.filter(month=JUNE).exists()


def test_grid_page_is_for_the_company_of_the_lot(client, scenario):
    client.force_login(scenario["company_user"])
    assert client.get(reverse("clauses:company_grid"), {"lot": scenario["far_lot"].pk}).status_code == 403
    client.force_login(scenario["facilitator"])
    assert client.get(reverse("clauses:company_grid")).status_code == 403


def _batch(scenario):
    batch = declare_grid(
        scenario["company_user"], [GridLine(scenario["alice"], Decimal("70"))], month=JUNE, proof=pay_slips()
    )
    return batch, reverse("clauses:batch_proof", args=[batch.pk])


def test_batch_proof_for_the_company_and_the_lot_facilitator_only(client, scenario):
    batch, url = _batch(scenario)
    for user, expected in [
        (scenario["company_user"], 200),
        (scenario["facilitator"], 200),
        (user_with_role(Role.COMPANY_MEMBER, organisation=CompanyFactory()), 403),
        (user_with_role(Role.FACILITATOR, OrganisationKind.MDE, epcis=[EpciFactory()]), 403),
        (scenario["buyer_user"], 403),
    ]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected, user
        if expected == 200:
            assert b"".join(response.streaming_content) == b"%PDF-1.4 bulletins"
            assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    reads = AuditEvent.objects.filter(object_id=str(scenario["alice"].participant_id), detail__contains="groupée")
    assert reads.count() == 2


def test_batch_proof_needs_every_lot_of_the_batch(client, scenario):
    """A facilitator who follows one lot of an all-lots batch never gets the other lots' pay slips."""
    other_lot_contract = ContractFactory(lot=scenario["far_lot"], employer=scenario["company"])
    batch = declare_grid(
        scenario["company_user"],
        [GridLine(scenario["alice"], Decimal("70")), GridLine(other_lot_contract, Decimal("20"))],
        month=JUNE,
        proof=pay_slips(),
    )
    client.force_login(scenario["facilitator"])
    assert client.get(reverse("clauses:batch_proof", args=[batch.pk])).status_code == 403


def test_queue_links_the_common_proof(client, scenario):
    batch, url = _batch(scenario)
    client.force_login(scenario["facilitator"])
    assert url in client.get(reverse("clauses:statement_queue")).content.decode()


def test_grid_page_queries_do_not_grow_with_the_people(client, scenario):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(scenario["company_user"])
    url = reverse("clauses:company_grid") + "?mois=2025-06"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _index in range(8):
        ContractFactory(lot=scenario["lot"], employer=scenario["company"])
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).content.decode().count('name="heures-') == 10
    assert len(many.captured_queries) == len(few.captured_queries) <= 14


def test_demo_shows_a_company_grid_waiting_in_the_queue(scenario):
    from maillage.clauses.demo.declarations import DEMO_COMPANY_EMAIL, seed_company_grid
    from maillage.clauses.services.sizing import add_months

    user = scenario["company_user"]
    user.email = DEMO_COMPANY_EMAIL
    user.save()
    last_month = add_months(date.today().replace(day=1), -1)
    HoursStatement.objects.create(contract=scenario["alice"], month=last_month, hours=Decimal("120"), status="valide")
    assert seed_company_grid() == 1
    statement = HoursStatement.objects.get(contract=scenario["alice"], month=last_month)
    assert statement.status == StatementStatus.SUBMITTED and statement.batch.proof.read().startswith(b"%PDF")
    assert seed_company_grid() == 0  # idempotent


def test_anonymising_a_person_deletes_the_grid_proof_holding_their_pay_slip(client, scenario):
    from maillage.clauses.services.participants import anonymise_participant

    batch, url = _batch(scenario)
    path = batch.proof.path
    anonymise_participant(None, scenario["alice"].participant)
    batch.refresh_from_db()
    assert not batch.proof
    assert not os.path.exists(path)
    client.force_login(scenario["company_user"])
    assert client.get(url).status_code == 404


def test_a_month_all_validated_asks_for_no_file_and_says_so(client, scenario):
    """Every person's hours of the month already validated: no proof field, no send button, a message
    (the grid asked for a pay-slip file to send nothing)."""
    client.force_login(scenario["company_user"])
    url = reverse("clauses:company_grid")
    open_month = client.get(url, {"mois": "2025-06", "lot": scenario["lot"].pk}).content.decode()
    assert 'name="proof"' in open_month and 'id="tout-valide"' not in open_month
    march = {"mois": "2025-03", "lot": scenario["lot"].pk}  # alice and bob: validated in the scenario
    assert not HoursStatement.objects.filter(month="2025-03-01").exclude(status="valide").exists()
    page = client.get(url, march).content.decode()
    assert 'name="proof"' not in page and "Envoyer la déclaration" not in page
    assert 'id="tout-valide"' in page and "Toutes les heures de mars 2025 sont validées" in page
