"""Memberships are read once and shared between requests; any change is seen on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.accounts.models import OrganisationKind, Role
from tests.factories import EpciFactory, user_with_role

pytestmark = pytest.mark.django_db
PAGE = "/comptes/organisations/"  # needs VIEW_ORGANISATIONS (not a company member's)
QUIET_PAGE = "/territoires/communes/"  # reads no membership itself


def _membership_queries(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(QUIET_PAGE).status_code
    return status, sum("accounts_membership" in q["sql"] for q in queries)


def test_a_second_request_reads_no_membership(client):
    client.force_login(user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE))
    assert _membership_queries(client)[0] == 200
    assert _membership_queries(client) == (200, 0)


@pytest.mark.parametrize("change", ["deactivate", "delete", "organisation"])
def test_a_revoked_membership_is_seen_on_the_next_request(client, change):
    user = user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE)
    client.force_login(user)
    assert _membership_queries(client)[0] == 200
    membership = user.memberships.get()
    if change == "deactivate":
        membership.is_active = False
        membership.save()
    elif change == "delete":
        membership.delete()
    else:
        membership.organisation.is_active = False
        membership.organisation.save()
    assert client.get(PAGE).status_code == 403


def test_a_new_role_is_seen_on_the_next_request(client):
    from maillage.accounts.policies import ROLE_PERMISSIONS, permissions_of

    user = user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE)
    client.force_login(user)
    client.get(QUIET_PAGE)
    membership = user.memberships.get()
    membership.role = Role.VIEWER
    membership.save()
    assert permissions_of(type(user).objects.get(pk=user.pk)) == ROLE_PERMISSIONS[Role.VIEWER]


def test_a_new_epci_in_the_scope_is_seen_on_the_next_request(client):
    from maillage.accounts.policies import epci_scope

    user = user_with_role(Role.FACILITATOR, OrganisationKind.MDE, epcis=[EpciFactory()])
    client.force_login(user)
    client.get(PAGE)
    added = EpciFactory()
    user.memberships.get().epcis.add(added)
    fresh = type(user).objects.get(pk=user.pk)
    assert added.code in epci_scope(fresh)
