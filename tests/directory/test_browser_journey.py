"""The module's « done when » in Chromium.

1. A Mission locale counsellor answers the questionnaire for a young woman, sees the basic-skills and
   mobility programmes she can enter and why (and the one she cannot, with the failing condition),
   refers her to the ASL workshop with her consent; the receiving association accepts it.
2. The mobility guide of the Évreux perimeter prints to PDF.
3. MDE staff import the real data·inclusion extract through the mapping page: every service is
   accounted for, and the schema v1 export validates with the package.

Screenshots: ``e2e/screenshots/directory-*.png``.
"""

import csv
import gzip
from pathlib import Path

import pytest
from data_inclusion.schema import v1
from django.conf import settings
from playwright.sync_api import expect

from maillage.accounts.models import OrganisationKind, Role
from maillage.common_text import fold
from maillage.directory.models import Referral, RuleKind, Service
from tests.browser.data import seed_territory
from tests.factories import CommuneFactory, DepartementFactory, RegionFactory, user_with_role

from .conftest import FIXTURES, make_service, make_structure

pytestmark = pytest.mark.browser


@pytest.fixture
def eure_directory(transactional_db):
    territory = seed_territory()
    evreux = territory.communes["27229"]
    association = make_structure(evreux, name="Association Savoirs de base 27", email="contact@savoirs27.example.org")
    mobility = make_structure(territory.communes["27306"], name="Plateforme Mobilité de l'Eure")
    make_service(
        association, name="Ateliers sociolinguistiques (ASL)", rules=[(RuleKind.LANGUAGE_MAX, None, "A2")],
        publics=["tous-publics"],
    )  # fmt: skip
    make_service(
        association, name="Atelier savoirs de base : lire, écrire, compter",
        rules=[(RuleKind.LANGUAGE_MIN, None, "B1"), (RuleKind.AGE_MIN, 16, None)],
    )  # fmt: skip
    make_service(
        mobility, name="Auto-école sociale", thematiques=["mobilite--preparer-un-permis"],
        rules=[(RuleKind.NO_DRIVING_LICENCE, None, None), (RuleKind.AGE_MIN, 17, None)],
        publics=["jeunes", "demandeurs-emploi"],
        description="Préparation au permis B avec une pédagogie adaptée ; cœur de l'offre mobilité, 2 € par heure.",
    )  # fmt: skip
    make_service(
        mobility, name="Plateforme mobilité : diagnostic et accompagnement",
        thematiques=["mobilite--etre-accompagne-dans-son-parcours-mobilite"], publics=["jeunes"],
    )  # fmt: skip
    editor = user_with_role(Role.PARTNER, OrganisationKind.ASSOCIATION)
    editor.first_name, editor.last_name = "Leïla", "Haddad"
    editor.save()
    association.editor_links.create(user=editor)
    mission_locale = user_with_role(Role.PARTNER, OrganisationKind.MISSION_LOCALE)
    mission_locale.first_name, mission_locale.last_name = "Emma", "Girard"
    mission_locale.save()
    return territory, mission_locale, editor


def test_questionnaire_referral_acceptance_and_mobility_guide(browsing, eure_directory):
    territory, counsellor, editor = eure_directory
    page = browsing.page
    browsing.login(counsellor)

    # The questionnaire for a 22-year-old job seeker, French A2, no driving licence, living in Évreux.
    browsing.goto("/annuaire/questionnaire/")
    page.get_by_label("Lecture, écriture et calcul", exact=True).check()
    page.get_by_label("Mobilité", exact=True).check()
    page.get_by_label("Commune de résidence").fill("Évreux")
    page.get_by_label("Âge").fill("22")
    page.get_by_label("Inscrite comme demandeuse d'emploi").select_option("oui")
    page.get_by_label("Niveau de français (CECRL)").select_option("A2")
    page.get_by_label("Permis B").select_option("non")
    page.get_by_role("button", name="Voir les dispositifs").click()

    accessible = page.locator("ol[aria-labelledby='accessibles']")
    expect(page.locator("#accessibles")).to_contain_text("3 dispositifs accessibles")
    asl = accessible.locator("li.match", has_text="Ateliers sociolinguistiques (ASL)")
    expect(asl).to_contain_text("Français A2 : convient")
    permis = accessible.locator("li.match", has_text="Auto-école sociale")
    expect(permis).to_contain_text("N'a pas encore le permis B")
    expect(permis).to_contain_text("Fait partie du public visé")
    others = page.locator("ul[aria-labelledby='non-accessibles']")
    expect(others).to_contain_text("Atelier savoirs de base")
    expect(others).to_contain_text("niveau de français au moins B1")
    browsing.assert_accessible_page(strict=True)
    browsing.screenshot("directory-questionnaire")

    # She is referred to the ASL workshop, with her consent.
    asl.get_by_role("link", name="Orienter vers Ateliers sociolinguistiques (ASL)").click()
    page.get_by_label("Prénom").fill("Amina")
    page.locator("#id_last_name").fill("Diallo")
    page.get_by_label("Message à la structure").fill("Disponible les matins ; premier contact par téléphone.")
    page.get_by_label("La personne a donné son accord").check()
    browsing.assert_accessible_page(strict=True)
    page.get_by_role("button", name="Envoyer l'orientation").click()
    expect(page.locator("#referral-status")).to_contain_text("Envoyée")
    referral = Referral.objects.get()
    assert referral.sender == counsellor and referral.referred.consent_at

    # The receiving association accepts it.
    browsing.page.context.clear_cookies()
    browsing.login(editor)
    browsing.goto("/annuaire/orientations/")
    page.get_by_role("link", name="Amina Diallo").click()
    page.get_by_label("Réponse").select_option("accept")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    expect(page.locator("#referral-status")).to_contain_text("Acceptée")
    browsing.assert_accessible_page(strict=True)
    browsing.screenshot("directory-referral-accepted")
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.answered_by == editor

    # The mobility guide of the Évreux perimeter prints to PDF.
    browsing.goto("/annuaire/guides/")
    page.get_by_label("Thème").select_option("mobilite")
    page.get_by_label("Territoire").select_option(label="CA Évreux Portes de Normandie")
    browsing.assert_accessible_page(strict=True)
    query = page.evaluate("() => new URLSearchParams(new FormData(document.querySelector('main form'))).toString()")
    response = page.request.get(browsing.url(f"/annuaire/guides/?{query}"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert b"DejaVuSans" in response.body()


def _reunion_communes() -> None:
    region = RegionFactory(code="04", name="La Réunion")
    dept = DepartementFactory(code="974", name="La Réunion", region=region)
    path = Path(settings.BASE_DIR) / "data" / "reference" / "geo" / "communes_centroids.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["insee_code"].startswith("974"):
                CommuneFactory(
                    code=row["insee_code"], name=row["name"], search_name=fold(row["name"]), departement=dept,
                    epci=None, latitude=float(row["lat"]), longitude=float(row["lon"]),
                )  # fmt: skip


def test_real_extract_imports_through_the_mapping_page(browsing, transactional_db, tmp_path):
    _reunion_communes()
    staff = user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE)
    services = tmp_path / "data_inclusion_services_974_extrait_2025.csv"
    services.write_bytes(gzip.decompress((FIXTURES / f"{services.name}.gz").read_bytes()))
    structures = tmp_path / "data_inclusion_structures_974_extrait_2025.json"
    structures.write_bytes(gzip.decompress((FIXTURES / f"{structures.name}.gz").read_bytes()))
    page = browsing.page
    page.set_default_timeout(120_000)
    browsing.login(staff)

    browsing.goto("/annuaire/imports/")
    page.get_by_label("Fichier des services (JSON ou CSV)").set_input_files(str(services))
    page.get_by_label("Fichier des structures (facultatif)").set_input_files(str(structures))
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Correspondance des colonnes")
    expect(page.get_by_text("2\u202f705 lignes")).to_be_visible()
    expect(page.get_by_label("Thématiques", exact=True)).to_have_value("Thematiques")
    expect(page.get_by_label("Version des thématiques")).to_have_value("v0")
    browsing.screenshot("directory-import-mapping")
    page.get_by_role("button", name="Importer").click()
    counts = page.locator("#import-counts")
    expect(counts).to_contain_text("2\u202f705 lignes lues")
    browsing.assert_accessible_page(strict=True)
    browsing.screenshot("directory-import-report")

    stored = Service.objects.count()
    rejected = int(counts.locator("li", has_text="rejetés").inner_text().split()[0])
    assert stored + rejected == 2705
    export = page.request.get(browsing.url("/api/v1/directory/data-inclusion/services/")).json()
    assert len(export) == stored
    for record in export:
        v1.Service.model_validate(record)
