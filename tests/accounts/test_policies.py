"""Matrix of rights: every role × every base permission, plus organisation-scoped rules."""

import pytest

from maillage.accounts import policies
from maillage.accounts.models import OrganisationKind, Role
from maillage.accounts.policies import Perm
from tests.factories import EpciFactory, MembershipFactory, OrganisationFactory, UserFactory, user_with_role

P = Perm
ALL = set(Perm)
EVERYONE = {P.VIEW_DASHBOARD, P.VIEW_REFERENTIALS, P.VIEW_TERRITORIES}

EXPECTED = {
    (Role.ADMIN, OrganisationKind.MDE): ALL,
    (Role.ADMIN, OrganisationKind.PLIE): ALL - {P.MANAGE_SETTINGS, P.VIEW_AUDIT_LOG, P.MANAGE_ORGANISATIONS},
    (Role.FACILITATOR, OrganisationKind.MDE): EVERYONE
    | {P.VIEW_ORGANISATIONS, P.VIEW_PERSONAL_DATA, P.EXPORT_PERSONAL_DATA, P.VIEW_AGGREGATES, P.RUN_TASKS},
    (Role.CHARGE_MISSION, OrganisationKind.MDE): EVERYONE
    | {
        P.VIEW_ORGANISATIONS,
        P.MANAGE_ORGANISATIONS,
        P.VIEW_PERSONAL_DATA,
        P.EXPORT_PERSONAL_DATA,
        P.VIEW_AGGREGATES,
        P.RUN_TASKS,
    },
    (Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL): EVERYONE
    | {P.VIEW_ORGANISATIONS, P.VIEW_PERSONAL_DATA, P.VIEW_AGGREGATES},
    (Role.COMPANY_MEMBER, OrganisationKind.COMPANY): EVERYONE,
    (Role.VIEWER, OrganisationKind.FUNDER): EVERYONE | {P.VIEW_ORGANISATIONS, P.VIEW_AGGREGATES},
}


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "kind"), list(EXPECTED))
@pytest.mark.parametrize("perm", list(Perm))
def test_permission_matrix(role, kind, perm):
    user = user_with_role(role, kind)
    assert policies.has_perm(user, perm) is (perm in EXPECTED[(role, kind)])


@pytest.mark.django_db
def test_anonymous_and_inactive_users_have_no_rights(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert policies.permissions_of(AnonymousUser()) == frozenset()
    user = user_with_role(Role.ADMIN)
    user.is_active = False
    user.save()
    assert policies.permissions_of(user) == frozenset()


@pytest.mark.django_db
def test_inactive_membership_or_organisation_grants_nothing():
    membership = MembershipFactory(role=Role.FACILITATOR, is_active=False)
    assert policies.permissions_of(membership.user) == frozenset()
    other = MembershipFactory(role=Role.FACILITATOR)
    other.organisation.is_active = False
    other.organisation.save()
    assert policies.permissions_of(other.user) == frozenset()


@pytest.mark.django_db
def test_superuser_is_platform_admin():
    user = UserFactory(is_superuser=True)
    assert policies.permissions_of(user) == frozenset(Perm)


@pytest.mark.django_db
def test_company_member_sees_only_own_organisation():
    company = OrganisationFactory(kind=OrganisationKind.COMPANY)
    OrganisationFactory(kind=OrganisationKind.COMPANY)
    user = user_with_role(Role.COMPANY_MEMBER, organisation=company)
    assert list(policies.visible_organisations(user)) == [company]


@pytest.mark.django_db
def test_partner_sees_all_organisations_but_changes_none():
    organisations = OrganisationFactory.create_batch(3)
    user = user_with_role(Role.PARTNER, OrganisationKind.MISSION_LOCALE)
    assert policies.visible_organisations(user).count() == len(organisations) + 1
    assert not policies.can_change_organisation(user, organisations[0])


@pytest.mark.django_db
def test_partner_admin_manages_only_own_organisation():
    own = OrganisationFactory(kind=OrganisationKind.PLIE)
    other = OrganisationFactory(kind=OrganisationKind.PLIE)
    user = user_with_role(Role.ADMIN, organisation=own)
    assert policies.can_change_organisation(user, own)
    assert policies.can_manage_members_of(user, own)
    assert not policies.can_change_organisation(user, other)
    assert not policies.can_manage_members_of(user, other)


@pytest.mark.django_db
def test_epci_scope_union_and_unrestricted():
    a, b = EpciFactory(), EpciFactory()
    scoped = user_with_role(Role.FACILITATOR, epcis=[a])
    assert policies.epci_scope(scoped) == {a.code}
    MembershipFactory(user=scoped, role=Role.VIEWER).epcis.set([b])
    scoped._maillage_memberships = None
    assert policies.epci_scope(scoped) == {a.code, b.code}
    unrestricted = user_with_role(Role.FACILITATOR)
    assert policies.epci_scope(unrestricted) is None
