"""The events demo registers the demo job seeker from her account, reusing her person, once. It finds her
through the documented demo hook (``kernel.plugins.demo_persona("job_seeker")``, provided by the jobs demo),
never by her names or another module's e-mail domain."""

from pathlib import Path

import pytest

from maillage.accounts.models import User
from maillage.events import selectors
from maillage.events.demo import seed
from maillage.events.demo.seed import _register_demo_candidate
from maillage.kernel import plugins
from maillage.kernel.plugins import DemoPersona
from maillage.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def job_seeker(monkeypatch):
    """Whoever the hook names: neither the seamstress's names nor the jobs demo's e-mail domain."""
    account = User.objects.create_user(
        email="zoe.martin@ailleurs.example", password="Un-mot-de-passe-2026", first_name="Zoé", last_name="Martin"
    )
    person = Person.objects.create(first_name="Zoé", last_name="Martin", email="zoe@autre-domaine.example")
    persona = DemoPersona(key="job_seeker", account=account, person=person)
    monkeypatch.setattr(plugins, "demo_persona", lambda key: persona if key == "job_seeker" else None)
    return persona


def test_the_demo_job_seeker_is_registered_once_with_her_own_person(world, job_seeker):
    people = Person.objects.count()
    _register_demo_candidate()
    _register_demo_candidate()
    mine = list(selectors.registrations_of_user(job_seeker.account))
    assert [r.event_id for r in mine] == [world.event.pk]
    assert mine[0].registrant.person == job_seeker.person
    assert Person.objects.count() == people
    world.event.refresh_from_db()
    assert world.event.registered_on_site + world.event.registered_remote == 1


def test_without_a_demo_job_seeker_nobody_is_registered(world, monkeypatch):
    monkeypatch.setattr(plugins, "demo_persona", lambda key: None)
    _register_demo_candidate()
    world.event.refresh_from_db()
    assert world.event.registered_on_site + world.event.registered_remote == 0


def test_the_jobs_demo_names_its_job_seeker_through_the_hook(db):
    from maillage.jobs.models import Candidate

    account = User.objects.create_user(email="candidate@demo.maillage.fr", password=None)
    candidate = Candidate.objects.create(first_name="Fatima", last_name="Haddad", email="f@exemple.demo", user=account)
    persona = plugins.demo_persona("job_seeker")
    assert persona == DemoPersona(key="job_seeker", account=account, person=candidate.person)
    assert plugins.demo_persona("someone_else") is None


def test_the_events_demo_does_not_know_the_jobs_demo_s_data():
    source = Path(seed.__file__).read_text(encoding="utf-8")
    assert "candidate@demo" not in source and "@exemple.demo" not in source and "Haddad" not in source
