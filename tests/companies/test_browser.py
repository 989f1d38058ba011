"""Browser journeys of company relations (Playwright + Debian's Chromium, marker ``browser``).

python -m pytest -m browser tests/companies/test_browser.py
"""

import datetime

import pytest

from maillage.companies.models import RecruitmentNeed

from .factories import (
    AgreementFactory,
    AppellationFactory,
    ContactFactory,
    EstablishmentFactory,
    HiringWeightFactory,
    InteractionFactory,
    RomeFicheFactory,
)

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect
seed_territory = pytest.importorskip("tests.browser.data").seed_territory


@pytest.fixture
def companies(transactional_db):
    territory = seed_territory()
    fiche = RomeFicheFactory(code="H2913", label="Soudage manuel", code_rome_parent="H2913")
    AppellationFactory(code="38727", label="Soudeur / Soudeuse", search_label="soudeur soudeuse", fiche=fiche)
    HiringWeightFactory(rome_v3="H2913", naf="25.62B", naf_label="Mécanique industrielle", hirings=3000)
    plant = EstablishmentFactory(
        name="Usinage de l'Iton", naf="25.62B", size_band="22", commune=territory.communes["27229"]
    )
    EstablishmentFactory(name="Mécanique du Val", naf="25.62B", size_band="11", commune=territory.communes["27701"])
    ContactFactory(establishment=plant, first_name="Nathalie", last_name="Hamel", is_main=True)
    today = datetime.date.today()
    InteractionFactory(establishment=plant, subject="Visite des ateliers", follow_up_on=today, author=territory.admin)
    AgreementFactory(establishment=plant, title="Convention de revitalisation – Usinage de l'Iton")
    return territory, plant


def test_record_a_shortage_need_then_prospect(browsing, companies):  # noqa: F811
    territory, plant = companies
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/entreprises/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Relations entreprises")
    browsing.assert_accessible_page()
    browsing.screenshot("entreprises-liste")

    page.get_by_role("link", name="Usinage de l'Iton").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Usinage de l'Iton")
    expect(page.get_by_role("cell", name="Nathalie Hamel principal")).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("entreprises-fiche")

    page.get_by_role("link", name="Ajouter un besoin").click()
    field = page.get_by_label("Métier (appellation ROME)")
    with page.expect_response(lambda r: "/entreprises/suggestions/metiers/" in r.url):
        field.press_sequentially("soud", delay=20)
    expect(page.locator("#appellations-suggestions option")).to_have_count(1)
    field.fill("Soudeur / Soudeuse (38727)")
    page.get_by_label("Nombre de postes").fill("3")
    page.get_by_label("Type de contrat").select_option("cdi")
    page.get_by_label("Horizon (embauche souhaitée pour le)").fill("2027-03-01")
    page.get_by_label("Motif").select_option("tension")
    browsing.assert_accessible_page()
    page.get_by_role("main").get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le besoin de recrutement a été enregistré.")).to_be_visible()
    need = RecruitmentNeed.objects.get()
    assert (need.positions, need.reason, need.appellation_id) == (3, "tension", "38727")

    browsing.goto("/entreprises/prospection/?metier=38727")
    results = page.get_by_role("table")
    expect(results.get_by_role("link").first).to_have_text("Usinage de l'Iton")
    expect(page.get_by_text("besoin exprimé")).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("entreprises-prospection")


def test_form_errors_are_announced(browsing, companies):  # noqa: F811
    territory, plant = companies
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/entreprises/nouveau/")
    page.get_by_label("SIRET").fill("732 829 320 00075")
    page.get_by_label("Nom (enseigne ou raison sociale)").fill("Pharma")
    page.get_by_role("main").get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#erreurs")).to_be_focused()
    expect(page.get_by_text("Ce SIRET n'est pas valide")).to_be_visible()
    expect(page.get_by_label("SIRET")).to_have_attribute("aria-invalid", "true")
    browsing.assert_accessible_page(allow_http_status=True)
    browsing.screenshot("entreprises-erreurs")


def test_follow_ups_and_agreements(browsing, companies):  # noqa: F811
    territory, plant = companies
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/entreprises/relances/")
    expect(page.get_by_role("link", name="Usinage de l'Iton")).to_be_visible()
    browsing.assert_accessible_page()
    page.get_by_role("button", name="Marquer faite : Usinage de l'Iton").click()
    expect(page.get_by_text("Aucune relance à faire.")).to_be_visible()
    browsing.goto("/entreprises/conventions/")
    page.get_by_role("link", name="Convention de revitalisation – Usinage de l'Iton").click()
    expect(page.get_by_role("heading", name="Résultats par rapport aux objectifs")).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("entreprises-convention")
