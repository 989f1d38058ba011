"""An invalid POST of the participant file's contract and outcome forms comes back with its errors and what
was typed (on the form's own page, or as the fragment when posted through htmx), never a redirect that
loses it."""

import pytest
from django.urls import reverse

from maillage.clauses.models import Contract

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
