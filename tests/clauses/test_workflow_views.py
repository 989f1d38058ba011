"""The facilitator's journey through the pages: operation → market → lot → sizing → people → hours → attestation."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.clauses.models import (
    ClauseKind,
    Contract,
    HoursStatement,
    Lot,
    Market,
    Operation,
    Participant,
    StatementStatus,
)
from tests.factories import CommuneFactory

from .factories import BuyerFactory, CompanyFactory, LotFactory, ParticipantFactory, StatementFactory, criterion

pytestmark = pytest.mark.django_db


def test_create_operation_market_lot_and_size_it(client, scenario):
    client.force_login(scenario["facilitator"])
    commune = CommuneFactory(epci=scenario["epci"])
    buyer = BuyerFactory()
    response = client.post(
        reverse("clauses:operation_create"),
        {
            "name": "Réhabilitation du gymnase",
            "buyer": buyer.pk,
            "commune": commune.code,
            "status": "execution",
            "start_on": "2025-01-01",
            "end_on": "2025-12-31",
        },
    )
    operation = Operation.objects.get(name="Réhabilitation du gymnase")
    assert response.status_code == 302 and operation.epci == scenario["epci"]
    assert scenario["facilitator"] in operation.followers.all()
    client.post(
        reverse("clauses:market_create", args=[operation.pk]),
        {"object": "Travaux", "cpv_code": "45262500-6", "amount": "1000000"},
    )
    market = Market.objects.get(operation=operation)
    assert market.cpv_code == "45262500"
    response = client.post(
        reverse("clauses:lot_create", args=[market.pk]),
        {
            "number": 1,
            "label": "Gros œuvre",
            "cpv_code": "45262500",
            "commune": commune.code,
            "amount": "1000000",
            "start_on": "2025-01-01",
            "end_on": "2025-10-31",
            "status": "en_cours",
        },
    )
    lot = Lot.objects.get(market=market)
    assert response["Location"] == reverse("clauses:lot_sizing", args=[lot.pk])
    # Live (HTMX) result, then saving.
    params = {"method": "taux", "amount": "1000000", "labour_share": "50", "insertion_rate": "5", "hourly_cost": "30"}
    live = client.get(reverse("clauses:lot_sizing", args=[lot.pk]), params, HTTP_HX_REQUEST="true")
    assert "833" in live.content.decode()
    client.post(reverse("clauses:lot_sizing", args=[lot.pk]), params)
    lot.refresh_from_db()
    assert lot.target_hours == Decimal("833") and lot.schedule.count() == 10
    client.post(reverse("clauses:lot_clause", args=[lot.pk]), {"kind": "reserve"})
    assert not lot.clauses.filter(kind=ClauseKind.RESERVED).exists()  # "réservé à" is required
    client.post(reverse("clauses:lot_clause", args=[lot.pk]), {"kind": "reserve", "reserved_for": "siae"})
    client.post(reverse("clauses:lot_clause", args=[lot.pk]), {"kind": "insertion"})
    assert set(lot.clauses.values_list("kind", flat=True)) == {"reserve", "insertion"}
    company = CompanyFactory()
    client.post(reverse("clauses:lot_company", args=[lot.pk]), {"company": company.pk, "role": "titulaire"})
    assert lot.companies.get() == company


def test_sizing_calculator_reports_missing_values(client, scenario):
    client.force_login(scenario["facilitator"])
    response = client.get(reverse("clauses:sizing"), {"method": "ratio", "amount": "100000"}, HTTP_HX_REQUEST="true")
    assert "Calcul impossible" in response.content.decode()


def test_participant_find_or_create_never_duplicates(client, scenario):
    client.force_login(scenario["facilitator"])
    data = {"last_name": "Lefèvre", "first_name": "Inès", "birth_date": "1994-03-05", "sex": "F", "qualification": "3"}
    response = client.post(reverse("clauses:participant_create"), data)
    person = Participant.objects.get(person__last_name="Lefèvre")
    assert response["Location"] == reverse("clauses:participant_detail", args=[person.pk])
    # Same identity typed differently (accents, case): the same person comes back.
    again = client.post(reverse("clauses:participant_create"), {**data, "last_name": "LEFEVRE", "first_name": "ines"})
    assert again.status_code == 302 and Participant.objects.filter(person__birth_date=date(1994, 3, 5)).count() == 1
    # A near-duplicate (typo) is shown before anything is created.
    near = client.post(reverse("clauses:participant_create"), {**data, "first_name": "Inés-Marie"})
    assert near.status_code == 200 and "peut-être déjà connue" in near.content.decode()
    assert Participant.objects.filter(person__birth_date=date(1994, 3, 5)).count() == 1
    confirmed = client.post(
        reverse("clauses:participant_create"), {**data, "first_name": "Inés-Marie", "confirm_new": "1"}
    )
    assert confirmed.status_code == 302 and Participant.objects.filter(person__birth_date=date(1994, 3, 5)).count() == 2


def test_person_known_elsewhere_is_attached_without_double_entry(client, scenario):
    stranger = ParticipantFactory(last_name="Caron", first_name="Léo", birth_date=date(1990, 1, 2))
    client.force_login(scenario["facilitator"])
    assert client.get(reverse("clauses:participant_detail", args=[stranger.pk])).status_code == 403
    assert client.get(reverse("clauses:participant_attach", args=[stranger.pk])).status_code == 403
    response = client.post(
        reverse("clauses:participant_create"),
        {"last_name": "Caron", "first_name": "Léo", "birth_date": "1990-01-02", "sex": "M", "qualification": "nc"},
    )
    assert response["Location"] == reverse("clauses:participant_attach", args=[stranger.pk])
    lot = scenario["lot"]
    client.post(reverse("clauses:eligibility_add", args=[stranger.pk]), {})  # not visible yet: refused
    from maillage.clauses.services import validate_eligibility

    validate_eligibility(None, stranger, criterion("rsa"), validated_on=date(2025, 1, 2))
    # The person is with the facilitator and agrees to share their file (issue #9: typing is not enough).
    client.post(
        reverse("clauses:participant_attach", args=[stranger.pk]),
        {"action": "consent", "agreed": "on", "consent_on": "2025-01-30"},
    )
    response = client.post(
        reverse("clauses:participant_attach", args=[stranger.pk]),
        {
            "action": "contract",
            "lot": lot.pk,
            "employer": scenario["company"].pk,
            "modality": "cdd",
            "start_on": "2025-02-01",
            "end_on": "2025-08-31",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("clauses:participant_detail", args=[stranger.pk])).status_code == 200
    assert Participant.objects.filter(person__last_name="Caron").count() == 1


def test_eligibility_then_contract_from_the_file(client, scenario):
    client.force_login(scenario["facilitator"])
    person = ParticipantFactory()
    person.structure_id = next(iter(scenario["facilitator"].memberships.values_list("organisation_id", flat=True)))
    person.save()
    url = reverse("clauses:contract_add", args=[person.pk])
    contract = {
        "contrat-lot": scenario["lot"].pk,
        "contrat-employer": scenario["company"].pk,
        "contrat-modality": "cddi",
        "contrat-start_on": "2025-03-01",
    }
    client.post(url, contract)
    assert not Contract.objects.filter(participant=person).exists()  # no eligibility yet
    client.post(
        reverse("clauses:eligibility_add", args=[person.pk]),
        {"criterion": criterion("rsa").pk, "validated_on": "2025-02-15", "proof_kind": "Attestation ML"},
    )
    eligibility = person.eligibilities.get()
    assert eligibility.valid_until == date(2027, 2, 15) and eligibility.validated_by == scenario["facilitator"]
    client.post(url, contract)
    assert Contract.objects.filter(participant=person, modality="cddi").exists()


def test_monthly_grid_entered_by_the_facilitator_is_validated(client, scenario):
    client.force_login(scenario["facilitator"])
    lot, alice, bob = scenario["lot"], scenario["alice"], scenario["bob"]
    url = reverse("clauses:lot_hours", args=[lot.pk])
    response = client.post(url, {"mois": "2025-05", f"heures-{alice.pk}": "151,67", f"heures-{bob.pk}": "abc"})
    assert response.status_code == 200 and "Nombre invalide" in response.content.decode()
    saved = HoursStatement.objects.get(contract=alice, month=date(2025, 5, 1))
    assert saved.hours == Decimal("151.67") and saved.status == StatementStatus.VALIDATED


def test_company_declares_and_facilitator_validates_or_rejects(client, scenario):
    lot, alice = scenario["lot"], scenario["alice"]
    client.force_login(scenario["company_user"])
    response = client.post(
        reverse("clauses:company_lot", args=[lot.pk]), {"contract": alice.pk, "month": "2025-06", "hours": "80"}
    )
    assert response.status_code == 302
    june = HoursStatement.objects.get(contract=alice, month=date(2025, 6, 1))
    assert june.status == StatementStatus.SUBMITTED and june.declared_by == scenario["company_user"]
    # The company cannot declare on a lot that is not theirs, nor validate.
    assert client.get(reverse("clauses:company_lot", args=[scenario["far_lot"].pk])).status_code == 403
    assert client.post(reverse("clauses:statement_validate", args=[june.pk])).status_code == 403
    client.force_login(scenario["facilitator"])
    queue = client.get(reverse("clauses:statement_queue")).content.decode()
    assert "06/2025" in queue
    client.post(reverse("clauses:statement_reject", args=[june.pk]), {"reason": ""})
    june.refresh_from_db()
    assert june.status == StatementStatus.SUBMITTED
    client.post(reverse("clauses:statement_reject", args=[june.pk]), {"reason": "Bulletin manquant"})
    june.refresh_from_db()
    assert june.status == StatementStatus.REJECTED and june.rejection_reason == "Bulletin manquant"
    client.force_login(scenario["company_user"])
    assert "Bulletin manquant" in client.get(reverse("clauses:company_space")).content.decode()
    client.post(
        reverse("clauses:company_lot", args=[lot.pk]), {"contract": alice.pk, "month": "2025-06", "hours": "75"}
    )
    client.force_login(scenario["facilitator"])
    june.refresh_from_db()
    client.post(reverse("clauses:statement_validate", args=[june.pk]))
    june.refresh_from_db()
    assert june.status == StatementStatus.VALIDATED and june.hours == Decimal("75")
    # Once validated, the company can no longer change it.
    client.force_login(scenario["company_user"])
    response = client.post(
        reverse("clauses:company_lot", args=[lot.pk]), {"contract": alice.pk, "month": "2025-06", "hours": "10"}
    )
    assert "déjà validé" in response.content.decode()


def test_attestation_and_operation_bilan_documents(client, scenario):
    lot, company = scenario["lot"], scenario["company"]
    for user in (scenario["facilitator"], scenario["company_user"], scenario["buyer_user"]):
        client.force_login(user)
        response = client.get(reverse("clauses:attestation", args=[lot.pk, company.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    client.force_login(scenario["facilitator"])
    pdf = client.get(reverse("clauses:operation_bilan", args=[scenario["operation"].pk]), {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("clauses:operation_bilan", args=[scenario["operation"].pk]), {"format": "xlsx"})
    assert xlsx.content[:2] == b"PK"


def test_outcome_is_entered_and_counted(client, scenario):
    client.force_login(scenario["facilitator"])
    bob = scenario["bob"]
    client.post(
        reverse("clauses:outcome_add", args=[bob.participant_id]),
        {
            "sortie-lot": scenario["lot"].pk,
            "sortie-path_end_on": "2025-12-31",
            "sortie-observed_on": "2025-06-30",
            "sortie-situation": "emploi_durable",
        },
    )
    assert not bob.participant.outcomes.exists()  # observed before the end of the path: refused
    client.post(
        reverse("clauses:outcome_add", args=[bob.participant_id]),
        {
            "sortie-lot": scenario["lot"].pk,
            "sortie-path_end_on": "2025-06-30",
            "sortie-observed_on": "2025-12-31",
            "sortie-situation": "emploi_durable",
        },
    )
    page = client.get(reverse("clauses:bilan_year"), {"annee": 2025}).content.decode()
    assert bob.participant.outcomes.count() == 1
    assert "En emploi durable" in page


def test_proofs_are_served_only_to_those_concerned(client, scenario):
    from django.core.files.uploadedfile import SimpleUploadedFile

    lot, alice = scenario["lot"], scenario["alice"]
    client.force_login(scenario["company_user"])
    proof = SimpleUploadedFile("bulletin.pdf", b"%PDF-1.4 bulletin", content_type="application/pdf")
    client.post(
        reverse("clauses:company_lot", args=[lot.pk]),
        {"contract": alice.pk, "month": "2025-09", "hours": "50", "proof": proof},
    )
    statement = HoursStatement.objects.get(contract=alice, month=date(2025, 9, 1))
    url = reverse("clauses:statement_proof", args=[statement.pk])
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 bulletin"
    client.force_login(scenario["facilitator"])
    assert client.get(url).status_code == 200
    client.force_login(scenario["buyer_user"])
    assert client.get(url).status_code == 403


def test_globalisation_through_the_participant_file(client, scenario):
    from maillage.clauses.models import CountingRule

    lot = scenario["lot"]
    other = LotFactory(market__operation=scenario["operation"], commune=lot.commune, number=2, label="Peinture")
    from maillage.clauses import services as clause_services

    clause_services.assign_counting_rule(other)
    # A pooling agreement: the same holder on both lots, and the worked lot's rule allows pooling.
    clause_services.set_lot_company(None, other, scenario["company"], "titulaire")
    CountingRule.objects.filter(pk=other.counting_rule_id).update(allow_globalisation=True)
    person = scenario["alice"].participant
    client.force_login(scenario["facilitator"])
    before = client.get(reverse("clauses:lot_detail", args=[lot.pk])).context["row"]["done"]
    client.post(
        reverse("clauses:contract_add", args=[person.pk]),
        {
            "contrat-lot": other.pk,
            "contrat-credited_lot": lot.pk,
            "contrat-employer": scenario["company"].pk,
            "contrat-modality": "cdd",
            "contrat-start_on": "2025-05-01",
            "contrat-end_on": "2025-05-31",
        },
    )
    contract = Contract.objects.get(lot=other)
    StatementFactory(contract=contract, month=date(2025, 5, 1), hours=Decimal("50"))
    page = client.get(reverse("clauses:lot_detail", args=[lot.pk]))
    assert page.context["row"]["done"] == before + 50.0
    assert "imputé ici (globalisation)" in page.content.decode()


def test_remind_the_companies_of_a_late_lot(client, scenario, mailoutbox):
    lot = scenario["lot"]
    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:lot_detail", args=[lot.pk])).content.decode()
    assert "Relancer l'entreprise" in page  # 280 h done for 833 h due by the end of 2025
    client.post(reverse("clauses:lot_remind", args=[lot.pk]))
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [scenario["company_user"].email]
    body = mailoutbox[0].body
    assert "833 heures" in body and f"/clauses/espace-entreprise/lots/{lot.pk}/" in body
    assert str(scenario["alice"].participant) not in body and "Alex" not in body
    client.force_login(scenario["company_user"])
    assert client.post(reverse("clauses:lot_remind", args=[lot.pk])).status_code == 403


def test_closing_an_operation_closes_its_lots_and_computes_penalties(client, scenario):
    from maillage.clauses.models import OperationStatus

    lot = scenario["lot"]
    Lot.objects.filter(pk=lot.pk).update(penalty_per_hour=Decimal("30"))
    client.force_login(scenario["buyer_user"])
    assert client.post(reverse("clauses:operation_close", args=[scenario["operation"].pk])).status_code == 403
    client.force_login(scenario["facilitator"])
    confirm = client.get(reverse("clauses:operation_close", args=[scenario["operation"].pk]))
    assert "1 déclaration d'heures à valider" in confirm.content.decode()
    response = client.post(reverse("clauses:operation_close", args=[scenario["operation"].pk]), {"confirm": "1"})
    assert response["Location"] == reverse("clauses:operation_bilan", args=[scenario["operation"].pk])
    scenario["operation"].refresh_from_db()
    lot.refresh_from_db()
    assert scenario["operation"].status == OperationStatus.CLOSED and lot.status == "clos"
    row = client.get(reverse("clauses:lot_detail", args=[lot.pk])).context["row"]
    assert row["missing"] == 553.0 and row["penalty"] == 16590.0
    pdf = client.get(reverse("clauses:operation_bilan", args=[scenario["operation"].pk]), {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    assert (
        "16\u202f590,00&nbsp;€"
        in client.get(reverse("clauses:operation_bilan", args=[scenario["operation"].pk])).content.decode()
    )


def test_safe_redirect_after_a_decision_and_identity_collision(client, scenario):
    statement = HoursStatement.objects.get(status=StatementStatus.SUBMITTED)
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:statement_validate", args=[statement.pk]), {"next": "https://evil.example/phish"}
    )
    assert response["Location"] == reverse("clauses:statement_queue")
    alice, bob = scenario["alice"].participant, scenario["bob"].participant
    response = client.post(
        reverse("clauses:participant_edit", args=[bob.pk]),
        {
            "last_name": alice.last_name,
            "first_name": alice.first_name,
            "birth_date": alice.birth_date.isoformat(),
            "sex": "F",
            "qualification": "nc",
        },
    )
    assert response.status_code == 200 and "doublon" in response.content.decode()


def test_facilitators_edit_only_their_structures_coverage(client, scenario):
    from maillage.clauses.models import Coverage

    other = Coverage.objects.create(facilitator=scenario["facilitator"], structure=scenario["buyer"])
    client.force_login(scenario["facilitator"])
    assert client.get(reverse("clauses:coverage_edit", args=[other.pk])).status_code == 403
    own = scenario["facilitator"].memberships.get().organisation
    form = client.get(reverse("clauses:coverage_create")).context["form"]
    assert list(form.fields["structure"].queryset) == [own]


def test_queue_decisions_inline_with_htmx(client, scenario):
    statement = HoursStatement.objects.get(status=StatementStatus.SUBMITTED)
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:statement_reject", args=[statement.pk]), {"reason": "Doublon"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Rejeté : Doublon" in response.content.decode()
    response = client.post(reverse("clauses:statement_validate", args=[statement.pk]), HTTP_HX_REQUEST="true")
    assert "Validé" in response.content.decode()
    statement.refresh_from_db()
    assert statement.status == StatementStatus.VALIDATED


def test_facilitator_adapts_the_schedule(client, scenario):
    lot = scenario["lot"]  # 833 h over 2025
    client.force_login(scenario["facilitator"])
    url = reverse("clauses:lot_schedule", args=[lot.pk])
    assert len(client.get(url).context["rows"]) == 12
    back_loaded = {f"cumul-2025-{m:02d}": "0" for m in range(1, 7)}
    back_loaded.update({f"cumul-2025-{m:02d}": str(100 * (m - 6)) for m in range(7, 12)})
    back_loaded["cumul-2025-12"] = "800"
    response = client.post(url, back_loaded)
    assert "doit atteindre" in response.content.decode()
    back_loaded["cumul-2025-12"] = "833"
    back_loaded["cumul-2025-08"] = "50"  # lower than July
    assert "ne peut pas baisser" in client.post(url, back_loaded).content.decode()
    back_loaded["cumul-2025-08"] = "200"
    assert client.post(url, back_loaded).status_code == 302
    assert lot.schedule.get(month=date(2025, 6, 1)).cumulative_hours == 0
    assert lot.schedule.get(month=date(2025, 12, 1)).cumulative_hours == Decimal("833")


def test_participant_page_leaves_the_lot_selects_to_the_forms_opened_on_demand(client, scenario):
    """The file of a facilitator who follows many lots stays light: the contract and outcome forms, whose
    selects list every followed lot, are loaded when their section is opened (htmx) or on their own page."""
    facilitator, lot = scenario["facilitator"], scenario["lot"]
    for number in range(2, 40):
        LotFactory(market=lot.market, number=number, label=f"Corps d'état {number}")
    client.force_login(facilitator)
    person = scenario["alice"].participant
    page = client.get(reverse("clauses:participant_detail", args=[person.pk])).content.decode()
    assert "Corps d'état" not in page and "<optgroup" not in page
    assert page.count("<option") < 20  # the eligibility form's criteria and prescribers only
    for name in ("clauses:contract_add", "clauses:outcome_add"):
        url = reverse(name, args=[person.pk])
        assert f'hx-get="{url}"' in page and f'<a href="{url}">' in page  # without JavaScript: a link


def test_contract_form_groups_the_followed_lots_by_operation(client, scenario):
    """« Lot 2 – Gros œuvre » under an optgroup naming the operation once; the lots are read in one query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    facilitator, lot = scenario["facilitator"], scenario["lot"]
    client.force_login(facilitator)
    url = reverse("clauses:contract_add", args=[scenario["alice"].participant.pk])
    client.get(url)  # the shared caches (MDE settings, menu) filled
    with CaptureQueriesContext(connection) as before:
        page = client.get(url).content.decode()
    group = page[page.index('<select name="contrat-lot"') :].split("</select>")[0]
    assert '<optgroup label="Groupe scolaire">' in group
    assert f'<option value="{lot.pk}">Lot {lot.number} – {lot.label}</option>' in group
    assert "Voirie lointaine" not in page  # the lot of an operation this facilitator does not follow
    # No followed lot's rule allows globalisation: a note instead of a select of every lot.
    assert '<select name="contrat-credited_lot"' not in page and "n'autorise la globalisation" in page
    for number in range(2, 12):  # more followed lots: the page costs no more queries
        LotFactory(market=lot.market, number=number)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and 'name="contrat-lot"' in fragment and "csrfmiddlewaretoken" in fragment
    outcome = client.get(reverse("clauses:outcome_add", args=[scenario["alice"].participant.pk])).content.decode()
    assert '<optgroup label="Groupe scolaire">' in outcome and 'name="sortie-lot"' in outcome


def test_contract_form_offers_globalisation_when_a_followed_lot_allows_it(client, scenario):
    from maillage.clauses.models import CountingRule

    CountingRule.objects.filter(pk=scenario["lot"].counting_rule_id).update(allow_globalisation=True)
    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:contract_add", args=[scenario["alice"].participant.pk])).content.decode()
    assert '<select name="contrat-credited_lot"' in page and "n'autorise la globalisation" not in page


def test_add_forms_are_for_the_facilitators_of_the_person(client, scenario):
    client.force_login(scenario["facilitator"])
    stranger = ParticipantFactory()
    for name in ("clauses:contract_add", "clauses:outcome_add"):
        assert client.get(reverse(name, args=[stranger.pk])).status_code == 403
