"""The directory's structures sort by their headers: names and communes accent-folded, checks oldest first."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.models import OrganisationKind, Role
from tests.factories import user_with_role

from .conftest import make_structure

pytestmark = pytest.mark.django_db


def test_structures_sort_by_name_commune_and_last_check(client):
    now = timezone.now()
    make_structure(name="Zéphyr insertion", commune_name="Bernay", last_checked_at=now)
    make_structure(name="École de la 2e chance", commune_name="Vernon", last_checked_at=None)
    make_structure(name="Association Lire", commune_name="Évreux", last_checked_at=now - datetime.timedelta(days=400))
    client.force_login(user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE))
    url = reverse("directory:structure_list")
    names = ["Association Lire", "École de la 2e chance", "Zéphyr insertion"]

    def order(**params):
        body = client.get(url, params).content.decode().split("<tbody>")[1]
        return sorted(names, key=body.index)

    assert order() == names  # « École » among the E, not after « Zéphyr »
    assert order(tri="commune") == ["Zéphyr insertion", "Association Lire", "École de la 2e chance"]
    assert order(tri="verification") == ["École de la 2e chance", "Association Lire", "Zéphyr insertion"]
    page = client.get(url, {"tri": "-structure"}).content.decode()
    assert 'aria-sort="descending"' in page and order(tri="-structure") == names[::-1]
    assert 'href="?a_verifier=1&amp;tri=-structure"' in page
