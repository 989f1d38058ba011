"""The abuse limits' kernel: rates read from the settings, the client address by the site's rule, the
French wording of the wait, and no personal data in the cache keys."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from maillage.kernel import ratelimit


@pytest.mark.parametrize(
    "rate, count, seconds", [("30/h", 30, 3600), ("5/d", 5, 86400), ("10/15m", 10, 900), (" 3 / 20s ", 3, 20)]
)
def test_rates_are_read_from_the_settings_format(rate, count, seconds):
    assert ratelimit.parse(rate) == ratelimit.Limit(count, seconds)


@pytest.mark.parametrize("rate", ["30", "30/x", "abc/h", "0/h", "5/0m", ""])
def test_a_wrong_rate_is_a_configuration_error_in_french(rate):
    with pytest.raises(ImproperlyConfigured, match="Limite invalide"):
        ratelimit.parse(rate)


def test_every_configured_limit_parses(settings):
    for scope in settings.MAILLAGE_RATE_LIMITS:
        assert ratelimit.limit_of(scope).count > 0


@pytest.mark.parametrize(
    "seconds, words",
    [
        (20, "dans une minute"),
        (601, "dans 11 minutes"),
        (3600, "dans environ une heure"),
        (10800, "dans environ 3 heures"),
    ],
)
def test_the_wait_is_said_in_french(seconds, words):
    assert ratelimit.Refusal("x", seconds).wait_words == words


def test_the_forwarded_header_is_ignored_unless_behind_the_proxy(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.0.0.1")
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
    assert ratelimit.client_address(request) == "198.51.100.7"
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    assert ratelimit.client_address(request) == "10.0.0.1"
    forged = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.0.0.1")
    assert ratelimit.client_address(forged) == "10.0.0.1"  # the entry our proxy appended


def test_the_cache_never_holds_an_address_or_an_e_mail_in_clear(settings):
    settings.MAILLAGE_RATE_LIMITS = {**settings.MAILLAGE_RATE_LIMITS, "mail_per_address": "1/d"}
    assert ratelimit.mail_allowed("Ines.Martin@Exemple.org")
    assert not ratelimit.mail_allowed(" ines.martin@exemple.org")  # one mailbox, whatever the case
    keys = list(cache._cache)
    assert keys and not any("ines" in key.lower() or "exemple" in key for key in keys)


def test_a_refusal_is_logged_once_per_window_without_the_address(settings, caplog):
    settings.MAILLAGE_RATE_LIMITS = {**settings.MAILLAGE_RATE_LIMITS, "password_reset": "1/h"}
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    results = [ratelimit.consume(request, "password_reset") for _ in range(4)]
    assert results[0] is None and all(isinstance(r, ratelimit.Refusal) for r in results[1:])
    lines = [record.getMessage() for record in caplog.records if record.name == "maillage.ratelimit"]
    assert lines == ["Limite atteinte : password_reset."]
