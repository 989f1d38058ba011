"""Pages: permission matrix, offer form with suggestion, matching pages, applications, self-registration."""

import json

import pytest
from django.urls import reverse

from maillage.accounts.models import AuditAction, AuditEvent, OrganisationKind, Role
from maillage.companies.models import Establishment
from maillage.jobs.models import Application, ApplicationState, Candidate, ConsentPurpose, Offer

from ..factories import OrganisationFactory, user_with_role
from .factories import make_candidate, make_offer

ROLES = ["anonymous", "admin", "charge_mission", "facilitator", "partner", "company", "viewer", "candidate"]


@pytest.fixture
def world(ref, client):
    company_org = OrganisationFactory(kind=OrganisationKind.COMPANY, name="Ateliers de l'Iton")
    establishment = Establishment.objects.create(
        siret="73282932000074", name="Ateliers de l'Iton", commune=ref.communes.evreux, organisation=company_org
    )
    users = {
        "anonymous": None,
        "admin": user_with_role(Role.ADMIN, OrganisationKind.MDE),
        "charge_mission": user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE),
        "facilitator": user_with_role(Role.FACILITATOR, OrganisationKind.PLIE),
        "partner": user_with_role(Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL),
        "company": user_with_role(Role.COMPANY_MEMBER, organisation=company_org),
        "viewer": user_with_role(Role.VIEWER, OrganisationKind.FUNDER),
        "candidate": user_with_role(Role.VIEWER, OrganisationKind.FUNDER),
    }
    users["candidate"].memberships.all().delete()
    own = make_candidate(ref.communes.evreux, skills=["300233"], first_name="Moi", user=users["candidate"])
    shared = make_candidate(ref.communes.louviers, held=["10001"], skills=["300233", "300490", "100100"])
    private = make_candidate(ref.communes.evreux, consent_purpose=ConsentPurpose.SUPPORT, first_name="Privé")
    offer = make_offer(ref.communes.evreux, skills=["300233", "105778"], establishment=establishment)
    other_offer = make_offer(ref.communes.evreux, appellation="10007", title="Caissier H/F")
    application = Application.objects.create(offer=offer, candidate=shared, origin="prescripteur")
    other_application = Application.objects.create(offer=other_offer, candidate=own, origin="candidat")
    return {
        "users": users,
        "own": own,
        "shared": shared,
        "private": private,
        "offer": offer,
        "other_offer": other_offer,
        "application": application,
        "other_application": other_application,
        "establishment": establishment,
    }


def _client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


MATRIX = {
    # page: expected status per role, in ROLES order
    "offer_list": [302, 200, 200, 200, 200, 200, 200, 200],
    "offer_detail": [302, 200, 200, 200, 200, 200, 200, 200],
    "offer_create": [302, 200, 200, 403, 403, 200, 403, 403],
    "offer_edit": [302, 200, 200, 403, 403, 200, 403, 403],
    "offer_matches": [302, 200, 200, 200, 200, 403, 403, 403],
    "candidate_list": [302, 200, 200, 200, 200, 403, 403, 403],
    "candidate_shared": [302, 200, 200, 200, 200, 404, 404, 404],
    "candidate_private": [302, 200, 200, 404, 404, 404, 404, 404],
    "candidate_own": [302, 200, 200, 200, 200, 404, 404, 200],
    "candidate_export": [302, 200, 200, 403, 403, 404, 404, 404],
    "candidate_own_export": [302, 200, 200, 403, 403, 404, 404, 200],
    "candidate_matches": [302, 200, 200, 200, 200, 404, 404, 404],
    "application_list": [302, 200, 200, 200, 200, 200, 403, 200],
    "application": [302, 200, 200, 200, 200, 200, 404, 404],
    "other_application": [302, 200, 200, 200, 200, 404, 404, 200],
    "statistics": [302, 200, 200, 200, 200, 403, 200, 403],
}


def _url(page, w):
    return {
        "offer_list": reverse("jobs:offer_list"),
        "offer_detail": reverse("jobs:offer_detail", args=[w["offer"].pk]),
        "offer_create": reverse("jobs:offer_create"),
        "offer_edit": reverse("jobs:offer_edit", args=[w["offer"].pk]),
        "offer_matches": reverse("jobs:offer_matches", args=[w["offer"].pk]),
        "candidate_list": reverse("jobs:candidate_list"),
        "candidate_shared": reverse("jobs:candidate_detail", args=[w["shared"].pk]),
        "candidate_private": reverse("jobs:candidate_detail", args=[w["private"].pk]),
        "candidate_own": reverse("jobs:candidate_detail", args=[w["own"].pk]),
        "candidate_export": reverse("jobs:candidate_export", args=[w["shared"].pk]),
        "candidate_own_export": reverse("jobs:candidate_export", args=[w["own"].pk]),
        "candidate_matches": reverse("jobs:candidate_matches", args=[w["shared"].pk]),
        "application_list": reverse("jobs:application_list"),
        "application": reverse("jobs:application_detail", args=[w["application"].pk]),
        "other_application": reverse("jobs:application_detail", args=[w["other_application"].pk]),
        "statistics": reverse("jobs:statistics"),
    }[page]


@pytest.mark.parametrize("page", sorted(MATRIX))
def test_permission_matrix(world, client, page):
    statuses = {}
    for role in ROLES:
        client.logout()
        response = _client_for(client, world["users"][role]).get(_url(page, world))
        statuses[role] = response.status_code
    assert statuses == dict(zip(ROLES, MATRIX[page], strict=True))


def test_candidate_pages_are_audit_logged(world, client):
    user = world["users"]["partner"]
    _client_for(client, user).get(reverse("jobs:candidate_detail", args=[world["shared"].pk]))
    assert AuditEvent.objects.filter(actor=user, action=AuditAction.VIEW, object_id=str(world["shared"].pk)).exists()
    client.get(reverse("jobs:offer_matches", args=[world["offer"].pk]))
    assert AuditEvent.objects.filter(actor=user, detail__startswith="rapprochement").exists()


def test_matching_page_explains_and_partner_sees_only_visible(world, client):
    response = _client_for(client, world["users"]["partner"]).get(
        reverse("jobs:offer_matches", args=[world["offer"].pk])
    )
    content = response.content.decode()
    assert "Réaliser les travaux de montage, d&#x27;assemblage" in content
    assert "Câblage filaire" in content  # to acquire
    assert "Privé" not in content
    assert str(world["shared"]) in content


def test_offer_form_suggestion_and_create(world, client):
    client = _client_for(client, world["users"]["charge_mission"])
    response = client.get(reverse("jobs:suggest_offer_job"), {"title": "Couturiere H/F", "description": "couture"})
    assert response.status_code == 200 and "Couturier / Couturière" in response.content.decode()
    response = client.get(reverse("jobs:suggest_job_skills"), {"appellation": "10004", "description": "câblage"})
    assert "Câblage filaire" in response.content.decode()
    response = client.post(
        reverse("jobs:offer_create"),
        {
            "title": "Couturière retoucheuse H/F",
            "description": "Retouches",
            "appellation": "10001",
            "skills": ["100100", "100101"],
            "contract_type": "CDI",
            "positions": "1",
            "commune": "Évreux",
            "company_name": "Retouches du Centre",
            "shortage": "auto",
            "status": "publiee",
        },
    )
    offer = Offer.objects.get(title="Couturière retoucheuse H/F")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:offer_detail", args=[offer.pk])
    assert offer.commune_id == "27229" and sorted(offer.skills.values_list("code", flat=True)) == ["100100", "100101"]


def test_offer_form_requires_an_appellation(world, client):
    client = _client_for(client, world["users"]["charge_mission"])
    response = client.post(
        reverse("jobs:offer_create"),
        {
            "title": "X",
            "contract_type": "CDI",
            "positions": "1",
            "commune": "27229",
            "company_name": "Y",
            "shortage": "auto",
        },
    )
    assert response.status_code == 200 and "Choisissez l&#x27;appellation ROME" in response.content.decode()


def test_company_moves_applications_to_its_offers_only(world, client):
    client = _client_for(client, world["users"]["company"])
    url = reverse("jobs:application_detail", args=[world["application"].pk])
    response = client.post(url, {"to_state": ApplicationState.INTERVIEW})
    assert response.status_code == 302
    world["application"].refresh_from_db()
    assert world["application"].state == ApplicationState.INTERVIEW


def test_candidate_applies_and_cancels(world, client):
    client = _client_for(client, world["users"]["candidate"])
    response = client.post(reverse("jobs:offer_apply", args=[world["offer"].pk]), {"message": "Motivée"})
    assert response.status_code == 302
    application = Application.objects.get(offer=world["offer"], candidate=world["own"])
    assert application.origin == "candidat"
    url = reverse("jobs:application_detail", args=[application.pk])
    assert client.post(url, {"to_state": ApplicationState.INTERVIEW}).status_code == 403
    assert client.post(url, {"to_state": ApplicationState.CANCELLED}).status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.CANCELLED


def test_partner_proposes_candidate_from_matching(world, client):
    client = _client_for(client, world["users"]["partner"])
    response = client.post(
        reverse("jobs:offer_apply", args=[world["other_offer"].pk]),
        {"candidate": world["shared"].pk, "from_matching": "1", "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"].startswith("/offres/")
    assert Application.objects.get(offer=world["other_offer"], candidate=world["shared"]).origin == "rapprochement"


def test_candidate_export_json(world, client):
    client = _client_for(client, world["users"]["candidate"])
    response = client.get(reverse("jobs:candidate_export", args=[world["own"].pk]))
    data = json.loads(response.content)
    assert data["candidat"]["prenom"] == "Moi" and response["Content-Type"].startswith("application/json")


def test_exports_xlsx(world, client):
    client = _client_for(client, world["users"]["charge_mission"])
    for name in ("jobs:offer_list", "jobs:candidate_list", "jobs:application_list"):
        response = client.get(reverse(name), {"export": "xlsx"})
        assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    response = client.get(reverse("jobs:offer_matches", args=[world["offer"].pk]), {"export": "csv"})
    assert "Compétences communes" in response.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="jobs.candidate").exists()


def test_candidate_form_create_and_anonymise(world, client):
    client = _client_for(client, world["users"]["partner"])
    response = client.post(
        reverse("jobs:candidate_create"),
        {
            "first_name": "Sandrine",
            "last_name": "Leclerc",
            "commune": "27375",
            "mobility_radius_km": "20",
            "held": ["10007"],
            "sought": ["10008"],
            "skills": ["100200"],
            "contracts": ["CDI", "CDD"],
            "consent_purpose": "accompagnement",
            "consent": "on",
            "is_searching": "on",
        },
    )
    candidate = Candidate.objects.get(person__last_name="Leclerc")
    assert response.status_code == 302
    assert candidate.organisation == world["users"]["partner"].memberships.first().organisation
    assert candidate.contract_mask == 3 and candidate.consent_at is not None
    assert client.post(reverse("jobs:candidate_anonymise", args=[candidate.pk])).status_code == 403
    client.logout()
    client.force_login(world["users"]["charge_mission"])
    assert client.post(reverse("jobs:candidate_anonymise", args=[candidate.pk])).status_code == 302
    candidate.refresh_from_db()
    assert candidate.anonymised_at is not None


def test_application_list_for_one_offer(world, client):
    client = _client_for(client, world["users"]["company"])
    response = client.get(reverse("jobs:application_list"), {"offre": world["offer"].pk})
    content = response.content.decode()
    assert "à l'offre «" in content and str(world["shared"]) in content
    response = client.get(reverse("jobs:application_list"), {"offre": world["other_offer"].pk})
    assert "0 candidature" in response.content.decode()


def test_commune_field_reads_code_name_and_name_with_code(ref):
    from maillage.jobs.forms import CommuneField

    field = CommuneField()
    assert field.clean("27229") == ref.communes.evreux
    assert field.clean("Louviers (27375)") == ref.communes.louviers
    assert field.clean("evreux") == ref.communes.evreux
    with pytest.raises(Exception, match="Commune inconnue"):
        field.clean("Atlantide")


def test_offer_from_a_recruitment_need(world, client):
    from datetime import date, timedelta

    from maillage.companies.models import RecruitmentNeed

    need = RecruitmentNeed.objects.create(
        establishment=world["establishment"],
        appellation_id="10004",
        positions=2,
        contract_type="interim",
        wanted_by=date.today() + timedelta(days=30),
        difficulty="forte",
        reason="meconnu",
    )
    url = reverse("jobs:offer_from_need", args=[need.pk])
    assert _client_for(client, world["users"]["partner"]).post(url).status_code == 403
    client.logout()
    response = _client_for(client, world["users"]["charge_mission"]).post(url)
    offer = Offer.objects.get(external_id=f"besoin-{need.pk}")
    assert response["Location"] == reverse("jobs:offer_matches", args=[offer.pk])
    assert (offer.contract_type, offer.positions, offer.is_little_known) == ("MIS", 2, True)
    assert offer.establishment == world["establishment"] and offer.commune_id == "27229"
    client.post(url)
    assert Offer.objects.filter(external_id=f"besoin-{need.pk}").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert str(world["shared"]) in page  # the seamstress shares « montage, assemblage »


def test_import_page_reports_errors_and_offers_the_csv(world, client):
    from pathlib import Path

    fixture = Path(__file__).parent / "fixtures" / "ft_offers_small.json"
    assert _client_for(client, world["users"]["partner"]).get(reverse("jobs:offer_import")).status_code == 403
    client.logout()
    client = _client_for(client, world["users"]["charge_mission"])
    with fixture.open("rb") as handle:
        response = client.post(reverse("jobs:offer_import"), {"fichier": handle, "mode": "strict"})
    assert "Aucune offre enregistrée" in response.content.decode()
    with fixture.open("rb") as handle:
        response = client.post(reverse("jobs:offer_import"), {"fichier": handle, "mode": "valides"})
    content = response.content.decode()
    assert "2 offres créées" in content and "typeContrat" in content
    name = response.context["report_name"]
    report = client.get(reverse("jobs:offer_import_report", args=[name]))
    assert "typeContrat" in b"".join(report.streaming_content).decode("utf-8-sig")
    assert client.get(reverse("jobs:offer_import_report", args=["autre.csv"])).status_code == 404


def test_offer_list_sorts_by_its_headers(world, client):
    client = _client_for(client, world["users"]["charge_mission"])
    response = client.get(reverse("jobs:offer_list"), {"tri": "offre"})
    titles = [o.title for o in response.context["page"]]
    assert titles == sorted(titles, key=str.lower) or titles == sorted(titles)
    reverse_titles = [o.title for o in client.get(reverse("jobs:offer_list"), {"tri": "-offre"}).context["page"]]
    assert reverse_titles == list(reversed(titles)) or len(set(titles)) < len(titles)
    assert 'aria-sort="descending"' in client.get(reverse("jobs:offer_list"), {"tri": "-offre"}).content.decode()


def test_commune_field_prefers_the_mdes_own_departement_when_names_clash(db):
    """A territory rule is configuration: an MDE in the Calvados meant its own « Saint-Pierre »."""
    from maillage.jobs.forms import CommuneField
    from maillage.kernel.models import MdeSettings
    from tests.factories import CommuneFactory, DepartementFactory

    eure, calvados = DepartementFactory(code="27"), DepartementFactory(code="14")
    CommuneFactory(code="27001", name="Saint-Pierre", search_name="saint-pierre", departement=eure)
    theirs = CommuneFactory(code="14001", name="Saint-Pierre", search_name="saint-pierre", departement=calvados)
    MdeSettings.objects.update_or_create(pk=1, defaults={"name": "MDE du Calvados", "departement": calvados})
    assert CommuneField().clean("Saint-Pierre") == theirs


# What the offer list says of applications, by role (a company saw how many applied to its competitors).
APPLICATION_FIGURES = {
    # role: (figure shown for the company's offer, figure for the other offer, column shown)
    "admin": (1, 1, True),
    "charge_mission": (1, 1, True),
    "company": (1, None, True),
    "candidate": (None, None, False),
}


@pytest.mark.parametrize("role", APPLICATION_FIGURES)
def test_the_offer_list_counts_only_the_applications_the_user_may_see(world, client, role):
    own_figure, other_figure, column = APPLICATION_FIGURES[role]
    response = _client_for(client, world["users"][role]).get(reverse("jobs:offer_list"))
    rows = {offer.pk: offer for offer in response.context["page"].object_list}
    shown = {pk: (offer.application_count if offer.counts_shown else None) for pk, offer in rows.items()}
    assert shown[world["offer"].pk] == own_figure
    assert shown[world["other_offer"].pk] == other_figure
    assert ('class="sort-link">Candidatures' in response.content.decode()) is column
    assert ("export=csv" in response.content.decode()) is column


def test_a_company_export_leaves_other_offers_application_counts_blank(world, client):
    response = _client_for(client, world["users"]["company"]).get(reverse("jobs:offer_list") + "?export=csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    by_title = {line.split(";")[0]: line.split(";")[-1] for line in lines[1:]}
    assert by_title[world["other_offer"].title] == ""
    assert by_title[world["offer"].title] == "1"


def test_a_job_seeker_sees_which_offers_she_applied_to(world, client):
    response = _client_for(client, world["users"]["candidate"]).get(reverse("jobs:offer_list"))
    applied = {offer.pk for offer in response.context["page"].object_list if offer.applied}
    assert applied == {world["other_offer"].pk}
    assert "Vous avez postulé" in response.content.decode()


def test_a_counsellors_home_counts_the_applications_of_her_structures_candidates(world, client):
    # The partner's structure follows nobody here: « Candidatures en cours : 1 » asked her to follow
    # another structure's candidate; the card now counts her structure's people only.
    from maillage.jobs.dashboard import cards

    partner = world["users"]["partner"]
    client = _client_for(client, partner)

    def card():
        return next(c for c in cards(partner) if c.title == "Candidatures en cours")

    def listed(url):
        return {a.pk for a in client.get(url).context["page"].object_list}

    assert card().value == 0 and card().url.endswith("?suivis=1")
    assert listed(card().url) == set()
    assert world["application"].pk in listed(reverse("jobs:application_list"))  # still visible to her
    Candidate.objects.filter(pk=world["shared"].pk).update(organisation=partner.memberships.get().organisation)
    assert card().value == 1 and listed(card().url) == {world["application"].pk}
    manager = next(c for c in cards(world["users"]["charge_mission"]) if c.title == "Candidatures en cours")
    assert manager.value == 2 and "suivis" not in manager.url
