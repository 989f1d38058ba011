"""Permission matrix of offers, candidates and applications (see tests/matrix/__init__.py): the offer
is company A's; candidate C has their own account (role ``candidate``) and is followed by France
Travail; candidate D is followed by the PLIE and did not consent to sharing."""

from maillage.jobs.models import Application, ApplicationOrigin
from tests.jobs.factories import make_candidate, make_offer
from tests.matrix import row


def build(world):
    world.offer = make_offer(world.commune_a, establishment=getattr(world, "establishment", None))
    world.far_offer = make_offer(world.commune_b, establishment=getattr(world, "far_establishment", None))
    world.candidate = make_candidate(world.commune_a, organisation=world.france_travail, sought=["10004"])
    world.far_candidate = make_candidate(world.commune_b, organisation=world.plie, consent=False, last_name="Roux")
    world.application = Application.objects.create(
        offer=world.offer, candidate=world.candidate, origin=ApplicationOrigin.PROFESSIONAL
    )
    from tests.factories import UserFactory

    account = UserFactory(email="candidate@exemple.fr")
    world.candidate.user = account
    world.candidate.save()
    world.users["candidate"] = account


def grow(world):
    """Eight more offers, candidates and applications."""
    for index in range(8):
        offer = make_offer(world.commune_a, establishment=getattr(world, "establishment", None))
        candidate = make_candidate(
            world.commune_a, organisation=world.france_travail, sought=["10004"], last_name=f"Durand{index}"
        )
        Application.objects.create(offer=offer, candidate=candidate, origin=ApplicationOrigin.PROFESSIONAL)


# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "jobs:offer_list": row({}, "302 200 200 200 200 200 200 200 200 200 200"),
    "jobs:offer_create": row({}, "302 200 403 200 403 200 403 403 200 403 403"),
    "jobs:offer_import": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "jobs:offer_import_report": row({"name": "=absent.csv"}, "302 404 403 404 403 403 403 403 403 403 403"),
    "jobs:offer_detail": row({"pk": "offer"}, "302 200 200 200 200 200 200 200 200 200 200"),
    "jobs:offer_edit": row({"pk": "offer"}, "302 200 403 200 403 200 403 403 403 403 403"),
    "jobs:offer_matches": row({"pk": "offer"}, "302 200 200 200 200 403 403 403 403 200 403"),
    "jobs:offer_apply": row({"pk": "offer"}, "302 403 403 403 403 403 403 403 403 403 302", method="POST"),
    "jobs:offer_from_need": row({"need_id": "need"}, "302 302 403 302 403 302 404 404 404 404 404", method="POST"),
    "jobs:suggest_offer_job": row({}, "302 200 200 200 200 200 403 403 200 200 403", query="title=cableur"),
    "jobs:suggest_job_skills": row({}, "302 200 200 200 200 200 200 200 200 200 200", query="appellation=10004"),
    "jobs:candidate_skills": row({}, "302 200 200 200 200 200 200 200 200 200 200", query="appellations=10004"),
    "jobs:appellation_search": row({}, "302 200 200 200 200 200 200 200 200 200 200", query="q=cab"),
    "jobs:candidate_list": row({}, "302 200 200 200 200 403 403 403 403 200 403"),
    "jobs:candidate_create": row({}, "302 200 200 200 200 403 403 403 403 200 403"),
    "jobs:candidate_detail": row({"pk": "candidate"}, "302 200 200 200 200 404 404 404 404 404 200"),
    "jobs:candidate_edit": row({"pk": "candidate"}, "302 200 403 200 200 404 404 404 404 404 200"),
    "jobs:candidate_matches": row({"pk": "candidate"}, "302 200 200 200 200 404 404 404 404 404 200"),
    "jobs:candidate_export": row({"pk": "candidate"}, "302 200 403 200 403 404 404 404 404 404 200"),
    "jobs:candidate_anonymise": row({"pk": "candidate"}, "302 302 403 302 403 404 404 404 404 404 403", method="POST"),
    "jobs:register": row({}, "200 302 302 302 302 302 302 302 302 302 302"),
    "jobs:register_sent": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    # a forged link is refused for everyone (the valid path is tested in tests/jobs/test_registration.py)
    "jobs:register_confirm": row(
        {"uidb64": "=MQ", "token": "=forged-token"}, "400 400 400 400 400 400 400 400 400 400 400"
    ),
    "jobs:my_profile": row({}, "302 302 302 302 302 302 302 302 302 302 302"),
    "jobs:application_list": row({}, "302 200 200 200 200 200 403 403 200 200 200"),
    "jobs:application_detail": row({"pk": "application"}, "302 200 200 200 200 200 404 404 404 404 200"),
    "jobs:statistics": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "jobs-offer-list": row({}, "401 200 200 200 200 200 200 200 200 200 200"),
    "jobs-offer-detail": row({"pk": "offer"}, "401 200 200 200 200 200 200 200 200 200 200"),
    "jobs-offer-candidates": row({"pk": "offer"}, "401 200 200 200 200 403 403 403 403 200 403"),
    "jobs-candidate-list": row({}, "401 200 200 200 200 200 200 200 200 200 200"),
    "jobs-candidate-detail": row({"pk": "candidate"}, "401 200 200 200 200 404 404 404 404 404 200"),
    "jobs-candidate-offers": row({"pk": "candidate"}, "401 200 200 200 200 404 404 404 404 404 200"),
    "jobs-application-list": row({}, "401 200 200 200 200 200 200 200 200 200 200"),
    "jobs-application-detail": row({"pk": "application"}, "401 200 200 200 200 200 404 404 404 404 200"),
    "jobs-application-move": row({"pk": "application"}, "401 400 400 400 400 400 404 404 404 404 400", method="POST"),
}

OBJECTS = {
    "jobs:candidate_detail": row({"pk": "far_candidate"}, "302 200 404 200 404 404 404 404 404 200 404"),
    "jobs:offer_edit": row({"pk": "far_offer"}, "302 200 403 200 403 403 403 403 200 403 403"),
    "jobs-candidate-detail": row({"pk": "far_candidate"}, "401 200 404 200 404 404 404 404 404 200 404"),
}

# Query-count guards (tests/matrix/test_query_counts.py): at most this many SQL queries for the
# MDE administrator on the grown world.
QUERIES = {
    "jobs:offer_list": 8,
    "jobs:offer_list?tri=-candidatures": 8,
    "jobs:offer_create": 7,
    "jobs:offer_import": 6,
    "jobs:offer_detail": 9,
    "jobs:offer_edit": 11,
    "jobs:offer_matches": 21,
    "jobs:suggest_offer_job": 11,
    "jobs:suggest_job_skills": 9,
    "jobs:candidate_skills": 5,
    "jobs:appellation_search": 8,
    "jobs:candidate_list": 19,
    "jobs:candidate_list?tri=-disponibilite": 19,
    "jobs:candidate_create": 6,
    "jobs:candidate_detail": 13,
    "jobs:candidate_edit": 14,
    "jobs:candidate_matches": 13,
    "jobs:candidate_export": 16,
    "jobs:application_list": 8,
    "jobs:application_list?tri=candidat": 8,
    "jobs:application_detail": 10,
    "jobs:statistics": 10,
    "jobs-offer-list": 7,
    "jobs-offer-detail": 6,
    "jobs-offer-candidates": 19,
    "jobs-candidate-list": 19,
    "jobs-candidate-detail": 9,
    "jobs-candidate-offers": 11,
    "jobs-application-list": 6,
    "jobs-application-detail": 5,
    "jobs:application_list?export=csv": 14,
    "jobs:candidate_list?export=csv": 16,
    "jobs:candidate_list?export=csv&tri=commune": 16,
    "jobs:offer_list?export=csv": 5,
    "jobs:offer_matches?export=csv": 28,
}
