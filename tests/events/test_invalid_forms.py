"""Forms posted with errors (the registrants page's two, the stand's own, the person's satisfaction survey)
come back on their page with the errors and what was typed (status 200, as every form of the product), never
a redirect that loses it."""

from django.urls import reverse

from maillage.events.models import Event, Registration, SatisfactionResponse
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
