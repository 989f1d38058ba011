"""Forms posted with errors (the registrants page's two, the stand's own and its per-item ones, the person's
satisfaction survey) come back on their page with the errors and what was typed (status 200, as every form
of the product), never a redirect that loses it."""

from django.urls import reverse

from maillage.events.models import Event, Outcome, Registration, SatisfactionResponse
from maillage.events.services import stands as stand_services
from maillage.events.services.tokens import registration_token

from .conftest import register


def test_an_incomplete_walk_in_comes_back_on_the_list_with_the_error_and_what_was_typed(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("events:walk_in", args=[world.event.pk]),
        {"sur-place-first_name": "Marc", "sur-place-last_name": "", "sur-place-mode": "ENPHY"},
    )
    assert response.status_code == 200
    page = response.text
    assert "Inscrits et pointage" in page and 'id="id_sur-place-last_name_error"' in page
    assert 'value="Marc"' in page
    assert not Registration.objects.filter(registrant__person__first_name="Marc").exists()


def test_an_invalid_registration_on_behalf_comes_back_on_the_list_with_what_was_typed(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("events:on_behalf", args=[world.event.pk]),
        {"pour-first_name": "Lina", "pour-last_name": "Roux", "pour-email": "pas-une-adresse", "pour-mode": "ADIST"},
    )
    assert response.status_code == 200
    page = response.text
    assert 'id="id_pour-email_error"' in page and 'value="Lina"' in page and 'value="Roux"' in page
    assert not Registration.objects.filter(registrant__person__first_name="Lina").exists()


def test_a_partner_who_does_not_see_the_list_is_sent_back_to_the_event_with_the_errors(client, world):
    client.force_login(world.partner)
    response = client.post(reverse("events:on_behalf", args=[world.event.pk]), {"pour-first_name": "Lina"})
    assert response.status_code == 302
    assert response["Location"] == reverse("events:event_detail", args=[world.event.pk])


def test_an_offer_without_its_job_comes_back_on_the_stand_with_what_was_typed(client, world):
    client.force_login(world.company)
    response = client.post(
        reverse("events:create_offer", args=[world.stand.pk]),
        {"title": "Opératrice de câblage", "contract_type": "CDI", "positions": "2", "description": "Équipe de jour."},
    )
    assert response.status_code == 200
    page = response.text
    assert f"Stand {world.plant.name}" in page.replace("&#x27;", "'") and 'id="id_appellation_error"' in page
    assert 'value="Opératrice de câblage"' in page and "Équipe de jour." in page
    assert not world.stand.offers.filter(offer__title="Opératrice de câblage").exists()


def test_slots_without_their_start_come_back_on_the_stand_with_what_was_typed(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("events:add_slots", args=[world.stand.pk]),
        {"count": "4", "duration_minutes": "30", "channel": "visio", "recruiter": "Mme Lefèvre"},
    )
    assert response.status_code == 200
    page = response.text
    assert 'id="id_starts_at_error"' in page and 'value="Mme Lefèvre"' in page
    assert world.stand.slots.count() == len(world.slots)


def test_a_survey_without_its_score_comes_back_with_the_comment_typed(client, world):
    registration = register(world.event, 1)
    Event.objects.filter(pk=world.event.pk).update(start_date=world.event.start_date.replace(year=2020))
    token = registration_token(registration)
    response = client.post(
        reverse("events:satisfaction", args=[token]), {"useful": "1", "comment": "Très bon accueil au stand"}
    )
    assert response.status_code == 200
    assert 'id="id_score_error"' in response.text and "Très bon accueil au stand" in response.text
    assert not SatisfactionResponse.objects.exists()


def test_the_company_survey_without_its_score_comes_back_on_the_stand_with_the_comment_typed(client, world):
    client.force_login(world.company)
    response = client.post(
        reverse("events:company_satisfaction", args=[world.stand.pk]), {"useful": "1", "comment": "Trois embauches"}
    )
    assert response.status_code == 200
    assert 'id="id_score_error"' in response.text and "Trois embauches" in response.text
    assert not SatisfactionResponse.objects.exists()


# The stand page's per-item forms (a question per offer, a decision and an outcome per application, an offer
# taken from the jobs module) used to redirect to the stand with a flash message, losing what was typed.


def stand_page(response) -> str:
    assert response.status_code == 200
    page = response.text.replace("&#x27;", "'")
    assert "<h1" in page and "Stand Câblerie de l'Iton" in page
    return page


def test_a_question_without_its_text_comes_back_with_its_choices_kept(client, world):
    client.force_login(world.company)
    prefix = f"q{world.stand_offer.pk}"
    response = client.post(
        reverse("events:add_question", args=[world.stand.pk, world.stand_offer.pk]),
        {f"{prefix}-text": "", f"{prefix}-expected_answer": "0", f"{prefix}-is_eliminatory": "on"},
    )
    page = stand_page(response)
    assert f'id="id_{prefix}-text_error"' in page and "Ce champ est obligatoire." in page
    assert f'name="{prefix}-is_eliminatory" id="id_{prefix}-is_eliminatory" class="form-check-input" checked' in page
    assert '<option value="0" selected>Non</option>' in page
    assert not world.stand_offer.questions.exists()


def test_an_eleventh_question_is_refused_with_its_text_kept(client, world):
    for n in range(10):
        stand_services.add_question(
            stand_offer=world.stand_offer, text=f"Question {n} ?", expected_answer=True, is_eliminatory=False
        )
    client.force_login(world.company)
    prefix = f"q{world.stand_offer.pk}"
    response = client.post(
        reverse("events:add_question", args=[world.stand.pk, world.stand_offer.pk]),
        {f"{prefix}-text": "Êtes-vous disponible le samedi ?", f"{prefix}-expected_answer": "1"},
    )
    page = stand_page(response)
    assert "Dix questions au plus par offre." in page and 'value="Êtes-vous disponible le samedi ?"' in page
    assert world.stand_offer.questions.count() == 10


def test_a_refusal_without_its_reason_comes_back_with_the_decision_kept(client, world):
    application = stand_services.apply(registration=register(world.event, 1), stand_offer=world.stand_offer, answers={})
    client.force_login(world.company)
    prefix = f"d{application.pk}"
    response = client.post(
        reverse("events:decide", args=[world.stand.pk, application.pk]),
        {f"{prefix}-decision": "non_retenu", f"{prefix}-reason": ""},
    )
    page = stand_page(response)
    assert f'id="id_{prefix}-reason_error"' in page
    assert "Choisissez le motif, il sera présenté avec tact au candidat." in page
    assert '<option value="non_retenu" selected>Non retenu</option>' in page
    application.refresh_from_db()
    assert application.decision == "en_attente"


def test_a_hire_without_its_contract_comes_back_open_with_what_was_typed(client, world):
    application = stand_services.apply(registration=register(world.event, 1), stand_offer=world.stand_offer, answers={})
    client.force_login(world.staff)
    prefix = f"suite-{application.pk}"
    response = client.post(
        reverse("events:outcome", args=[world.stand.pk, application.pk]),
        {f"{prefix}-interviewed": "on", f"{prefix}-hired": "on", f"{prefix}-hired_on": "2026-03-02"},
    )
    page = stand_page(response)
    assert f'id="id_{prefix}-contract_type_error"' in page and "Indiquez le type de contrat de l'embauche." in page
    assert f'id="id_{prefix}-hired" class="form-check-input" checked' in page and 'value="2026-03-02"' in page
    assert f'<details id="suite-candidature-{application.pk}" open>' in page
    assert not Outcome.objects.exists()


def test_an_offer_that_is_not_the_company_s_comes_back_with_the_error(client, world):
    client.force_login(world.company)
    response = client.post(
        reverse("events:add_existing_offer", args=[world.stand.pk]), {"offer": world.other_offer.offer_id}
    )
    page = stand_page(response)
    assert 'id="id_offer_error"' in page and "Choisissez une offre publiée de l'entreprise." in page
    assert world.stand.offers.count() == 1


# The event page's two forms had the same defect.


def test_a_second_stand_for_the_same_company_comes_back_on_the_event_with_what_was_typed(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("events:add_stand", args=[world.event.pk]),
        {"establishment": world.plant.pk, "recruiters": "M. Caron, Mme Diallo"},
    )
    assert response.status_code == 200
    page = response.text.replace("&#x27;", "'")
    assert "Cette entreprise a déjà un stand sur cet événement." in page and 'value="M. Caron, Mme Diallo"' in page
    assert f'<option value="{world.plant.pk}" selected>' in page
    assert world.event.stands.count() == 2


def test_a_partner_without_its_role_comes_back_on_the_event_with_the_organisation_kept(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("events:add_partner", args=[world.event.pk]), {"organisation": world.partner_org.pk, "role": ""}
    )
    assert response.status_code == 200
    page = response.text
    assert 'id="id_role_error"' in page and "Ce champ est obligatoire." in page
    assert f'<option value="{world.partner_org.pk}" selected>' in page
    assert not world.event.partners.exists()
