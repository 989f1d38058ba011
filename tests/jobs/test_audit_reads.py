"""A list of people is audited person by person, in one statement whatever the page's length (load, #9)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.accounts.models import AuditAction, AuditEvent, OrganisationKind, Role

from ..factories import user_with_role
from .factories import make_candidate


def _list_queries(client, expected_people):
    AuditEvent.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("jobs:candidate_list")).status_code == 200
    events = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="jobs.candidate")
    assert events.count() == expected_people
    return len(queries)


def test_candidate_list_audits_every_person_in_one_statement(ref, client):
    client.force_login(user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE))
    for _ in range(2):
        make_candidate(ref.communes.evreux)
    client.get(reverse("jobs:candidate_list"))  # the session's first page saves the session
    few = _list_queries(client, 2)
    for _ in range(6):
        make_candidate(ref.communes.louviers)
    assert _list_queries(client, 8) == few
