"""RGAA 11 / WCAG 1.3.1: every aria-describedby, aria-labelledby and label « for » names an element of
the page (a help text the widget announces but the page never prints is a broken reference)."""

import pytest
from django.urls import reverse

from maillage.accounts.models import OrganisationKind, Role
from tests.factories import user_with_role
from tests.guards import broken_references

PAGES = ["directory:search", "events:calendar", "events:event_list", "clauses:lot_list", "jobs:offer_list"]


def test_a_broken_reference_is_found():
    page = '<input aria-describedby="x_helptext" id="x">'
    assert broken_references(page) == [("input", "aria-describedby", "x_helptext")]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_search_and_filter_bars_name_only_existing_elements(client, name):
    client.force_login(user_with_role(Role.ADMIN, OrganisationKind.MDE))
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert broken_references(response.content.decode()) == []
