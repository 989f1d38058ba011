"""Permission matrix of a referral (roles × objects) through the pages: the referring counsellor, the
receiving structure's editor, another structure's editor, MDE staff, a colleague and anonymous."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from maillage.accounts.models import AuditEvent, OrganisationKind, Role
from maillage.directory import services
from tests.factories import MembershipFactory, user_with_role

ACTORS = [
    "counsellor",
    "colleague",
    "receiving_editor",
    "other_editor",
    "mde_admin",
    "mde_charge",
    "viewer",
    "anonymous",
]
# Can see the referral and download its attachment / can answer it.
EXPECTED = {
    "counsellor": (200, 403),
    "colleague": (200, 403),
    "receiving_editor": (200, 302),
    "other_editor": (404, 404),
    "mde_admin": (200, 403),
    "mde_charge": (404, 404),
    "viewer": (404, 404),
    "anonymous": (302, 302),
}


@pytest.fixture
def matrix(directory):
    upload = SimpleUploadedFile("bilan.pdf", b"%PDF-1.4 bilan", content_type="application/pdf")
    referral = services.referral_create(
        user=directory["counsellor"], service=directory["asl"], first_name="Amina", last_name="Diallo",
        consent=True, files=[upload],
    )  # fmt: skip
    counsellor_org = directory["counsellor"].memberships.get().organisation
    colleague = MembershipFactory(role=Role.PARTNER, organisation=counsellor_org).user
    users = {
        "counsellor": directory["counsellor"],
        "colleague": colleague,
        "receiving_editor": directory["editor"],
        "other_editor": directory["other_editor"],
        "mde_admin": user_with_role(Role.ADMIN, OrganisationKind.MDE),
        "mde_charge": user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE),
        "viewer": user_with_role(Role.VIEWER, OrganisationKind.FUNDER),
        "anonymous": None,
    }
    return referral, users


@pytest.mark.parametrize("actor", ACTORS)
def test_referral_matrix(client, matrix, actor):
    referral, users = matrix
    if users[actor]:
        client.force_login(users[actor])
    view, answer = EXPECTED[actor]
    response = client.get(f"/annuaire/orientations/{referral.pk}/")
    assert response.status_code == view
    attachment = referral.attachments.get()
    download = client.get(f"/annuaire/pieces-jointes/{attachment.pk}/")
    assert download.status_code == view
    if view == 200:
        assert b"".join(download.streaming_content) == b"%PDF-1.4 bilan"
        assert download["Cache-Control"] == "private, no-store"
        assert AuditEvent.objects.filter(actor=users[actor], action="export", object_id=str(referral.pk)).exists()
        assert AuditEvent.objects.filter(actor=users[actor], action="view", object_id=str(referral.pk)).exists()
    response = client.post(f"/annuaire/orientations/{referral.pk}/reponse/", {"decision": "accept"})
    assert response.status_code == answer
    referral.refresh_from_db()
    assert (referral.status == "accepted") == (actor == "receiving_editor")


@pytest.mark.parametrize("actor", ACTORS)
def test_referral_lists_show_only_ones_own(client, matrix, actor):
    referral, users = matrix
    if users[actor] is None:
        assert client.get("/annuaire/orientations/").status_code == 302
        return
    client.force_login(users[actor])
    response = client.get("/annuaire/orientations/")
    # A reader who neither refers nor receives has no list at all (it was an empty one).
    assert response.status_code == (403 if actor == "viewer" else 200)
    assert (b"Amina" in response.content) == (EXPECTED[actor][0] == 200)


def test_media_url_does_not_serve_attachments(client, matrix, settings):
    referral, users = matrix
    attachment = referral.attachments.get()
    assert attachment.file.name.startswith("private/")
    response = client.get(settings.MEDIA_URL + attachment.file.name)
    assert response.status_code in (302, 404)


@pytest.mark.parametrize(
    "actor, edit, rules, imports",
    [
        ("receiving_editor", 200, 403, 403),
        ("other_editor", 403, 403, 403),
        ("mde_admin", 200, 200, 200),
        ("mde_charge", 200, 200, 200),
        ("counsellor", 403, 403, 403),
        ("viewer", 403, 403, 403),
    ],
)
def test_listing_and_rules_matrix(client, matrix, directory, actor, edit, rules, imports):
    _referral, users = matrix
    client.force_login(users[actor])
    structure, service = directory["association"], directory["asl"]
    assert client.get(f"/annuaire/structures/{structure.pk}/modifier/").status_code == edit
    assert client.get(f"/annuaire/structures/{structure.pk}/services/{service.pk}/modifier/").status_code == edit
    assert client.post(f"/annuaire/structures/{structure.pk}/verifiee/").status_code == (302 if edit == 200 else 403)
    assert client.get(f"/annuaire/services/{service.pk}/conditions/").status_code == rules
    assert client.get("/annuaire/imports/").status_code == imports


def test_mde_staff_following_referrals_see_their_colleagues_ones_within_their_territory(client, directory):
    """A referral sent by the MDE's facilitator is followed at the MDE: her colleagues who follow people
    (chargé de mission, director) see it in the list, the page, the attachment and the API, within their
    EPCI scope (none: the whole perimeter); a colleague scoped to another EPCI, a reader of the MDE, and
    another organisation's chargé de mission do not (404, absent from the lists). Reads are audited."""
    from maillage.territories.models import Epci

    mde = user_with_role(Role.FACILITATOR, OrganisationKind.MDE).memberships.get().organisation
    sender = MembershipFactory(role=Role.FACILITATOR, organisation=mde).user
    upload = SimpleUploadedFile("bilan.pdf", b"%PDF-1.4 bilan", content_type="application/pdf")
    referral = services.referral_create(
        user=sender, service=directory["asl"], first_name="Amina", last_name="Diallo", consent=True, files=[upload]
    )
    assert referral.epci_code
    home = Epci.objects.get(code=referral.epci_code)
    elsewhere = Epci.objects.exclude(code=referral.epci_code).first()
    users = {
        "charge": (MembershipFactory(role=Role.CHARGE_MISSION, organisation=mde).user, True),
        "charge_home": (user_with_role(Role.CHARGE_MISSION, organisation=mde, epcis=[home]), True),
        "charge_elsewhere": (user_with_role(Role.CHARGE_MISSION, organisation=mde, epcis=[elsewhere]), False),
        "reader_of_the_mde": (MembershipFactory(role=Role.VIEWER, organisation=mde).user, False),
        "other_mde_charge": (user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE), False),
        "partner_charge": (user_with_role(Role.CHARGE_MISSION, OrganisationKind.PLIE), False),
    }
    attachment = referral.attachments.get()
    for name, (user, sees) in users.items():
        client.force_login(user)
        detail = client.get(f"/annuaire/orientations/{referral.pk}/")
        assert detail.status_code == (200 if sees else 404), name
        assert client.get(f"/annuaire/pieces-jointes/{attachment.pk}/").status_code == (200 if sees else 404), name
        listing = client.get("/annuaire/orientations/").content.decode()
        assert (f"/annuaire/orientations/{referral.pk}/" in listing) is sees, name
        api = client.get(f"/api/v1/directory/referrals/{referral.pk}/")
        assert api.status_code == (200 if sees else 404), name
        api_list = client.get("/api/v1/directory/referrals/")
        assert api_list.status_code == (403 if name == "reader_of_the_mde" else 200), name
        ids = [item["id"] for item in api_list.json().get("results", [])] if api_list.status_code == 200 else []
        assert (referral.pk in ids) is sees, name
        # Only the receiving structure answers.
        client.post(f"/annuaire/orientations/{referral.pk}/reponse/", {"decision": "accept"})
        referral.refresh_from_db()
        assert referral.status == "sent"
        audited = AuditEvent.objects.filter(actor=user, action="view", object_id=str(referral.pk)).exists()
        assert audited is sees, name


def test_the_referral_list_is_paged_and_loses_none(client, directory):
    """It was cut at the 300 most recent: older referrals could no longer be reached from the list."""
    from maillage.kernel.pagination import PER_PAGE

    for n in range(PER_PAGE + 2):
        services.referral_create(
            user=directory["counsellor"], service=directory["asl"], first_name=f"Personne{n:02d}", last_name="Test",
            consent=True, files=[],
        )  # fmt: skip
    client.force_login(directory["counsellor"])
    first = client.get("/annuaire/orientations/").content.decode()
    assert f": {PER_PAGE + 2}</caption>" in first and "Page 1 sur 2" in first
    assert "Personne00" not in first  # the oldest, on the second page
    assert "Personne00" in client.get("/annuaire/orientations/", {"page": "2"}).content.decode()


def test_only_those_who_send_or_receive_referrals_have_a_list_of_them(directory, client):
    """A job seeker, a company or an elected official had an « Orientations » tab and an empty list
    (« orientations de votre structure : 0 »): the tab is gone and the list refused, page and API."""
    from django.urls import reverse

    from maillage.accounts.models import User
    from maillage.directory.policies import can_list_referrals

    seeker = User.objects.create_user(email="seeker@example.org", password="Un-mot-de-passe-2026")
    company = user_with_role(Role.COMPANY_MEMBER, OrganisationKind.COMPANY)
    assert not can_list_referrals(seeker) and not can_list_referrals(company)
    assert can_list_referrals(directory["counsellor"]) and can_list_referrals(directory["editor"])
    for user in (seeker, company):
        client.force_login(user)
        assert client.get(reverse("directory:referral_list")).status_code == 403
        assert client.get("/api/v1/directory/referrals/").status_code == 403
        assert "Orientations</a>" not in client.get(reverse("directory:search")).content.decode()
    client.force_login(directory["editor"])
    assert "Orientations</a>" in client.get(reverse("directory:search")).content.decode()
