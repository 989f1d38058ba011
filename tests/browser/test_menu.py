"""Journey (b): every entry of the main menu, driven by the declared modules (``maillage.core.modules.all_modules``).

Available modules open their page; the others show a plain "pas encore disponible" page. Each page
gets the common accessibility checks and a full-page screenshot ``e2e/screenshots/<key>.png``.
A module that becomes available (``url_name`` set) is picked up without changing this file.
"""

import pytest
from django.urls import resolve, reverse
from playwright.sync_api import expect

from maillage.core.modules import all_modules

MODULES = all_modules()

pytestmark = pytest.mark.browser
# Pages of the foundation get every check; modules under construction get the advisory ones as warnings.
FOUNDATION_APPS = {"core", "accounts", "territories"}


@pytest.mark.parametrize("module", MODULES, ids=[m.key for m in MODULES])
def test_menu_entry(browsing, territory, module):
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/")
    menu = browsing.menu()
    link = browsing.menu_entry(module.label)

    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response.status == 200, f"{module.key} : HTTP {response.status} sur {page.url}"
    page.wait_for_load_state("networkidle")
    path = page.url.removeprefix(browsing.base_url).split("?")[0]
    report = browsing.assert_accessible_page(strict=resolve(path).app_name in FOUNDATION_APPS)
    page.focus("a.skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "MAIN", "le lien d'évitement ne place pas le focus"
    browsing.screenshot(module.key)

    if module.is_available:
        assert path != reverse("core:module", args=[module.key]), f"{module.key} : page d'attente au lieu du module"
        if path.startswith(reverse(module.url_name)):
            current = menu.locator("[aria-current]")
            expect(current).to_have_count(1)
            expect(current).to_contain_text(module.label)
    else:
        assert path == reverse("core:module", args=[module.key])
        assert report["h1"] == [module.label]
        expect(page.locator("main")).to_contain_text("pas encore disponible")


def test_menu_fits_the_screen(browsing, territory):
    """WCAG 1.4.10 (reflow): no horizontal scrolling; the menu wraps or collapses behind a button."""
    page = browsing.page
    browsing.login(territory.admin)
    for width, height in [(1440, 900), (1280, 900), (1024, 768), (320, 640)]:
        page.set_viewport_size({"width": width, "height": height})
        browsing.goto("/")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"défilement horizontal de {overflow} px à {width} px de large"
        logout = browsing.menu_entry("Se déconnecter", role="button")
        logout.scroll_into_view_if_needed()  # a long collapsed menu scrolls down (never sideways)
        expect(logout).to_be_in_viewport()
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"menu ouvert : défilement horizontal de {overflow} px à {width} px de large"
        if width == 320:
            browsing.screenshot("menu-mobile")
    assert browsing.errors() == []
