"""A membership's EPCI scope narrows which candidates managers and professionals see and change."""

import pytest

from maillage.accounts.models import OrganisationKind, Role
from maillage.jobs import policies as policy
from maillage.jobs.models import ConsentPurpose
from tests.factories import CommuneFactory, EpciFactory, user_with_role

from .factories import make_candidate


@pytest.fixture
def territory(ref):
    north, south = EpciFactory(code="200000001"), EpciFactory(code="200000002")
    here = CommuneFactory(code="27901", name="Ici", epci=north, latitude=49.0, longitude=1.1)
    there = CommuneFactory(code="27902", name="Là-bas", epci=south, latitude=49.2, longitude=1.3)
    return north, south, here, there


def test_scoped_manager_sees_and_changes_only_candidates_of_their_epci(territory):
    north, _south, here, there = territory
    manager = user_with_role(Role.CHARGE_MISSION, epcis=[north])
    inside, outside = make_candidate(here), make_candidate(there)
    homeless = make_candidate(here)
    homeless.commune = None
    homeless.save()
    assert set(policy.visible_candidates(manager)) == {inside, homeless}
    assert policy.can_change_candidate(manager, inside)
    assert not policy.can_change_candidate(manager, outside)
    assert not policy.can_view_candidate(manager, outside)


def test_unrestricted_manager_sees_everyone(territory):
    *_, here, there = territory
    manager = user_with_role(Role.CHARGE_MISSION)
    candidates = {make_candidate(here), make_candidate(there)}
    assert set(policy.visible_candidates(manager)) == candidates
    assert all(policy.can_change_candidate(manager, c) for c in candidates)


def test_scoped_manager_keeps_the_candidates_their_organisation_follows(territory):
    north, _south, _here, there = territory
    manager = user_with_role(Role.CHARGE_MISSION, epcis=[north])
    organisation = manager.memberships.get().organisation
    followed = make_candidate(there, organisation=organisation)
    assert list(policy.visible_candidates(manager)) == [followed]
    assert policy.can_change_candidate(manager, followed)


def test_scoped_partner_sees_shared_profiles_of_their_epci_only(territory):
    north, _south, here, there = territory
    partner = user_with_role(Role.PARTNER, kind=OrganisationKind.FRANCE_TRAVAIL, epcis=[north])
    shared_here, shared_there = make_candidate(here), make_candidate(there)
    make_candidate(here, consent_purpose=ConsentPurpose.SUPPORT)  # not shared
    assert set(policy.visible_candidates(partner)) == {shared_here}
    assert not policy.can_change_candidate(partner, shared_here)  # seen, not followed
    assert shared_there not in policy.visible_candidates(partner)
