"""The permission matrix of company relations (rules in maillage/accounts/policies/companies.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from maillage.accounts.models import OrganisationKind, Role
from maillage.companies import policies as policy
from tests.factories import EpciFactory, user_with_role

from .factories import EstablishmentFactory

# role → (manager, reader, sees other establishment, changes other, sees own, changes own, interactions, aggregates)
MATRIX = {
    "admin": (True, True, True, True, True, True, True, True),
    "charge_mission": (True, True, True, True, True, True, True, True),
    "facilitator": (False, True, True, False, True, False, True, True),
    "partner": (False, True, True, False, True, False, True, True),
    "viewer": (False, False, False, False, False, False, False, True),
    "company": (False, False, False, False, True, True, False, False),
}


@pytest.mark.parametrize("role", MATRIX)
def test_matrix(role, users, establishment, own_establishment):
    user = users[role]
    manager, reader, sees_other, changes_other, sees_own, changes_own, interactions, aggregates = MATRIX[role]
    assert policy.is_manager(user) is manager
    assert policy.is_reader(user) is reader
    assert policy.can_view_establishment(user, establishment) is sees_other
    assert policy.can_change_establishment(user, establishment) is changes_other
    assert policy.can_view_establishment(user, own_establishment) is sees_own
    assert policy.can_change_establishment(user, own_establishment) is changes_own
    assert policy.can_manage_needs(user, own_establishment) is changes_own
    assert policy.can_view_interactions(user, own_establishment) is interactions
    assert policy.can_view_aggregates(user) is aggregates
    assert policy.can_create_establishment(user) is manager
    assert policy.can_manage_agreements(user) is manager
    assert policy.can_prospect(user) is reader
    visible = set(policy.visible_establishments(user).values_list("pk", flat=True))
    assert (establishment.pk in visible) is sees_other
    assert (own_establishment.pk in visible) is sees_own


def test_anonymous_sees_nothing(establishment):
    anonymous = AnonymousUser()
    assert not policy.visible_establishments(anonymous).exists()
    assert not policy.can_use_module(anonymous)


def test_company_admin_is_not_mde_staff(company_org, own_establishment, establishment):
    company_admin = user_with_role(Role.ADMIN, OrganisationKind.COMPANY, organisation=company_org)
    assert not policy.is_manager(company_admin)
    assert not policy.is_reader(company_admin)
    assert policy.can_change_establishment(company_admin, own_establishment)
    assert not policy.can_view_establishment(company_admin, establishment)
    assert not policy.can_change_establishment_link(company_admin)


def test_epci_scope_limits_partners(db):
    epci_a, epci_b = EpciFactory(), EpciFactory()
    inside = EstablishmentFactory(commune__epci=epci_a)
    outside = EstablishmentFactory(commune__epci=epci_b)
    scoped_partner = user_with_role(Role.PARTNER, OrganisationKind.MISSION_LOCALE, epcis=[epci_a])
    assert policy.can_view_establishment(scoped_partner, inside)
    assert not policy.can_view_establishment(scoped_partner, outside)
    assert list(policy.visible_establishments(scoped_partner)) == [inside]


def test_company_member_sees_only_own_agreements(company_user, own_establishment, establishment):
    from .factories import AgreementFactory

    own = AgreementFactory(establishment=own_establishment)
    AgreementFactory(establishment=establishment)
    assert list(policy.visible_agreements(company_user)) == [own]
