"""Who sees what: a matrix of users × pages (staff, partners, readers, companies, anonymous)."""

import pytest
from django.test import Client

from maillage.accounts.models import OrganisationKind, Role
from maillage.observatory import documents
from maillage.observatory.models import CompanyProject
from tests.factories import user_with_role

USERS = {
    "admin": (Role.ADMIN, OrganisationKind.MDE),
    "charge": (Role.CHARGE_MISSION, OrganisationKind.MDE),
    "partner": (Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL),
    "facilitator": (Role.FACILITATOR, OrganisationKind.PLIE),
    "elected": (Role.VIEWER, OrganisationKind.FUNDER),
    "company": (Role.COMPANY_MEMBER, OrganisationKind.COMPANY),
    "partner_admin": (Role.ADMIN, OrganisationKind.MISSION_LOCALE),
}
# expected status per page, in the order of WHO: 200 allowed, 403 refused, 302 to the login page
WHO = ["admin", "charge", "partner", "facilitator", "elected", "company", "partner_admin", "anonymous"]
EXPECTED = {
    "/observatoire/": "200 200 200 200 200 403 200 302",
    "/observatoire/tensions/": "200 200 200 200 200 403 200 302",
    "/observatoire/donnees/import/": "200 200 403 403 403 403 403 302",
    "/observatoire/gpect/": "200 200 200 200 403 403 200 302",
    "/observatoire/public/": "200 200 200 200 200 200 200 200",
}
MATRIX = {page: dict(zip(WHO, map(int, codes.split()), strict=True)) for page, codes in EXPECTED.items()}


@pytest.mark.parametrize("page", MATRIX)
@pytest.mark.parametrize("who", [*USERS, "anonymous"])
def test_page_matrix(territory, page, who):
    client = Client()
    if who != "anonymous":
        client.force_login(user_with_role(*USERS[who]))
    response = client.get(page)
    assert response.status_code == MATRIX[page][who], (page, who)


@pytest.mark.parametrize("who", [*USERS, "anonymous"])
def test_only_staff_create_projects_and_documents(territory, who):
    client = Client()
    if who != "anonymous":
        client.force_login(user_with_role(*USERS[who]))
    client.post("/observatoire/gpect/", {"name": "P", "kind": "implantation", "company_name": "X",
                                          "commune": "27001", "radius_km": 20})  # fmt: skip
    client.post("/observatoire/diagnostics/", {"title": "Diagnostic 2025", "scope": "perimetre"})
    staff = who in ("admin", "charge")
    assert CompanyProject.objects.exists() is staff
    from maillage.observatory.models import DiagnosticDocument

    assert DiagnosticDocument.objects.exists() is staff


@pytest.mark.parametrize("who", ["partner", "elected"])
def test_partners_and_readers_comment_only_if_partners(territory, who):
    client = Client()
    client.force_login(user_with_role(*USERS[who]))
    client.post(
        "/observatoire/commentaires/",
        {"page": "perimetre", "topic": "bmo", "text": "Chiffre cohérent avec nos remontées."},
    )
    from maillage.observatory.models import Comment

    assert Comment.objects.exists() is (who == "partner")


def test_public_version_is_read_only_and_only_when_published(territory, charge_mission):
    document = documents.document_create(user=charge_mission, title="Diagnostic partagé 2025")
    anonymous = Client()
    assert anonymous.get(f"/observatoire/public/{document.pk}/").status_code == 404
    import datetime

    documents.version_validate(version=document.latest, committee_date=datetime.date.today(), publish=True)
    page = anonymous.get(f"/observatoire/public/{document.pk}/")
    assert page.status_code == 200
    assert "Diagnostic partagé 2025" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main")[-1]
    pdf = anonymous.get(f"/observatoire/public/{document.pk}/?format=pdf")
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", [*USERS, "mde_facilitator"])
def test_draft_versions_are_for_their_editors_only(territory, charge_mission, who):
    """A draft version of the shared diagnostic is work in progress: the MDE staff who write it (the
    ``can_manage_documents`` right) see it; every other reader sees validated versions only, in the
    list, the document page, its version links and the PDF / XLSX exports (404 for a draft)."""
    import datetime

    published = documents.document_create(user=charge_mission, title="Diagnostic partagé 2025")
    documents.version_validate(version=published.latest, committee_date=datetime.date(2025, 11, 20), publish=False)
    documents.version_create(
        user=charge_mission, document=published,
        sections=[{"title": "Brouillon confidentiel", "text": "Chiffres à revoir", "figure": ""}],
    )  # fmt: skip
    draft_only = documents.document_create(user=charge_mission, title="Diagnostic en préparation")
    user = user_with_role(Role.FACILITATOR, OrganisationKind.MDE) if who == "mde_facilitator" else None
    client = Client()
    client.force_login(user or user_with_role(*USERS[who]))
    editor = who in ("admin", "charge")
    if who == "company":
        assert client.get(f"/observatoire/diagnostics/{published.pk}/").status_code == 403
        return
    listing = client.get("/observatoire/diagnostics/").content.decode()
    assert "Diagnostic partagé 2025" in listing
    assert ("Diagnostic en préparation" in listing) is editor
    assert (f"/observatoire/diagnostics/{draft_only.pk}/" in listing) is editor
    page = client.get(f"/observatoire/diagnostics/{published.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert ("Brouillon confidentiel" in html) is editor
    assert ("?version=2" in html) is editor
    asked = client.get(f"/observatoire/diagnostics/{published.pk}/", {"version": "2"}).content.decode()
    assert ("Brouillon confidentiel" in asked) is editor
    assert client.get(f"/observatoire/diagnostics/{published.pk}/v1.pdf").status_code == 200
    draft_codes = 200 if editor else 404
    assert client.get(f"/observatoire/diagnostics/{published.pk}/v2.xlsx").status_code == draft_codes
    assert client.get(f"/observatoire/diagnostics/{published.pk}/v2.pdf").status_code == draft_codes
    assert client.get(f"/observatoire/diagnostics/{draft_only.pk}/").status_code == draft_codes
    assert client.get(f"/observatoire/diagnostics/{draft_only.pk}/v1.pdf").status_code == draft_codes
