"""The events demo registers the demo job seeker from her account, reusing her person, once."""

import pytest

from maillage.accounts.models import User
from maillage.events import selectors
from maillage.events.demo.seed import _register_demo_candidate
from maillage.people.models import Person

pytestmark = pytest.mark.django_db


def test_the_demo_job_seeker_is_registered_once_with_her_own_person(world):
    account = User.objects.create_user(
        email="candidate@demo.maillage.fr", password="Un-mot-de-passe-2026", first_name="Fatima", last_name="Haddad"
    )
    person = Person.objects.create(first_name="Fatima", last_name="Haddad", email="fatima.haddad@exemple.demo")
    people = Person.objects.count()
    _register_demo_candidate()
    _register_demo_candidate()
    mine = list(selectors.registrations_of_user(account))
    assert [r.event_id for r in mine] == [world.event.pk]
    assert mine[0].registrant.person == person
    assert Person.objects.count() == people
    world.event.refresh_from_db()
    assert world.event.registered_on_site + world.event.registered_remote == 1
