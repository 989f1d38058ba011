"""Abuse limits of « mot de passe oublié » (kernel/ratelimit.py): no mail bombing from the MDE's domain."""

import pytest
from django.core import mail
from django.urls import reverse

from maillage.accounts.models import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

HOME = "198.51.100.7"


@pytest.fixture
def limits(settings):
    settings.MAILLAGE_RATE_LIMITS = {
        **settings.MAILLAGE_RATE_LIMITS,
        "password_reset": "2/h",
        "mail_per_address": "2/d",
    }


def _reset(client, email, address=HOME, **headers):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address, **headers)


def test_the_third_request_from_one_address_is_refused_with_the_address_kept(client, limits):
    for n in range(2):
        assert _reset(client, f"inconnu{n}@exemple.fr").status_code == 302
    refused = _reset(client, "inconnu2@exemple.fr")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Trop de demandes" in refused.text and 'value="inconnu2@exemple.fr"' in refused.text
    assert _reset(client, "inconnu2@exemple.fr", "203.0.113.20").status_code == 302


def test_a_forged_forwarded_for_does_not_reset_the_counter(client, limits):
    for n in range(2):
        _reset(client, f"inconnu{n}@exemple.fr", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert _reset(client, "inconnu9@exemple.fr", HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429


def test_mails_to_one_account_stop_at_the_daily_cap_with_the_same_answer(client, limits):
    user = user_with_role(Role.PARTNER)
    known = [_reset(client, user.email, f"192.0.2.{n}") for n in range(3)]
    unknown = _reset(client, "inconnu@exemple.fr", "192.0.2.50")
    assert {(r.status_code, r["Location"]) for r in [*known, unknown]} == {
        (302, reverse("accounts:password_reset_done"))
    }
    assert [message.to for message in mail.outbox] == [[user.email]] * 2
