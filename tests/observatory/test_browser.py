"""Browser journey of a chargé de mission in the observatory (Playwright + Debian's Chromium).

The Évreux perimeter's diagnostic built from the real bundled files (BMO 2024, STMT job seekers,
commune → bassin crosswalk), an EPCI compared with the département, small counts masked, the PDF
export, and the GPECT flow of an incoming company down to its training needs.

    python -m pytest -m browser tests/observatory/test_browser.py
"""

import pytest

from maillage.accounts.models import OrganisationKind, Role
from maillage.observatory.importers import bundled
from tests.browser.data import seed_territory
from tests.factories import user_with_role

from .gpect_data import seed_gpect_scene

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def observatory_data(transactional_db, settings):
    settings.OBSERVATORY_SECRECY_THRESHOLD = 5
    territory = seed_territory()
    bundled.import_zonings()
    for key in ("bmo-2024", "stmt-defm"):
        bundled.import_bundled(key)
    seed_gpect_scene()
    return territory


def test_charge_de_mission_diagnostic_to_training_needs(browsing, observatory_data):
    page = browsing.page
    browsing.login(
        user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE, organisation=observatory_data.mde_organisation)
    )

    # 1. The perimeter's diagnostic from the real files
    browsing.goto("/observatoire/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Diagnostic territorial : Périmètre de MEF Évreux")
    seekers = page.locator("#seekers-comparison")
    expect(seekers).to_contain_text("Eure")
    expect(seekers).to_contain_text("50\u202f870")  # the Eure's job seekers in December 2024 (STMT)
    expect(page.locator("#bmo-comparison")).to_contain_text("Eure")
    expect(page.get_by_text("Poids de chaque bassin BMO")).to_be_attached()
    expect(page.locator('td[data-col="seekers_per_thousand"]').first).not_to_have_text("…")  # the map's table filled
    # small counts masked: two candidates seek the wiring job, shown « s » (secret statistique)
    platform = page.locator("table", has_text="Offres et candidats par métier")
    expect(platform.locator("tr", has_text="Monteur-câbleur").locator("abbr.secret")).to_have_text("s")
    browsing.assert_accessible_page()
    browsing.screenshot("observatoire-perimetre")

    # 2. An EPCI compared with the département
    page.get_by_label("Territoire", exact=True).select_option(label="CA Seine-Eure")
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CA Seine-Eure")
    rows = page.locator("#seekers-comparison tbody tr")
    expect(rows.first).to_contain_text("CA Seine-Eure (communes couvertes)")
    expect(rows.nth(1)).to_contain_text("Eure")
    browsing.assert_accessible_page()
    browsing.screenshot("observatoire-epci")

    # 3. The diagnostic exported to PDF
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # 4. GPECT: an incoming company, its need, its training needs
    page.goto(browsing.url("/observatoire/gpect/"))
    page.get_by_label("Projet").fill("Usine de cartes électroniques")
    page.get_by_label("Nature").select_option(label="Implantation")
    page.get_by_label("Entreprise").fill("Circuits de l'Iton")
    page.get_by_label("Commune").select_option(label="Évreux (27229)")
    page.get_by_role("button", name="Créer le projet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Usine de cartes électroniques")
    page.get_by_label("Métier (fiche ROME)").fill("H2605")
    page.get_by_label("Effectif").fill("10")
    page.get_by_role("button", name="Ajouter le métier").click()
    expect(page.get_by_role("heading", name="Vivier local et viviers transférables")).to_be_visible()
    training = page.locator("#training-needs")
    expect(training).to_contain_text("Câblage filaire")
    expect(training).to_contain_text("Caractéristiques des composants électroniques")
    browsing.assert_accessible_page()
    browsing.screenshot("observatoire-gpect")
