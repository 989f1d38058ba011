"""An eligibility criterion that contradicts the person's age is refused (form, contract, import) or flagged."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.clauses import services
from maillage.clauses.forms import CriterionForm
from maillage.clauses.models import Eligibility, EligibilityCriterion, Modality
from maillage.clauses.services import imports
from tests.clauses.factories import EligibilityFactory, ParticipantFactory, criterion

pytestmark = pytest.mark.django_db


def _structure(scenario):
    return scenario["facilitator"].memberships.first().organisation


def test_default_criteria_carry_their_age_conditions():
    assert (criterion("jeune").age_from, criterion("jeune").age_under) == (None, 26)
    assert (criterion("senior").age_from, criterion("senior").age_under) == (50, None)


def test_a_young_person_criterion_for_a_person_of_32_is_refused(scenario):
    person = ParticipantFactory(birth_date=date(1993, 1, 15))
    with pytest.raises(ValidationError, match="moins de 26 ans : la personne a 32 ans au 1er mars 2025"):
        services.validate_eligibility(
            scenario["facilitator"], person, criterion("jeune"), validated_on=date(2025, 3, 1)
        )
    with pytest.raises(ValidationError, match="50 ans ou plus : la personne a 30 ans"):
        services.validate_eligibility(
            scenario["facilitator"], ParticipantFactory(birth_date=date(1995, 1, 1)), criterion("senior"),
            validated_on=date(2025, 3, 1),
        )  # fmt: skip
    # The day before the 26th birthday still fits; the birthday itself no longer does.
    young = ParticipantFactory(birth_date=date(1999, 3, 2))
    services.validate_eligibility(scenario["facilitator"], young, criterion("jeune"), validated_on=date(2025, 3, 1))
    with pytest.raises(ValidationError):
        services.validate_eligibility(scenario["facilitator"], young, criterion("jeune"), validated_on=date(2025, 3, 2))


def test_a_contract_starting_after_the_26th_birthday_needs_another_criterion(scenario):
    person = ParticipantFactory(birth_date=date(1999, 6, 1))
    services.validate_eligibility(scenario["facilitator"], person, criterion("jeune"), validated_on=date(2025, 1, 2))
    contract = {
        "participant": person,
        "lot": scenario["lot"],
        "employer": scenario["company"],
        "modality": Modality.CDDI,
    }
    with pytest.raises(ValidationError, match="la personne a 26 ans au 1er juillet 2025"):
        services.create_contract(scenario["facilitator"], start_on=date(2025, 7, 1), **contract)
    services.create_contract(scenario["facilitator"], start_on=date(2025, 3, 1), **contract)
    services.validate_eligibility(scenario["facilitator"], person, criterion("rsa"), validated_on=date(2025, 6, 1))
    services.create_contract(scenario["facilitator"], start_on=date(2025, 7, 1), **contract)


def test_the_form_shows_the_refusal_in_french(client, scenario):
    person = ParticipantFactory(birth_date=date(1993, 1, 15), structure=_structure(scenario))
    client.force_login(scenario["facilitator"])
    response = client.post(
        reverse("clauses:eligibility_add", args=[person.pk]),
        {"criterion": criterion("jeune").pk, "validated_on": "2025-03-01"},
        follow=True,
    )
    assert "exige moins de 26 ans : la personne a 32 ans" in response.content.decode()
    assert not Eligibility.objects.filter(participant=person).exists()


def test_the_import_refuses_it_on_the_criteria_column(scenario):
    text = "nom;prenom;date_naissance;sexe;criteres;date_validation\nRoux;Paul;15/01/1993;M;jeune;01/03/2025\n"
    upload = SimpleUploadedFile("p.csv", text.encode(), content_type="text/csv")
    batch = imports.prepare_import(scenario["facilitator"], "participants", upload)
    assert [(e["line"], e["column"]) for e in batch.errors] == [(2, "criteres")]
    assert "la personne a 32 ans" in batch.errors[0]["message"]


def test_an_eligibility_recorded_before_the_rule_is_flagged_on_the_person_page(client, scenario):
    person = ParticipantFactory(birth_date=date(1980, 1, 1), structure=_structure(scenario))
    EligibilityFactory(participant=person, criterion=criterion("jeune"), validated_on=date(2025, 1, 1))
    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:participant_detail", args=[person.pk])).content.decode()
    assert "À vérifier : Le critère « Jeune de moins de 26 ans" in page and "45 ans au 1er janvier 2025" in page


def test_ages_are_configured_per_territory_and_health_criteria_must_be_restricted():
    form = CriterionForm({"code": "jeune-th", "label": "Jeune RQTH de moins de 30 ans", "validity_months": 24,
                          "age_under": 30, "order": 1, "is_active": True})  # fmt: skip
    assert not form.is_valid() and "donnée de santé" in form.errors["is_health_data"][0]
    form = CriterionForm({"code": "x", "label": "Tranche", "validity_months": 24, "age_from": 30, "age_under": 30,
                          "order": 1, "is_active": True})  # fmt: skip
    assert not form.is_valid() and "age_under" in form.errors
    form = CriterionForm({"code": "jeune-th", "label": "Jeune RQTH de moins de 30 ans", "validity_months": 24,
                          "age_under": 30, "order": 1, "is_active": True, "is_health_data": True})  # fmt: skip
    assert form.is_valid(), form.errors
    saved = form.save()
    assert EligibilityCriterion.objects.get(pk=saved.pk).age_problem(date(1990, 1, 1), date(2025, 1, 1))
