"""Who may open which steering page: roles × pages (policies.py), anonymous included."""

from datetime import date

import pytest
from django.urls import reverse

from maillage.accounts.models import OrganisationKind, Role
from maillage.steering.models import (
    ActivityReport,
    Committee,
    Convention,
    FseParticipant,
    Funder,
    FunderKind,
    Meeting,
    Programme,
    TimeEntry,
)
from tests.factories import user_with_role

from .conftest import YEAR, fund
from .test_reports import pdf_text

ROLES = ["director", "charge_mission", "facilitator", "partner", "funder", "company", "partner_admin", "anonymous"]
# page → the roles that get 200 (others: 403; anonymous: redirected to the login page)
MATRIX = {
    "plan": {"director", "charge_mission", "facilitator", "partner", "funder", "partner_admin"},
    "action_detail": {"director", "charge_mission", "facilitator", "partner", "funder", "partner_admin"},
    "action_edit": {"director", "charge_mission"},
    "convention_detail": {"director", "charge_mission", "facilitator", "partner", "funder", "partner_admin"},
    "meeting_detail": {"director", "charge_mission", "facilitator", "partner", "funder", "partner_admin"},
    "funding": {"director", "charge_mission", "facilitator", "funder"},
    # the State's justification (no organisation of the funder's among the roles): steering staff only
    "justification": {"director", "charge_mission"},
    "fse_home": {"director", "charge_mission"},
    "fse_detail": {"director", "charge_mission"},
    "programme_detail": {"director", "charge_mission", "facilitator", "partner", "funder", "partner_admin"},
    "report_detail": {"director", "charge_mission", "facilitator", "partner", "funder", "partner_admin"},
    "public_dashboard": set(ROLES),
}


@pytest.fixture
def objects(action):
    action.is_fse_cofunded = True
    action.save()
    convention = Convention.objects.create(title="C", object="O", signed_on=date(2025, 1, 1), end_on=date(2027, 1, 1))
    meeting = Meeting.objects.create(
        committee=Committee.objects.create(name="COPIL", kind="copil"), date=date(2025, 3, 1), agenda="A"
    )
    participant = FseParticipant.objects.create(action=action, entry_date=date(2025, 2, 1))
    return {
        "plan": (),
        "action_detail": (action.pk,),
        "action_edit": (action.pk,),
        "convention_detail": (convention.pk,),
        "meeting_detail": (meeting.pk,),
        "funding": (),
        "justification": (Funder.objects.create(name="État", kind="etat").pk,),
        "fse_home": (),
        "fse_detail": (participant.pk,),
        "programme_detail": (Programme.objects.create(name="100 chances", kind="100_chances").pk,),
        # a validated version: every reader of the plan opens it (a draft is the steering staff's only,
        # tests/steering/test_reports.py)
        "report_detail": (ActivityReport.objects.create(year=2025, status="valide").pk,),
        "public_dashboard": (),
    }


@pytest.mark.parametrize("page", sorted(MATRIX))
def test_matrix(client, roles, objects, page, epcis):
    from django.core.cache import cache

    cache.clear()
    url = reverse(f"steering:{page}", args=objects[page])
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(roles[role])
        status = client.get(url).status_code
        if role in MATRIX[page]:
            assert status == 200, (page, role, status)
        elif role == "anonymous":
            assert status == 302, (page, role, status)
        else:
            assert status == 403, (page, role, status)


def test_writes_are_refused_to_readers(client, roles, action):
    for role in ("facilitator", "partner", "funder", "company", "partner_admin"):
        client.force_login(roles[role])
        response = client.post(
            reverse("steering:milestone_add", args=[action.pk]), {"label": "X", "due_on": "2025-05-01"}
        )
        assert response.status_code == 403, role
    assert not action.milestones.exists()


# Staff time is internal (policies.staff_time_action_ids): page showing an action → the readers who see
# the MDE's staff hours on it; the other readers of the plan get the page without them. ``own_funder`` is
# a member of the organisation funding the action (its justification export gives them these hours),
# ``funder`` a member of another funder, ``buyer`` a buyer's reader. The report's PDF covers every action
# of the year: steering staff only.
STAFF_TIME_READERS = ["director", "charge_mission", "facilitator", "partner", "funder", "partner_admin", "buyer"]
STAFF_TIME = {
    "plan": {"director", "charge_mission", "own_funder"},
    "action_detail": {"director", "charge_mission", "own_funder"},
    "report_pdf": {"director", "charge_mission"},
}


@pytest.fixture
def staff_time_roles(roles, action):
    own_funder = user_with_role(Role.VIEWER, OrganisationKind.FUNDER)
    funder = Funder.objects.create(
        name="Département de l'Eure",
        kind=FunderKind.LOCAL_AUTHORITY,
        organisation=own_funder.memberships.get().organisation,
    )
    fund(action, funder, "40000")
    TimeEntry.objects.create(action=action, month=date(YEAR, 3, 1), hours=35)
    return roles | {"buyer": user_with_role(Role.VIEWER, OrganisationKind.BUYER), "own_funder": own_funder}


def _shows_staff_time(client, page, action) -> bool:
    if page == "plan":
        return "temps passé : 35" in client.get(reverse("steering:plan"), {"annee": YEAR}).content.decode()
    if page == "action_detail":
        return "Temps passé" in client.get(reverse("steering:action_detail", args=[action.pk])).content.decode()
    report = ActivityReport.objects.get_or_create(year=YEAR, status="valide")[0]
    return "temps passé" in pdf_text(client.get(reverse("steering:report_pdf", args=[report.pk])).content)


@pytest.mark.parametrize("page", sorted(STAFF_TIME))
def test_staff_hours_are_shown_to_those_who_may_see_staff_time(client, staff_time_roles, action, page):
    for role in [*STAFF_TIME_READERS, "own_funder"]:
        client.force_login(staff_time_roles[role])
        assert _shows_staff_time(client, page, action) is (role in STAFF_TIME[page]), (page, role)
