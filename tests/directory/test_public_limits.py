"""The directory's public search and questionnaire are cheap GETs, yet a script hammering them is
slowed down (kernel/ratelimit.py); the professionals, on their own tool, are not."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOME = "198.51.100.7"


@pytest.fixture
def limits(settings):
    settings.MAILLAGE_RATE_LIMITS = {**settings.MAILLAGE_RATE_LIMITS, "public_search": "3/5m"}


@pytest.mark.parametrize("name", ["directory:search", "directory:questionnaire"])
def test_the_fourth_page_from_one_address_is_refused_in_french(client, limits, name):
    for _ in range(3):
        assert client.get(reverse(name), REMOTE_ADDR=HOME).status_code == 200
    refused = client.get(reverse(name), REMOTE_ADDR=HOME, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert refused.status_code == 429 and "Trop de demandes en peu de temps" in refused.text
    assert client.get(reverse(name), REMOTE_ADDR="203.0.113.20").status_code == 200


def test_a_partner_searching_all_day_is_not_limited(client, limits, partner):
    client.force_login(partner)
    for _ in range(5):
        assert client.get(reverse("directory:search"), REMOTE_ADDR=HOME).status_code == 200
