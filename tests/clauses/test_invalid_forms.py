"""A form of the participant file (eligibility, contract, outcome) or of the lot page (amendment, framework
period, clause, company) posted with errors comes back with them and what was typed (on its page, opened, or
as the fragment when posted through htmx), never a redirect that loses it."""

from datetime import date

import pytest
from django.urls import reverse

from maillage.clauses.models import Contract

from .factories import ParticipantFactory, criterion

pytestmark = pytest.mark.django_db


def _contract(scenario, **changes):
    data = {
        "contrat-lot": scenario["lot"].pk,
        "contrat-employer": scenario["company"].pk,
        "contrat-modality": "cddi",
        "contrat-start_on": "2025-03-01",
        "contrat-job_title": "Maçon VRD",
    }
    return {**data, **changes}


def test_an_incomplete_contract_comes_back_with_the_field_error_and_what_was_typed(client, scenario):
    participant = scenario["alice"].participant
    client.force_login(scenario["facilitator"])
    before = Contract.objects.count()
    response = client.post(
        reverse("clauses:contract_add", args=[participant.pk]), _contract(scenario, **{"contrat-start_on": ""})
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<html" in page
    assert 'id="id_contrat-start_on_error"' in page and 'aria-invalid="true"' in page
    assert 'value="Maçon VRD"' in page
    assert Contract.objects.count() == before


def test_a_contract_the_service_refuses_shows_why_in_the_form(client, scenario):
    participant = scenario["alice"].participant
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:contract_add", args=[participant.pk]),
        _contract(scenario, **{"contrat-end_on": "2025-02-01"}),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "La fin du contrat précède son début." in page and 'id="id_contrat-end_on_error"' in page
    assert 'value="Maçon VRD"' in page and 'value="2025-02-01"' in page


def test_an_invalid_contract_posted_through_htmx_comes_back_as_the_fragment(client, scenario):
    participant = scenario["alice"].participant
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:contract_add", args=[participant.pk]),
        _contract(scenario, **{"contrat-modality": ""}),
        headers={"HX-Request": "true"},
    )
    fragment = response.content.decode()
    assert response.status_code == 200 and "<html" not in fragment
    assert 'id="id_contrat-modality_error"' in fragment and 'value="Maçon VRD"' in fragment


def test_an_outcome_out_of_its_window_comes_back_with_the_error_and_the_dates_typed(client, scenario):
    participant = scenario["bob"].participant
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:outcome_add", args=[participant.pk]),
        {
            "sortie-lot": scenario["lot"].pk,
            "sortie-path_end_on": "2025-12-31",
            "sortie-observed_on": "2025-06-30",
            "sortie-situation": "emploi_durable",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_sortie-observed_on_error"' in page and "5 à 9 mois après la fin du parcours" in page
    assert 'value="2025-12-31"' in page and 'value="2025-06-30"' in page
    assert not participant.outcomes.exists()


def test_a_valid_contract_still_goes_back_to_the_file(client, scenario):
    participant = scenario["alice"].participant
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:contract_add", args=[participant.pk]),
        _contract(scenario, **{"contrat-start_on": "2025-04-01"}),
    )
    assert response.status_code == 302 and response["Location"] == participant.get_absolute_url()


def test_an_amendment_without_its_object_comes_back_open_on_the_lot_page_with_what_was_typed(client, scenario):
    lot = scenario["lot"]
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:lot_amend", args=[lot.pk]),
        {"avenant-signed_on": "2025-06-02", "avenant-reason": "", "avenant-amount": "123456"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and lot.label in page
    assert "<details open><summary>Enregistrer un avenant" in page
    assert 'id="id_avenant-reason_error"' in page and 'value="123456"' in page and 'value="2025-06-02"' in page
    assert not lot.amendments.exists()


def test_a_clause_the_service_refuses_comes_back_open_with_the_reason_under_its_field(client, scenario):
    lot = scenario["lot"]
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:lot_clause", args=[lot.pk]), {"kind": "reserve", "notes": "Lot réservé aux SIAE du PLIE"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<details open><summary>Ajouter une clause" in page
    assert 'id="id_reserved_for_error"' in page and "Précisez à qui le marché est réservé" in page
    assert 'value="Lot réservé aux SIAE du PLIE"' in page
    assert not lot.clauses.filter(kind="reserve").exists()


def test_a_company_ending_before_it_starts_comes_back_open_with_the_dates_typed(client, scenario):
    lot = scenario["lot"]
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:lot_company", args=[lot.pk]),
        {"company": scenario["company"].pk, "role": "sous_traitant", "start_on": "2025-05-01", "end_on": "2025-04-01"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<details open><summary>Rattacher une entreprise" in page
    assert "La fin précède le début." in page and 'value="2025-04-01"' in page


def test_an_incomplete_framework_period_comes_back_open_on_the_lot_page(client, scenario):
    lot = scenario["lot"]
    type(lot).objects.filter(pk=lot.pk).update(is_framework=True)
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:lot_framework", args=[lot.pk]),
        {"period_start": "2025-01-01", "period_end": "2025-03-31", "ordered": "50000"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<details open><summary>Saisir une période" in page
    assert 'id="id_invoiced_error"' in page and 'value="50000"' in page
    assert not lot.framework_periods.exists()


def test_an_eligibility_the_service_refuses_comes_back_open_in_the_file_with_what_was_typed(client, scenario):
    participant = ParticipantFactory(birth_date=date(1993, 1, 15))
    participant.structure_id = scenario["facilitator"].memberships.values_list("organisation_id", flat=True)[0]
    participant.save()
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:eligibility_add", args=[participant.pk]),
        {"criterion": criterion("jeune").pk, "validated_on": "2025-03-01", "proof_kind": "Attestation Mission locale"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<details open><summary>Valider un critère" in page
    assert 'id="id_criterion_error"' in page and "la personne a 32 ans" in page
    assert 'value="Attestation Mission locale"' in page
    assert not participant.eligibilities.exists()
