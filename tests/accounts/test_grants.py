"""Grant policy matrix: granter × organisation kind × role × territory (issue #9, self-escalation)."""

import pytest

from maillage.accounts import grants
from maillage.accounts.models import OrganisationKind, Role
from tests.factories import EpciFactory, MembershipFactory, OrganisationFactory, user_with_role

# The specification, written out by hand: which roles an organisation of each kind may hold.
SPEC = {
    "mde": "admin facilitateur charge_mission lecteur",
    "plie": "admin facilitateur partenaire lecteur",
    "collectivite": "admin facilitateur lecteur",
    "acheteur": "admin lecteur",
    "entreprise": "admin membre_entreprise",
    "siae_ei": "admin membre_entreprise partenaire",
    "siae_etti": "admin membre_entreprise partenaire",
    "siae_ai": "admin membre_entreprise partenaire",
    "siae_aci": "admin membre_entreprise partenaire",
    "geiq": "admin membre_entreprise partenaire",
    "ea_esat": "admin membre_entreprise partenaire",
    "france_travail": "admin partenaire lecteur",
    "mission_locale": "admin partenaire lecteur",
    "cap_emploi": "admin partenaire lecteur",
    "association": "admin partenaire lecteur",
    "financeur": "admin lecteur",
}
GRANTERS = ["platform_admin", "own_admin_whole", "own_admin_scoped", "other_org_admin", "own_facilitator"]
SCOPES = ["whole", "within", "wider"]


def test_spec_covers_every_kind():
    assert set(SPEC) == set(OrganisationKind.values)
    for kind, roles in SPEC.items():
        assert grants.roles_allowed_for(kind) == frozenset(roles.split()), kind


def _expected(granter, kind, role, scope) -> bool:
    allowed_role = role in SPEC[kind].split()
    if kind == "mde" and granter != "own_facilitator":
        granter = "platform_admin"  # an administrator of an MDE is a platform administrator
    if granter == "platform_admin":
        return allowed_role
    if granter == "own_admin_whole":
        return allowed_role
    if granter == "own_admin_scoped":
        return allowed_role and scope == "within"
    return False


@pytest.mark.django_db
@pytest.mark.parametrize("kind", OrganisationKind.values)
@pytest.mark.parametrize("granter_name", GRANTERS)
def test_grant_matrix(granter_name, kind):
    a, b = EpciFactory(), EpciFactory()
    organisation = OrganisationFactory(kind=kind)
    colleague = MembershipFactory(organisation=organisation, role=Role.ADMIN).user
    if granter_name == "platform_admin":
        granter = user_with_role(Role.ADMIN, OrganisationKind.MDE)
    elif granter_name == "own_admin_whole":
        granter = user_with_role(Role.ADMIN, organisation=organisation)
    elif granter_name == "own_admin_scoped":
        granter = user_with_role(Role.ADMIN, organisation=organisation, epcis=[a])
    elif granter_name == "other_org_admin":
        granter = user_with_role(Role.ADMIN, kind=kind)
    else:
        granter = user_with_role(Role.FACILITATOR, organisation=organisation)
    codes = {"whole": [], "within": [a.code], "wider": [a.code, b.code]}
    failures = []
    for role in Role.values:
        for scope in SCOPES:
            got = grants.can_grant(granter, colleague, organisation, role, codes[scope])
            if got != _expected(granter_name, kind, role, scope):
                failures.append((role, scope, got))
    assert not failures


@pytest.mark.django_db
def test_nobody_but_platform_admin_changes_own_memberships():
    organisation = OrganisationFactory(kind=OrganisationKind.MISSION_LOCALE)
    own_admin = user_with_role(Role.ADMIN, organisation=organisation)
    assert not grants.can_grant(own_admin, own_admin, organisation, Role.PARTNER)
    platform = user_with_role(Role.ADMIN, OrganisationKind.MDE)
    assert grants.can_grant(platform, platform, organisation, Role.PARTNER)


@pytest.mark.django_db
def test_partner_admin_never_attaches_a_user_from_elsewhere(django_user_model):
    organisation = OrganisationFactory(kind=OrganisationKind.PLIE)
    plie_admin = user_with_role(Role.ADMIN, organisation=organisation)
    outsider = user_with_role(Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL)
    superuser = django_user_model.objects.create_superuser("root@exemple.fr", "x-long-password-1")
    for target in (outsider, superuser):
        assert not grants.can_grant(plie_admin, target, organisation, Role.PARTNER)
        assert not grants.can_manage_user(plie_admin, target)
        assert not grants.can_edit_identity(plie_admin, target)


@pytest.mark.django_db
def test_identity_only_when_every_membership_is_administered():
    own = OrganisationFactory(kind=OrganisationKind.PLIE)
    elsewhere = OrganisationFactory(kind=OrganisationKind.FRANCE_TRAVAIL)
    plie_admin = user_with_role(Role.ADMIN, organisation=own)
    only_here = user_with_role(Role.PARTNER, organisation=own)
    also_elsewhere = user_with_role(Role.PARTNER, organisation=own)
    MembershipFactory(user=also_elsewhere, organisation=elsewhere, role=Role.PARTNER)
    assert grants.can_edit_identity(plie_admin, only_here)
    assert grants.can_manage_user(plie_admin, also_elsewhere)
    assert not grants.can_edit_identity(plie_admin, also_elsewhere)
    assert not grants.can_edit_identity(plie_admin, plie_admin)
    platform = user_with_role(Role.ADMIN, OrganisationKind.MDE)
    assert grants.can_edit_identity(platform, also_elsewhere)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "expected_extra"),
    [
        (OrganisationKind.COMPANY, set()),
        (OrganisationKind.MISSION_LOCALE, {"view_organisations", "view_personal_data", "view_aggregates"}),
    ],
)
def test_partner_admin_holds_only_the_rights_of_its_kind(kind, expected_extra):
    from maillage.accounts import policies

    admin = user_with_role(Role.ADMIN, kind)
    base = {"view_dashboard", "view_referentials", "view_territories", "manage_users"}
    assert set(policies.permissions_of(admin)) == base | expected_extra
