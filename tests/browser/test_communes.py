"""Journey (e): commune search by postcode and by name, accents and case ignored, through the HTMX field."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def results_of(page, query: str):
    field = page.get_by_label("Nom ou code postal")
    with page.expect_response(lambda r: "/territoires/communes/?q=" in r.url and r.request.headers.get("hx-request")):
        field.fill(query)
    table = page.locator("#commune-results")
    expect(table).to_contain_text(f"pour « {query} »")
    return table


def test_commune_search(browsing, territory):
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/territoires/")
    page.get_by_role("link", name="Rechercher une commune par nom ou code postal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rechercher une commune")
    browsing.assert_accessible_page()

    table = results_of(page, "27400")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("Louviers")

    table = results_of(page, "27220")  # one postcode, two communes, the larger first
    expect(table.locator("tbody tr td:first-child")).to_have_text(["Saint-André-de-l'Eure", "Les Authieux"])

    table = results_of(page, "EVREUX")
    expect(table.locator("tbody tr td:first-child")).to_have_text(["Évreux"])
    expect(table.get_by_role("link", name="CA Évreux Portes de Normandie")).to_be_visible()

    table = results_of(page, "saint andre")
    expect(table.locator("tbody tr td:first-child")).to_have_text(["Saint-André-de-l'Eure"])

    table = results_of(page, "val de reuil")
    expect(table).to_contain_text("Val-de-Reuil")

    table = results_of(page, "zzz")
    expect(table).to_contain_text("Aucun résultat pour « zzz »")
    expect(table.locator("table")).to_have_count(0)

    results_of(page, "evr")
    browsing.assert_accessible_page()
    browsing.screenshot("recherche-communes")
    # The address bar is not rewritten; reloading shows the form again (no HTMX push).
    assert browsing.errors() == []


def test_commune_search_without_javascript_parameters(browsing, territory):
    """The same page answers a plain GET (bookmark, no JavaScript): results are in the page."""
    page = browsing.page
    browsing.login(territory.partner)
    browsing.goto("/territoires/communes/?q=guichainville")
    expect(page.locator("#commune-results tbody tr")).to_have_count(1)
    expect(page.get_by_label("Nom ou code postal")).to_have_value("guichainville")
    browsing.assert_accessible_page()


def test_commune_search_saint_abbreviated(browsing, territory):
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/territoires/communes/")
    table = results_of(page, "st andre")
    expect(table.locator("tbody tr td:first-child")).to_have_text(["Saint-André-de-l'Eure"], timeout=1_000)
