"""Browser journey of the transition explorer (Playwright + Debian's Chromium, marker ``browser``).

python -m pytest -m browser tests/reconversion/test_browser.py
"""

import io

import pytest
from django.core.management import call_command

from .factories import link, make_appellation, make_fiche, make_skill
from .rome_fixture import FICHES, ITEMS, LINKS, write_rome_export

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect

KINDS = {"sf": "savoir_faire", "sav": "savoir", "ctx": "contexte"}
IMPORTANCE = {"Principale": "principale", "Émergente": "emergente", "": ""}


@pytest.fixture
def explorer_data(transactional_db, tmp_path):
    fiches = {code: make_fiche(code, label) for code, (label, *_) in FICHES.items()}
    make_appellation("20001", "Couturière retoucheuse", fiches["B1803"])
    skills = {code: make_skill(code, label, kind=KINDS[kind]) for code, (label, kind, *_) in ITEMS.items()}
    for fiche, items in LINKS.items():
        for item, importance in items.items():
            link(fiches[fiche], skills[item], IMPORTANCE[importance])
    directory = write_rome_export(tmp_path / "rome")
    call_command("build_transitions", "--rome-dir", str(directory), "--no-progress", stdout=io.StringIO())


def test_candidate_explores_paths_from_former_job(browsing, explorer_data):  # noqa: F811
    page = browsing.page
    browsing.goto("/reconversion/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Explorer les passerelles entre métiers")
    field = page.get_by_label("Votre métier (actuel ou précédent)")
    with page.expect_response(lambda r: "/reconversion/?q=" in r.url):
        field.press_sequentially("couturi", delay=20)
    expect(page.get_by_role("link", name="Couturière retoucheuse")).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("reconversion-recherche")

    page.get_by_role("link", name="Couturière retoucheuse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passerelles depuis : Couturière retoucheuse")
    first = page.locator("#passerelles li.card").first
    expect(first).to_contain_text("Monteur / Monteuse en électronique")
    expect(first).to_contain_text("Minutie et dextérité fine")
    # No official file loaded here: its panel is hidden; the cross-domain « bold moves » are shown.
    expect(page.get_by_role("heading", name="Mobilités officielles")).to_have_count(0)
    expect(page.get_by_role("heading", name="Pistes audacieuses")).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("reconversion-passerelles")

    page.get_by_label("Seulement vers d'autres domaines professionnels (reconversions)").check()
    expect(page.locator("#passerelles li.card").first).to_contain_text("Autre domaine")

    page.get_by_role("link", name="Monteur / Monteuse en électronique").first.click()
    expect(page.get_by_role("heading", name="Compétences conservées (2)")).to_be_visible()
    expect(page.get_by_role("heading", name="Ce qui rapproche ces deux métiers")).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("reconversion-detail")


def test_a_refused_live_search_says_so(browsing, explorer_data, settings):
    # htmx swaps nothing on a 429: the old results stayed without a word once the limit was hit.
    settings.MAILLAGE_RATE_LIMITS = {**settings.MAILLAGE_RATE_LIMITS, "public_search": "2/5m"}
    page = browsing.page
    browsing.goto("/reconversion/")  # first page view of the window
    field = page.get_by_label("Votre métier (actuel ou précédent)")
    with page.expect_response(lambda r: "/reconversion/?q=" in r.url):
        field.fill("couturi")  # second
    expect(page.get_by_role("link", name="Couturière retoucheuse")).to_be_visible()
    with page.expect_response(lambda r: "/reconversion/?q=" in r.url and r.status == 429):
        field.fill("couturie")  # third: refused
    expect(page.locator("#resultats-metiers [role=alert]")).to_contain_text("Trop de recherches depuis votre connexion")
