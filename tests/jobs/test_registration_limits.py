"""Abuse limits of the public self-registration (kernel/ratelimit.py): a script can neither create
accounts in bulk from one address nor make Maillage mail a third party without end."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from .test_registration import FORM

HOME = "198.51.100.7"


@pytest.fixture
def limits(settings):
    settings.MAILLAGE_RATE_LIMITS = {
        **settings.MAILLAGE_RATE_LIMITS,
        "self_registration": "2/h",
        "mail_per_address": "2/d",
    }


def _register(client, email, address, capture):
    with capture(execute=True):
        return client.post(reverse("jobs:register"), {**FORM, "email": email}, REMOTE_ADDR=address)


def test_the_third_registration_from_one_address_is_refused_with_its_input_kept(
    ref, client, limits, django_capture_on_commit_callbacks
):
    for n in range(2):
        assert _register(client, f"ines{n}@exemple.fr", HOME, django_capture_on_commit_callbacks).status_code == 302
    refused = _register(client, "ines2@exemple.fr", HOME, django_capture_on_commit_callbacks)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Trop de demandes" in refused.text and "sauf le mot de passe" in refused.text
    assert 'value="ines2@exemple.fr"' in refused.text and 'value="Dupuis"' in refused.text
    assert not get_user_model().objects.filter(email="ines2@exemple.fr").exists()
    assert len(mail.outbox) == 2
    other = _register(client, "ines2@exemple.fr", "203.0.113.20", django_capture_on_commit_callbacks)
    assert other.status_code == 302


def test_a_forged_forwarded_for_does_not_reset_the_counter(ref, client, limits, django_capture_on_commit_callbacks):
    for n in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("jobs:register"), {**FORM, "email": f"i{n}@exemple.fr"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
            )
    forged = client.post(reverse("jobs:register"), {**FORM, "email": "i9@exemple.fr"}, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert forged.status_code == 429


def test_mails_to_one_address_stop_at_the_daily_cap_without_telling(
    ref, client, limits, django_capture_on_commit_callbacks
):
    """New or known, the address gets at most the cap; the answer stays the same (no enumeration)."""
    get_user_model().objects.create_user(email="connue@exemple.fr", password="x" * 12)
    answers = set()
    for n in range(3):
        response = _register(client, "connue@exemple.fr", f"192.0.2.{n}", django_capture_on_commit_callbacks)
        answers.add((response.status_code, response["Location"]))
    for n in range(3):
        response = _register(client, "nouvelle@exemple.fr", f"192.0.2.{n + 10}", django_capture_on_commit_callbacks)
        answers.add((response.status_code, response["Location"]))
    assert answers == {(302, reverse("jobs:register_sent"))}
    assert sorted(message.to[0] for message in mail.outbox) == ["connue@exemple.fr"] * 2 + ["nouvelle@exemple.fr"] * 2
