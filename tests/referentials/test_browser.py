"""Browser journeys of the referentials pages (Playwright + Debian's Chromium, marker ``browser``).

    python -m pytest -m browser tests/referentials/test_browser.py

They reuse the browser fixtures of ``tests/browser`` (live server, accessibility audit, screenshots).
"""

import pytest
from django.template.loader import render_to_string

from maillage.accounts.models import OrganisationKind, Role
from maillage.referentials.loaders import load_all
from tests.factories import user_with_role

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def loaded(transactional_db, sources):
    load_all(sources)
    return user_with_role(Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL)


def test_appellation_search_journey(browsing, loaded):  # noqa: F811
    page = browsing.page
    browsing.login(loaded)
    browsing.goto("/referentiels/")
    page.get_by_role("link", name="Rechercher un métier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Métiers et référentiels")
    field = page.get_by_label("Intitulé de métier")
    with page.expect_response(lambda r: "/referentiels/appellations/?q=" in r.url):
        field.press_sequentially("electricien", delay=20)
    expect(page.locator("#appellation-status")).to_have_text("3 appellations trouvées.")
    results = page.get_by_role("list", name="Appellations trouvées")
    expect(results.get_by_role("link").first).to_have_text("Électricien / Électricienne du bâtiment")
    browsing.assert_accessible_page()
    browsing.screenshot("referentiels-recherche-appellation")
    # Keyboard only: from the field to the first result, then open the fiche.
    field.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Électricien / Électricienne du bâtiment")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("F1602")
    expect(page.get_by_role("heading", name="Mobilités officielles (ROME)")).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("referentiels-fiche")


def test_fiche_list_filters(browsing, loaded):  # noqa: F811
    page = browsing.page
    browsing.login(loaded)
    browsing.goto("/referentiels/")
    expect(page.locator("#fiche-count")).to_have_text("5 fiches métiers")
    with page.expect_response(lambda r: "grand_domaine=F" in r.url):
        page.get_by_label("Grand domaine").select_option("F")
    expect(page.locator("#fiche-count")).to_have_text("3 fiches métiers")
    expect(page.locator("#fiche-results tbody tr")).to_have_count(3)
    with page.expect_response(lambda r: "domaine=F16" in r.url):
        page.get_by_label("Domaine professionnel").select_option("F16")
    expect(page.locator("#fiche-count")).to_have_text("3 fiches métiers")
    with page.expect_response(lambda r: "q=cariste" in r.url):
        page.get_by_label("Grand domaine").select_option("")
        page.get_by_label("Domaine professionnel").select_option("")
        page.get_by_label("Métier, appellation ou code ROME").fill("cariste")
    expect(page.locator("#fiche-count")).to_have_text("1 fiche métier")
    assert "q=cariste" in page.url  # the address bar follows the filters (back button, bookmarks)
    browsing.assert_accessible_page()
    browsing.screenshot("referentiels-fiches")


def test_appellation_picker_with_keyboard(browsing, loaded):  # noqa: F811
    """The include other modules drop into their forms, on a page served from the live server's origin."""
    page = browsing.page
    browsing.login(loaded)
    picker = render_to_string("referentials/_appellation_picker.html", {"name": "appellation", "label": "Métier"})
    html = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Sélecteur</title>'
        '<link rel="stylesheet" href="/static/vendor/bootstrap/bootstrap.min.css"></head>'
        f"<body><main><h1>Formulaire</h1><form>{picker}</form></main>"
        '<script src="/static/vendor/htmx/htmx.min.js"></script></body></html>'
    )
    page.route(browsing.url("/essai-selecteur/"), lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(browsing.url("/essai-selecteur/"))
    combo = page.get_by_role("combobox", name="Métier")
    with page.expect_response(lambda r: "picker=appellation" in r.url):
        combo.press_sequentially("plomb", delay=20)
    listbox = page.get_by_role("listbox", name="Appellations proposées")
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(combo).to_have_attribute("aria-expanded", "true")
    expect(page.locator("[data-picker-status]")).to_contain_text("2 appellations proposées")
    combo.press("ArrowDown")
    expect(combo).to_have_attribute("aria-activedescendant", "appellation-option-1")
    combo.press("ArrowDown")
    combo.press("ArrowUp")
    combo.press("Enter")
    expect(combo).to_have_value("Plombier / Plombière")
    expect(page.locator("#id_appellation")).to_have_value("11004")
    expect(listbox).to_be_hidden()
    expect(page.locator("[data-picker-status]")).to_have_text("Appellation choisie : Plombier / Plombière")
    combo.fill("")
    expect(page.locator("#id_appellation")).to_have_value("")
    assert browsing.errors() == []


def test_rome_autocomplete_in_the_event_form(browsing, transactional_db, sources):  # noqa: F811
    """Typing « electricien » offers « F1602 – Électricien / Électricienne du bâtiment »: chosen with the keyboard,
    it is appended, code and label, to the event's list of ROME fiches (static/js/autocomplete.js, no inline script)."""
    load_all(sources)
    page = browsing.page
    browsing.login(user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE))
    browsing.goto("/evenements/nouveau/")
    search = page.get_by_label("Ajouter un métier")
    expect(search).to_have_attribute("role", "combobox")
    with page.expect_response(lambda r: "/referentiels/fiches/autocompletion/?q=" in r.url):
        search.press_sequentially("electricien", delay=20)
    option = page.get_by_role("option", name="F1602 – Électricien / Électricienne du bâtiment")
    expect(option).to_be_visible()
    expect(search).to_have_attribute("aria-expanded", "true")
    search.press("ArrowDown")
    search.press("Enter")
    expect(page.get_by_label("Métiers (codes ROME)")).to_have_value("F1602 – Électricien / Électricienne du bâtiment")
    expect(search).to_have_value("")
    with page.expect_response(lambda r: "/referentiels/fiches/autocompletion/?q=" in r.url):
        search.press_sequentially("N11", delay=20)
    page.get_by_role("option", name="N1101 – Conducteur / Conductrice de chariot élévateur").click()
    expect(page.get_by_label("Métiers (codes ROME)")).to_have_value(
        "F1602 – Électricien / Électricienne du bâtiment\nN1101 – Conducteur / Conductrice de chariot élévateur"
    )
    browsing.assert_accessible_page()
    browsing.screenshot("evenements-metiers-rome")
