"""Permission matrix of the steering module (see tests/matrix/__init__.py).

Home side: an action of the plan piloted by the MDE, funded by the departmental council (the
``elu``'s organisation), FSE+ cofunded with one participant, with its programme, cohort and path; a
convention between the MDE and that funder with its signed file, its COPIL, a meeting, a decision
and its follow-up; a member; a draft activity report (and, in ``OBJECTS``, a validated one). Far side
(``OBJECTS``): another funder (the State) paying for the PLIE's action, and the PLIE's convention with
France Travail with its file and its committee. Steering is read by every professional and reader of the MDE's network
(docs/steering.md, « Droits »): the far side shows that a funder or a partner gets nothing more on
objects that are not theirs, and that writes stay with the MDE's steering staff.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from maillage.accounts.models import OrganisationKind
from maillage.people.models import Person
from maillage.steering.models import (
    Action,
    ActionIndicator,
    ActivityReport,
    Axis,
    Cohort,
    College,
    Committee,
    CommitteeKind,
    Convention,
    ConventionDocument,
    Decision,
    FollowUpAction,
    FseParticipant,
    Funder,
    FunderKind,
    FundingLine,
    Meeting,
    Member,
    PathStep,
    Programme,
    ProgrammeKind,
    ProgrammeParticipant,
    ReportStatus,
)
from tests.factories import OrganisationFactory
from tests.matrix import row

YEAR = 2026


def _action(title, *partners, funder):
    action = Action.objects.create(axis=Axis.objects.get(code="2"), year=YEAR, title=title, is_fse_cofunded=True)
    action.partners.set(partners)
    FundingLine.objects.create(action=action, funder=funder, year=YEAR, budget=Decimal("40000"))
    return action


def _convention(title, *parties):
    convention = Convention.objects.create(
        title=title, object="Coopération pour l'emploi", signed_on=datetime.date(2025, 1, 15),
        end_on=datetime.date(2027, 12, 31),
    )  # fmt: skip
    convention.parties.set(parties)
    document = ConventionDocument.objects.create(
        convention=convention, title="Convention signée", file=ContentFile(b"%PDF-1.4 convention", name="signee.pdf")
    )
    committee = Committee.objects.create(name=f"COPIL {title}", kind=CommitteeKind.COPIL, convention=convention)
    meeting = Meeting.objects.create(committee=committee, date=datetime.date(2026, 3, 2), agenda="Bilan annuel")
    return convention, document, committee, meeting


def _plan(world):
    world.funder_profile = Funder.objects.create(
        name="Département de l'Eure", kind=FunderKind.LOCAL_AUTHORITY, organisation=world.funder
    )
    world.action = _action("Clauses sociales et demande publique", world.france_travail, funder=world.funder_profile)
    world.action_indicator = ActionIndicator.objects.create(
        action=world.action, indicator_key="events.events_held", target=Decimal("12")
    )
    person = Person.objects.create(first_name="Amina", last_name="Diallo")
    world.fse_participant = FseParticipant.objects.create(
        action=world.action, person=person, entry_date=datetime.date(2026, 2, 1)
    )
    world.programme = Programme.objects.create(
        name="100 chances – 100 emplois", kind=ProgrammeKind.HUNDRED_CHANCES, action=world.action
    )
    world.cohort = Cohort.objects.create(
        programme=world.programme, label="Promotion 1", start=datetime.date(2026, 1, 5)
    )
    world.path = ProgrammeParticipant.objects.create(
        cohort=world.cohort, person=person, joined_on=datetime.date(2026, 1, 5)
    )
    PathStep.objects.create(participant=world.path, date=datetime.date(2026, 1, 12), label="Semaine de mobilisation")


def _partners(world):
    world.member = Member.objects.create(
        organisation=world.france_travail, college=College.FRANCE_TRAVAIL, joined_on=datetime.date(2024, 1, 1)
    )
    world.convention, world.convention_document, world.committee, world.meeting = _convention(
        "Convention MDE – Département", world.mde, world.funder
    )
    decision = Decision.objects.create(meeting=world.meeting, text="Lancer un job dating du bâtiment")
    world.follow_up = FollowUpAction.objects.create(decision=decision, title="Réserver la salle")
    world.report = ActivityReport.objects.create(year=2025)  # a draft
    world.validated_report = ActivityReport.objects.create(year=2024, status=ReportStatus.VALIDATED)


def _far_side(world):
    region = OrganisationFactory(name="DREETS Normandie", kind=OrganisationKind.FUNDER)
    world.far_funder_profile = Funder.objects.create(name="État (DREETS)", kind=FunderKind.STATE, organisation=region)
    world.far_action = _action("Accompagnement renforcé PLIE", world.plie, funder=world.far_funder_profile)
    world.far_convention, world.far_convention_document, world.far_committee, world.far_meeting = _convention(
        "Convention PLIE – France Travail", world.plie, world.france_travail
    )


def build(world):
    _plan(world)
    _partners(world)
    _far_side(world)


# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "steering-action-detail": row({"pk": "action"}, "401 200 200 200 200 403 200 200 403 200 403"),
    "steering-action-list": row({}, "401 200 200 200 200 403 200 200 403 200 403"),
    "steering-convention-detail": row({"pk": "convention"}, "401 200 200 200 200 403 200 200 403 200 403"),
    "steering-convention-list": row({}, "401 200 200 200 200 403 200 200 403 200 403"),
    "steering-funding-list": row({}, "401 200 200 200 403 403 200 200 403 403 403"),
    "steering:action_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:action_detail": row({"pk": "action"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:action_edit": row({"pk": "action"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:axis_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:cohort_add": row({"pk": "programme"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:commitment_add": row({"pk": "convention"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:committee_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:committee_detail": row({"pk": "committee"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:committee_edit": row({"pk": "committee"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:committee_list": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:committee_member_add": row({"pk": "committee"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:convention_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:convention_detail": row({"pk": "convention"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:convention_edit": row({"pk": "convention"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:convention_list": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:document_add": row({"pk": "convention"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:document_download": row({"pk": "convention_document"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:follow_up_list": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:follow_up_status": row({"pk": "follow_up"}, "302 302 403 302 403 403 403 403 403 403 403", method="POST"),
    "steering:fse_create": row({"action_pk": "action"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:fse_detail": row({"pk": "fse_participant"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:fse_entry": row({"pk": "fse_participant"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:fse_exit": row({"pk": "fse_participant"}, "302 200 403 200 403 403 403 403 403 403 403"),
    # The FSE+ participant's record is incomplete: the export lists what is missing (409) instead.
    "steering:fse_export": row({}, "302 409 403 409 403 403 403 403 403 403 403"),
    "steering:fse_followup": row({"pk": "fse_participant"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:fse_home": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:funder_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:funder_edit": row({"pk": "funder_profile"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:funding": row({}, "302 200 200 200 403 403 200 200 403 403 403"),
    "steering:funding_line_add": row({"pk": "action"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:indicator_add": row({"pk": "action"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:indicator_delete": row(
        {"pk": "action_indicator"}, "302 302 403 302 403 403 403 403 403 403 403", method="POST"
    ),
    # A funder's justification (staff hours and their cost): the MDE's steering staff and the funder's
    # own members (``elu`` belongs to the departmental council); the facilitator and the buyer read the
    # funding page but not this export.
    "steering:justification": row({"pk": "funder_profile"}, "302 200 403 200 403 403 403 200 403 403 403"),
    "steering:meeting_create": row({"committee_pk": "committee"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:meeting_detail": row({"pk": "meeting"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:meeting_edit": row({"pk": "meeting"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:member_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:member_edit": row({"pk": "member"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:member_list": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:milestone_add": row({"pk": "action"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:participant_add": row({"cohort_pk": "cohort"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:plan": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:programme_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:programme_detail": row({"pk": "programme"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:programme_edit": row({"pk": "programme"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:programme_list": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:public_dashboard": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    # ``report`` is a draft: the steering staff's work in progress (readers get 404; a validated version,
    # in OBJECTS, is read by every reader of the plan).
    "steering:report_detail": row({"pk": "report"}, "302 200 404 200 404 403 404 404 403 404 403"),
    "steering:report_list": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:report_new_version": row({"pk": "report"}, "302 302 403 302 403 403 403 403 403 403 403", method="POST"),
    "steering:report_pdf": row({"pk": "report"}, "302 200 404 200 404 403 404 404 403 404 403"),
    "steering:report_start": row({}, "302 302 403 302 403 403 403 403 403 403 403", method="POST"),
    "steering:report_validate": row({"pk": "report"}, "302 302 403 403 403 403 403 403 403 403 403", method="POST"),
    "steering:report_xlsx": row({"pk": "report"}, "302 200 404 200 404 403 404 404 403 404 403"),
    "steering:step_add": row({"pk": "path"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:time_add": row({"pk": "action"}, "302 200 403 200 403 403 403 403 403 403 403"),
}

# The far side: the State's funding of the PLIE's action, the PLIE's convention with France Travail.
OBJECTS = {
    "steering-action-detail": row({"pk": "far_action"}, "401 200 200 200 200 403 200 200 403 200 403"),
    "steering-convention-detail": row({"pk": "far_convention"}, "401 200 200 200 200 403 200 200 403 200 403"),
    "steering:action_detail": row({"pk": "far_action"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:action_edit": row({"pk": "far_action"}, "302 200 403 200 403 403 403 403 403 403 403", method="POST"),
    "steering:committee_detail": row({"pk": "far_committee"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:committee_edit": row(
        {"pk": "far_committee"}, "302 200 403 200 403 403 403 403 403 403 403", method="POST"
    ),
    "steering:convention_detail": row({"pk": "far_convention"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:convention_edit": row(
        {"pk": "far_convention"}, "302 200 403 200 403 403 403 403 403 403 403", method="POST"
    ),
    "steering:document_add": row(
        {"pk": "far_convention"}, "302 200 403 200 403 403 403 403 403 403 403", method="POST"
    ),
    "steering:document_download": row({"pk": "far_convention_document"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:funder_edit": row(
        {"pk": "far_funder_profile"}, "302 200 403 200 403 403 403 403 403 403 403", method="POST"
    ),
    "steering:funding_line_add": row(
        {"pk": "far_action"}, "302 200 403 200 403 403 403 403 403 403 403", method="POST"
    ),
    "steering:justification": row({"pk": "far_funder_profile"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "steering:meeting_detail": row({"pk": "far_meeting"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:meeting_edit": row({"pk": "far_meeting"}, "302 200 403 200 403 403 403 403 403 403 403", method="POST"),
    # A validated activity report: every reader of the plan.
    "steering:report_detail": row({"pk": "validated_report"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:report_pdf": row({"pk": "validated_report"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "steering:report_xlsx": row({"pk": "validated_report"}, "302 200 200 200 200 403 200 200 403 200 403"),
}
