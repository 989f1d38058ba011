"""The public transition explorer is slowed down for a script hammering it (kernel/ratelimit.py)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_fourth_page_from_one_address_is_refused_in_french(client, settings):
    settings.MAILLAGE_RATE_LIMITS = {**settings.MAILLAGE_RATE_LIMITS, "public_search": "3/5m"}
    url = reverse("reconversion:explorer")
    for _ in range(3):
        assert client.get(url, {"q": "soudeur"}, REMOTE_ADDR="198.51.100.7").status_code == 200
    refused = client.get(url, {"q": "soudeur"}, REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429 and "Réessayez dans" in refused.text
    assert client.get(url, {"q": "soudeur"}, REMOTE_ADDR="203.0.113.20").status_code == 200
