"""A job seeker with an account: the events menu leads to the public agenda, the home shows what is
coming, the registration form is filled from the account, and « Mes inscriptions » lists their own
registrations — those made with their account's e-mail, never another person's."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from maillage.accounts.models import User
from maillage.core.menu import menu_for
from maillage.events.choices import EventStatus
from maillage.events.models import Registration

from .conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(db):
    return User.objects.create_user(
        email="fatima.benali@example.org", password="Un-mot-de-passe-2026", first_name="Fatima", last_name="Benali"
    )


def _register(client, event, email, **extra):
    data = {
        "first_name": "Fatima",
        "last_name": "Benali",
        "email": email,
        "mode": "ENPHY",
        "consent": "on",
        **extra,
    }
    return client.post(reverse("events:public_event", args=[event.pk]), data)


def _events_entry(user):
    return next((entry for entry in menu_for(user) if entry["module"].key == "events"), None)


def test_the_menu_leads_a_job_seeker_to_the_agenda_and_staff_to_their_events(world, seeker):
    assert _events_entry(seeker)["url"] == reverse("events:calendar")
    assert _events_entry(world.staff)["url"] == reverse("events:event_list")
    assert _events_entry(world.company)["url"] == reverse("events:event_list")


def test_the_staff_pages_stay_closed_to_a_job_seeker(world, client, seeker):
    client.force_login(seeker)
    assert client.get(reverse("events:event_list")).status_code == 403
    assert client.get(reverse("events:event_detail", args=[world.event.pk])).status_code == 403


def test_the_home_of_a_job_seeker_shows_the_public_events_to_come(world, client, seeker):
    make_event(world.mde, days=20, title="Job dating du bâtiment", status=EventStatus.DRAFT)
    make_event(world.mde, days=-20, title="Forum passé")
    client.force_login(seeker)
    text = client.get(reverse("core:home")).content.decode()
    assert "Salons et job datings à venir" in text
    # The fixture's published event only: neither the draft nor the past one.
    assert escape(f"prochain : {world.event.title}") in text
    assert "Job dating du bâtiment" not in text
    assert "Vos inscriptions à venir" not in text


def test_the_form_is_filled_from_the_account(world, client, seeker):
    client.force_login(seeker)
    text = client.get(reverse("events:public_event", args=[world.event.pk])).content.decode()
    assert 'value="fatima.benali@example.org"' in text
    assert 'value="Fatima"' in text and 'value="Benali"' in text


def test_a_registration_with_the_account_e_mail_shows_in_my_registrations(world, client, seeker):
    client.force_login(seeker)
    assert _register(client, world.event, "Fatima.Benali@example.org").status_code == 302
    page = client.get(reverse("events:my_registrations"))
    assert page.status_code == 200
    assert escape(world.event.title) in page.content.decode()
    registration = Registration.objects.get(event=world.event)
    assert registration.registrant.user == seeker
    home = client.get(reverse("core:home")).content.decode()
    assert "Vos inscriptions à venir" in home
    # The next registration's form remembers the phone given the first time.
    other = make_event(world.mde, days=30, title="Forum de l'emploi")
    registration.registrant.person.phone = "0601020304"
    registration.registrant.person.save()
    text = client.get(reverse("events:public_event", args=[other.pk])).content.decode()
    assert "0601020304" in text, [line for line in text.splitlines() if "phone" in line]


def test_registering_someone_else_links_no_account(world, client, seeker):
    client.force_login(seeker)
    assert _register(client, world.event, "quelquun.dautre@example.org").status_code == 302
    registration = Registration.objects.get(event=world.event)
    assert registration.registrant.user is None
    mine = client.get(reverse("events:my_registrations")).content.decode()
    assert escape(world.event.title) not in mine and "pas encore d'inscription" in mine


def test_another_account_never_sees_my_registrations(world, client, seeker):
    client.force_login(seeker)
    _register(client, world.event, seeker.email)
    assert escape(world.event.title) in client.get(reverse("events:my_registrations")).content.decode()
    intruder = User.objects.create_user(email="autre@example.org", password="Un-mot-de-passe-2026")
    client.force_login(intruder)
    assert escape(world.event.title) not in client.get(reverse("events:my_registrations")).content.decode()


def test_my_registrations_needs_an_account(world, client):
    response = client.get(reverse("events:my_registrations"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_an_anonymous_registration_links_no_account(world, client, seeker):
    assert _register(client, world.event, seeker.email).status_code == 302
    assert Registration.objects.get(event=world.event).registrant.user is None


def test_a_job_seeker_refused_a_staff_page_is_not_sent_to_her_structures_administrator(world, client, seeker):
    # She has no structure: « demandez à l'administrateur de votre structure » was no help.
    client.force_login(seeker)
    page = client.get(reverse("events:event_list")).content.decode()
    assert "réservée aux professionnels de l'emploi du territoire" in page
    assert "administrateur de votre structure" not in page
