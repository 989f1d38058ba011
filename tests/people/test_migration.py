"""The data migrations give every existing participant and candidate its own person (rows all kept)."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("clauses", "0006_coverage_fte_funding"), ("jobs", "0001_initial"), ("people", "0002_shared_identity")]
AFTER = [("clauses", "0009_participant_identity_on_person"), ("jobs", "0004_candidate_identity_on_person")]


@pytest.mark.django_db(transaction=True)
def test_existing_rows_become_parts_of_their_own_person():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Participant = old.get_model("clauses", "Participant")
    Candidate = old.get_model("jobs", "Candidate")
    Participant.objects.create(
        last_name="Duval",
        first_name="Élise",
        birth_date=date(1988, 2, 3),
        sex="F",
        identity_key="duval|elise|1988-02-03",
    )
    Participant.objects.create(
        last_name="Duval", first_name="Marc", birth_date=date(1980, 1, 1), sex="M", identity_key="duval|marc|1980-01-01"
    )
    Candidate.objects.create(first_name="Élise", last_name="Duval", email="elise@exemple.fr", consent_purpose="partage")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Person = new.get_model("people", "Person")
    assert Person.objects.count() == 3
    assert (
        new.get_model("clauses", "Participant").objects.filter(person__identity_key="duval|elise|1988-02-03").count()
        == 1
    )
    candidate = new.get_model("jobs", "Candidate").objects.get()
    assert (candidate.person.email, candidate.person.identity_key) == ("elise@exemple.fr", "duval|elise|")
    # Back to the latest state for the other tests.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
