"""Pages and API of the directory: public search and questionnaire, the mapping page, guides, API, hooks."""

import json
from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from maillage.accounts.models import OrganisationKind, Role
from maillage.directory import guides
from maillage.directory.models import ImportRun, Referral, Service
from maillage.kernel import plugins
from maillage.kernel.plugins import IndicatorScope
from tests.factories import user_with_role

from .conftest import fixture_bytes


def test_public_pages(client, directory):
    assert client.get("/annuaire/").status_code == 200
    response = client.get("/annuaire/?thematique=mobilite&commune=Évreux&distance=30")
    assert b"Auto-\xc3\xa9cole sociale" in response.content and b"Garage solidaire" in response.content
    response = client.get("/annuaire/?commune=Nulle-Part")
    assert "Commune inconnue" in response.content.decode()
    assert client.get(f"/annuaire/services/{directory['asl'].pk}/").status_code == 200
    assert client.get(f"/annuaire/structures/{directory['association'].pk}/").status_code == 200
    # Anonymous visitors find the programmes but cannot refer anyone.
    response = client.get(f"/annuaire/services/{directory['asl'].pk}/orienter/")
    assert response.status_code == 302


def test_questionnaire_page_lists_why(client, directory):
    response = client.get(
        "/annuaire/questionnaire/",
        {"thematiques": ["lecture-ecriture-calcul", "mobilite"], "commune": "27229", "distance": 30, "age": 24,
         "job_seeker": "oui", "language_level": "A2", "driving_licence": "non"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ateliers sociolinguistiques" in html and "N&#x27;a pas encore le permis B" in html
    assert "niveau de français au moins B1" in html


def test_referral_through_the_page(client, directory, django_capture_on_commit_callbacks):
    client.force_login(directory["counsellor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/annuaire/services/{directory['asl'].pk}/orienter/",
            {"first_name": "Amina", "last_name": "Diallo", "consent": "on", "message": "Bonjour",
             "attachments": [SimpleUploadedFile("cv.pdf", b"%PDF-1.4")]},
        )  # fmt: skip
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/annuaire/orientations/{referral.pk}/"
    assert referral.attachments.count() == 1
    assert len(mail.outbox) == 1
    response = client.post(f"/annuaire/services/{directory['asl'].pk}/orienter/", {"first_name": "A", "last_name": "B"})
    assert response.status_code == 200 and Referral.objects.count() == 1  # consent is required


def test_guide_pdf_prints_french_characters(client, directory):
    directory["permis"].description = "Préparer le permis : œuvre commune, 300 € au plus"
    directory["permis"].save()
    content, title, count = guides.guide_pdf("mobilite", "epci:200089456", compress=False)
    assert content.startswith(b"%PDF") and count >= 1
    assert title == "Guide mobilité – CA Seine-Eure"
    # The embedded font maps « œ » (U+0153) and « € » (U+20AC): they print as themselves.
    assert b"DejaVuSans" in content
    cmap = content[content.find(b"begincmap") :]
    assert b"<0153>" in cmap.upper() and b"<20AC>" in cmap.upper()
    response = client.get("/annuaire/guides/", {"category": "mobilite", "territory": "epci:200071454"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_mapping_page_with_the_real_extract(client, reunion):
    staff = user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE)
    client.force_login(staff)
    head = b"\n".join(fixture_bytes("data_inclusion_services_974_extrait_2025.csv").split(b"\n")[:41])
    response = client.post("/annuaire/imports/", {"file": SimpleUploadedFile("extrait.csv", head)})
    assert response.status_code == 302
    mapping_url = response["Location"]
    page = client.get(mapping_url)
    html = page.content.decode()
    assert "40 lignes" in html and "Aperçu" in html
    assert 'value="Thematiques" selected' in html  # the preset was recognised
    form = {key: value for key, value in page.context["form"].initial.items() if value not in (None, False, "")}
    form["action"] = "dry_run"
    response = client.post(mapping_url, form)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.dry_run and run.counts["rows"] == 40
    assert Service.objects.count() == 0
    form["action"] = "import"
    client.post(mapping_url, form)
    assert Service.objects.count() == ImportRun.objects.latest("created_at").counts["stored"] > 0
    report = client.get(f"/annuaire/imports/{run.pk}/rapport.csv")
    assert report.status_code == 200 and "ligne;identifiant" in report.content.decode("utf-8-sig")


def test_api_directory_and_export(client, directory):
    response = client.get("/api/v1/directory/services/", {"thematique": "mobilite", "commune": "27229", "distance": 30})
    assert response.status_code == 200
    names = {row["name"] for row in response.json()["results"]}
    assert names == {"Auto-école sociale", "Garage solidaire"}
    export = client.get("/api/v1/directory/data-inclusion/services/").json()
    from maillage.directory.exports import validate_export

    structures = client.get("/api/v1/directory/data-inclusion/structures/").json()
    assert len(export) == 4 and validate_export(structures, export) == []


def test_api_referrals(client, directory):
    client.force_login(directory["counsellor"])
    payload = {"service": directory["asl"].pk, "first_name": "Amina", "last_name": "Diallo", "consent": False}
    assert client.post("/api/v1/directory/referrals/", payload, content_type="application/json").status_code == 400
    payload["consent"] = True
    response = client.post("/api/v1/directory/referrals/", payload, content_type="application/json")
    assert response.status_code == 201
    pk = response.json()["id"]
    answer = client.post(
        f"/api/v1/directory/referrals/{pk}/answer/", {"accepted": True}, content_type="application/json"
    )
    assert answer.status_code == 403
    client.force_login(directory["other_editor"])
    assert client.get(f"/api/v1/directory/referrals/{pk}/").status_code == 404
    client.force_login(directory["editor"])
    answer = client.post(
        f"/api/v1/directory/referrals/{pk}/answer/",
        {"accepted": False, "reason": "full"},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["status"] == "refused"


def test_module_hooks(directory, client):
    spec = next(s for s in plugins.modules() if s.key == "directory")
    assert spec.hook("can_open") is None and spec.url_name == "directory:search"
    from maillage.directory import services

    services.referral_create(
        user=directory["counsellor"], service=directory["asl"], first_name="A", last_name="B", consent=True
    )
    indicators = plugins.all_indicators()
    scope = IndicatorScope(start=date(2000, 1, 1), end=date(2100, 1, 1))
    assert indicators["directory.referrals_sent"].compute(scope) == 1
    assert (
        indicators["directory.referrals_sent"].compute(IndicatorScope(date(2000, 1, 1), date(2100, 1, 1), ("1",))) == 0
    )
    cards = spec.hook("dashboard")(directory["editor"])
    assert cards[0].figure == "1"
    assert spec.hook("dashboard")(user_with_role(Role.COMPANY_MEMBER, OrganisationKind.COMPANY)) == []
    staff = user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE)
    client.force_login(staff)
    counts = client.get("/annuaire/orientations/chiffres/")
    assert counts.status_code == 200 and "Association Savoirs de base 27" in counts.content.decode()


@pytest.mark.django_db
def test_demo_seed_is_idempotent():
    from maillage.directory import demo
    from tests.factories import CommuneFactory

    for code, name in demo_communes():
        CommuneFactory(code=code, name=name, latitude=49.0, longitude=1.1)
    demo.seed()
    first = Service.objects.count()
    demo.seed()
    assert Service.objects.count() == first >= 140
    assert json.dumps(sorted({t.split("--")[0] for s in Service.objects.all() for t in s.thematiques}))


def demo_communes():
    from maillage.directory.demo import STRUCTURES

    return sorted({(code, name) for name, code, _o, _t in STRUCTURES})


def test_dora_and_mobiville_from_the_page(client, db):
    from .conftest import fixture_bytes

    client.force_login(user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE))
    upload = SimpleUploadedFile("mobiville.json", fixture_bytes("ft_mobiville_aides_mobilite_2022.json"))
    response = client.post("/annuaire/imports/", {"layout": "mobiville", "file": upload, "dry_run": "on"})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.counts["stored"] == 17 and Service.objects.count() == 0
    upload = SimpleUploadedFile("dora.json", fixture_bytes("dora_api_v1_structures_diff_sample_2022.json"))
    client.post("/annuaire/imports/", {"layout": "dora", "file": upload})
    from maillage.directory.models import Structure

    assert Structure.objects.filter(source="dora").exists()
