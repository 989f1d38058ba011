"""Abuse limits of the public event pages (kernel/ratelimit.py): a script can no longer fill an event
with fake registrations, book its interview slots or bomb a mailbox with confirmations."""

import pytest
from django.core import mail
from django.urls import reverse

from maillage.events.models import Registration, StandApplication
from maillage.events.services.tokens import registration_token

from .conftest import make_event, register

pytestmark = pytest.mark.django_db

HOME = "198.51.100.7"
ELSEWHERE = "203.0.113.20"


@pytest.fixture
def limits(settings):
    settings.MAILLAGE_RATE_LIMITS = {
        **settings.MAILLAGE_RATE_LIMITS,
        "event_registration": "3/h",
        "event_action": "2/h",
        "mail_per_address": "2/d",
    }


def _register(client, event, n, address=HOME, **headers):
    data = {"first_name": "Inès", "last_name": f"Martin{n}", "email": f"ines{n}@exemple.org"}
    data |= {"mode": "ENPHY", "consent": "on"}
    return client.post(reverse("events:public_event", args=[event.pk]), data, REMOTE_ADDR=address, **headers)


def test_the_fourth_registration_from_one_address_is_refused_with_its_input_kept(client, world, limits):
    for n in range(3):
        assert _register(client, world.event, n).status_code == 302
    refused = _register(client, world.event, 3)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Trop de demandes" in refused.text and "renvoyez le formulaire dans" in refused.text
    assert 'value="ines3@exemple.org"' in refused.text and 'value="Martin3"' in refused.text
    assert Registration.objects.count() == 3
    world.event.refresh_from_db()
    assert world.event.registered_on_site == 3  # no place taken by the refused request
    assert _register(client, world.event, 4, address=ELSEWHERE).status_code == 302


def test_a_forged_forwarded_for_does_not_reset_the_counter(client, world, limits):
    for n in range(3):
        _register(client, world.event, n, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert _register(client, world.event, 3, HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429


def test_behind_the_proxy_the_forwarded_address_is_the_client(client, world, limits, settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    for n in range(3):  # every request comes from the proxy's own address
        assert _register(client, world.event, n, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 302
    assert _register(client, world.event, 3, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 429
    # Only the entry our proxy wrote counts: what the client put before it changes nothing.
    forged = "10.1.1.1, 192.0.2.1"
    assert _register(client, world.event, 4, HTTP_X_FORWARDED_FOR=forged).status_code == 429
    assert _register(client, world.event, 5, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 302


def test_the_staff_are_not_limited(client, world, limits):
    client.force_login(world.staff)
    for n in range(5):
        assert _register(client, world.event, n).status_code == 302


def test_applications_and_bookings_are_limited_per_address(client, world, limits):
    token = registration_token(register(world.event, 1))
    apply_url = reverse("events:apply", args=[token, world.stand_offer.pk])
    assert client.post(apply_url, REMOTE_ADDR=HOME).status_code == 302
    assert (
        client.post(reverse("events:book_slot", args=[token]), {"slot": world.slots[0].pk}, REMOTE_ADDR=HOME)[
            "X-Booking"
        ]
        == "booked"
    )
    refused = client.post(reverse("events:apply", args=[token, world.other_offer.pk]), REMOTE_ADDR=HOME)
    assert refused.status_code == 429
    assert "Trop de demandes en peu de temps" in refused.text and "Réessayez dans" in refused.text
    assert "Traceback" not in refused.text
    assert StandApplication.objects.count() == 1
    other = client.post(reverse("events:apply", args=[token, world.other_offer.pk]), REMOTE_ADDR=ELSEWHERE)
    assert other.status_code == 302 and StandApplication.objects.count() == 2


def test_confirmations_to_one_address_stop_at_the_daily_cap_with_the_same_answer(
    client, world, limits, django_capture_on_commit_callbacks
):
    events = [world.event, *(make_event(world.mde, title=f"Forum {n}") for n in range(2))]
    answers = []
    for n, event in enumerate(events):
        data = {"first_name": "Inès", "last_name": "Martin", "email": "victime@exemple.org"}
        data |= {"mode": "ENPHY", "consent": "on"}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("events:public_event", args=[event.pk]), data, REMOTE_ADDR=f"192.0.2.{n}")
        answers.append((response.status_code, response["Location"].rsplit("/", 2)[0]))
    assert len(set(answers)) == 1 and answers[0][0] == 302
    assert Registration.objects.count() == 3
    assert [message.to for message in mail.outbox] == [["victime@exemple.org"]] * 2


def test_a_counsellor_registering_someone_is_not_capped(world, limits, django_capture_on_commit_callbacks):
    events = [world.event, *(make_event(world.mde, title=f"Forum {n}") for n in range(2))]
    for event in events:
        with django_capture_on_commit_callbacks(execute=True):
            register(event, 1, registered_by=world.partner)
    assert len(mail.outbox) == 3
