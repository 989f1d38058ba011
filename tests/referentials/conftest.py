from pathlib import Path

import pytest

from maillage.referentials.loaders import ReferenceSources, load_all
from tests.factories import MembershipFactory, UserFactory

FIXTURES = Path(__file__).parent / "fixtures" / "reference"


@pytest.fixture
def sources() -> ReferenceSources:
    return ReferenceSources.from_dir(FIXTURES)


@pytest.fixture
def referentials(db, sources):
    """The tiny fixture referential (5 fiches, 10 appellations, mobility links), loaded."""
    return load_all(sources)


@pytest.fixture
def inactive_member(db):
    """A user whose only membership is inactive: logged in, but without any right."""
    membership = MembershipFactory(is_active=False)
    return membership.user


@pytest.fixture
def user_without_membership(db):
    return UserFactory()
