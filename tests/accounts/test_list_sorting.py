"""Organisations and users sort by their headers: names accent-folded, types by their French labels."""

import pytest
from django.urls import reverse

from maillage.accounts.models import OrganisationKind, Role
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _order(client, url, names, **params):
    body = client.get(url, params).content.decode().split("<tbody>")[1]
    return sorted(names, key=body.index)


def test_organisations_sort_by_folded_name_and_type_label(client, partner):
    OrganisationFactory(name="Vernon Habitat", kind=OrganisationKind.BUYER)
    OrganisationFactory(name="Évreux Portes de Normandie", kind=OrganisationKind.LOCAL_AUTHORITY)
    OrganisationFactory(name="Atelier du bois", kind=OrganisationKind.ASSOCIATION)
    client.force_login(partner)
    url = reverse("accounts:organisation_list")
    names = ["Atelier du bois", "Évreux Portes de Normandie", "Vernon Habitat"]
    assert _order(client, url, names) == names  # « Évreux » among the E, not after « Vernon »
    # Types by label: Association, Donneur d'ordre (acheteur), EPCI / collectivité (codes: acheteur first).
    assert _order(client, url, names, tri="type") == names[0:1] + names[2:] + names[1:2]
    page = client.get(url, {"tri": "-nom", "q": ""}).content.decode()
    assert 'aria-sort="descending"' in page and '<input type="hidden" name="tri" value="-nom">' in page
    export = client.get(url, {"tri": "-nom", "export": "csv"}).content.decode("utf-8-sig")
    assert export.index("Vernon Habitat") < export.index("Évreux Portes") < export.index("Atelier du bois")


def test_users_sort_by_folded_last_name(client, admin_user):
    organisation = admin_user.memberships.get().organisation
    for first, last in (("Zoé", "Zola"), ("Élise", "Écalard"), ("Paul", "Dupont")):
        MembershipFactory(organisation=organisation, role=Role.PARTNER, user__first_name=first, user__last_name=last)
    client.force_login(admin_user)
    url = reverse("accounts:user_list")
    names = ["Paul Dupont", "Élise Écalard", "Zoé Zola"]
    assert _order(client, url, names, tri="nom") == names
    assert _order(client, url, names, tri="-nom") == names[::-1]
