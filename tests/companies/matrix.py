"""Permission matrix of company relations (see tests/matrix/__init__.py): establishment A belongs to
company A (EPCI A); establishment B to company B (EPCI B)."""

from datetime import date

from maillage.companies.models import AgreementAction, CommitteeMeeting, PlanAction, RecruitmentPlan
from tests.companies.factories import (
    AgreementFactory,
    ContactFactory,
    EstablishmentFactory,
    InteractionFactory,
    RecruitmentNeedFactory,
)
from tests.matrix import row


def build(world):
    world.establishment = EstablishmentFactory(
        name="Maçonnerie Normande", organisation=world.company_a, commune=world.commune_a
    )
    world.far_establishment = EstablishmentFactory(
        name="Bâtiments de Seine", organisation=world.company_b, commune=world.commune_b
    )
    world.contact = ContactFactory(establishment=world.establishment)
    world.interaction = InteractionFactory(establishment=world.establishment, contact=world.contact)
    world.need = RecruitmentNeedFactory(establishment=world.establishment)
    world.far_need = RecruitmentNeedFactory(establishment=world.far_establishment)
    world.plan = RecruitmentPlan.objects.create(establishment=world.establishment, year=2026)
    world.plan_action = PlanAction.objects.create(plan=world.plan, kind="forum", quarter=2)
    world.agreement = AgreementFactory(establishment=world.establishment)
    world.agreement_action = AgreementAction.objects.create(agreement=world.agreement, title="Formation")
    world.committee_meeting = CommitteeMeeting.objects.create(
        agreement=world.agreement, date=date(2026, 3, 1), kind="suivi", decisions="Poursuivre"
    )


def grow(world):
    """Eight more establishments, each with a contact, an exchange, a need and an agreement."""
    for _index in range(8):
        establishment = EstablishmentFactory(organisation=world.company_a, commune=world.commune_a)
        contact = ContactFactory(establishment=establishment)
        InteractionFactory(establishment=establishment, contact=contact, follow_up_on=date(2026, 1, 5))
        RecruitmentNeedFactory(establishment=establishment)
        AgreementFactory(establishment=establishment)


# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "companies:establishment_list": row({}, "302 200 200 200 200 200 302 302 200 200 403"),
    "companies:overview": row({}, "302 200 200 200 200 200 200 200 200 200 403"),
    "companies:establishment_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "companies:establishment_detail": row({"pk": "establishment"}, "302 200 200 200 200 200 404 404 404 404 404"),
    "companies:establishment_update": row({"pk": "establishment"}, "302 200 403 200 403 200 404 404 404 404 404"),
    "companies:establishment_export": row({"pk": "establishment"}, "302 200 200 200 200 200 404 404 404 404 404"),
    "companies:commune_suggestions": row({}, "302 200 200 200 200 200 200 200 200 200 403", query="q=evr"),
    "companies:appellation_suggestions": row({}, "302 200 200 200 200 200 200 200 200 200 403", query="q=cab"),
    "companies:contact_create": row(
        {"establishment_pk": "establishment"}, "302 200 403 200 403 200 404 404 404 404 404"
    ),
    "companies:contact_update": row({"pk": "contact"}, "302 200 403 200 403 200 404 404 404 404 404"),
    "companies:contact_delete": row({"pk": "contact"}, "302 302 403 302 403 302 404 404 404 404 404", method="POST"),
    "companies:interaction_create": row(
        {"establishment_pk": "establishment"}, "302 200 403 200 403 403 404 404 404 404 404"
    ),
    "companies:interaction_update": row({"pk": "interaction"}, "302 200 403 200 403 403 404 404 404 404 404"),
    "companies:follow_up_done": row(
        {"pk": "interaction"}, "302 302 403 302 403 403 404 404 404 404 404", method="POST"
    ),
    "companies:followups_due": row({}, "302 200 200 200 200 403 403 403 403 200 403"),
    "companies:need_list": row({}, "302 200 200 200 200 200 403 403 200 200 403"),
    "companies:need_create": row({"establishment_pk": "establishment"}, "302 200 403 200 403 200 404 404 404 404 404"),
    "companies:need_update": row({"pk": "need"}, "302 200 403 200 403 200 404 404 404 404 404"),
    "companies:need_status": row({"pk": "need"}, "302 302 403 302 403 302 404 404 404 404 404", method="POST"),
    "companies:plan_create": row(
        {"establishment_pk": "establishment"}, "302 200 403 200 403 403 404 404 404 404 404", method="POST"
    ),
    "companies:plan_detail": row({"pk": "plan"}, "302 200 200 200 200 200 404 404 404 404 404"),
    "companies:plan_update": row({"pk": "plan"}, "302 200 403 200 403 403 404 404 404 404 404"),
    "companies:plan_action_create": row({"plan_pk": "plan"}, "302 200 403 200 403 403 404 404 404 404 404"),
    "companies:plan_action_update": row({"pk": "plan_action"}, "302 200 403 200 403 403 404 404 404 404 404"),
    "companies:plan_action_delete": row(
        {"pk": "plan_action"}, "302 302 403 302 403 403 404 404 404 404 404", method="POST"
    ),
    "companies:agreement_list": row({}, "302 200 200 200 200 200 403 403 200 200 403"),
    "companies:agreement_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "companies:agreement_detail": row({"pk": "agreement"}, "302 200 200 200 200 200 404 404 404 200 404"),
    "companies:agreement_update": row({"pk": "agreement"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "companies:agreement_action_create": row(
        {"agreement_pk": "agreement"}, "302 200 403 200 403 403 403 403 403 403 403"
    ),
    "companies:agreement_action_update": row({"pk": "agreement_action"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "companies:meeting_create": row({"agreement_pk": "agreement"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "companies:meeting_update": row({"pk": "committee_meeting"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "companies:prospecting": row({}, "302 200 200 200 200 403 403 403 403 200 403"),
    "establishment-list": row({}, "401 200 200 200 200 200 403 403 200 200 403"),
    "establishment-detail": row({"pk": "establishment"}, "401 200 200 200 200 200 403 403 404 404 403"),
    "recruitment-need-list": row({}, "401 200 200 200 200 200 403 403 200 200 403"),
    "recruitment-need-detail": row({"pk": "need"}, "401 200 200 200 200 200 403 403 404 404 403"),
}

OBJECTS = {
    "companies:establishment_detail": row({"pk": "far_establishment"}, "302 200 404 200 200 404 404 404 200 200 404"),
    "companies:establishment_export": row({"pk": "far_establishment"}, "302 200 404 200 200 404 404 404 200 200 404"),
    "establishment-detail": row({"pk": "far_establishment"}, "401 200 404 200 200 404 403 403 200 200 403"),
    "recruitment-need-detail": row({"pk": "far_need"}, "401 200 404 200 200 404 403 403 200 200 403"),
}

# Query-count guards (tests/matrix/test_query_counts.py): at most this many SQL queries for the
# MDE administrator on the grown world.
QUERIES = {
    "companies:establishment_list": 8,
    "companies:establishment_list?tri=-besoins": 8,
    "companies:overview": 13,
    "companies:establishment_create": 9,
    "companies:establishment_detail": 13,
    "companies:establishment_update": 11,
    "companies:establishment_export": 13,
    "companies:commune_suggestions": 7,
    "companies:appellation_suggestions": 7,
    "companies:contact_update": 7,
    "companies:interaction_update": 8,
    "companies:followups_due": 7,
    "companies:need_list": 8,
    "companies:need_list?tri=-difficulte": 8,
    "companies:need_create": 6,
    "companies:need_update": 8,
    "companies:plan_detail": 9,
    "companies:plan_update": 7,
    "companies:plan_action_create": 8,
    "companies:plan_action_update": 9,
    "companies:agreement_list": 8,
    "companies:agreement_create": 8,
    "companies:agreement_detail": 9,
    "companies:agreement_update": 10,
    "companies:agreement_action_update": 7,
    "companies:meeting_create": 6,
    "companies:meeting_update": 7,
    "companies:prospecting": 7,
    "establishment-list": 6,
    "establishment-detail": 5,
    "recruitment-need-list": 6,
    "recruitment-need-detail": 5,
    "companies:agreement_list?export=csv": 5,
    "companies:establishment_list?export=csv": 7,
    "companies:need_list?export=csv": 5,
    "companies:followups_due?export=csv": 5,
}
