"""Journey (c): keyboard only. Tab to the skip link, follow it, Tab through the menu, visible focus."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from maillage.core.modules import all_modules

from . import a11y

MODULES = all_modules()

pytestmark = pytest.mark.browser

# WCAG 2.1 1.4.11 (non-text contrast) asks 3:1 for the focus indicator against what surrounds it.
FOCUS_CONTRAST = 3
AVAILABLE = [m for m in MODULES if m.is_available]
UPCOMING = [m for m in MODULES if not m.is_available]


def focused(page) -> dict:
    indicator = a11y.focus_indicator(page)
    assert a11y.has_visible_focus(indicator), f"focus invisible : {indicator}"
    assert indicator["outlineContrast"] >= FOCUS_CONTRAST, f"focus peu contrasté : {indicator}"
    return indicator


def tab(page) -> dict:
    page.keyboard.press("Tab")
    return focused(page)


def test_skip_link_then_menu_with_the_keyboard(browsing, territory):
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/")

    skip = tab(page)
    assert skip["className"] == "skip-link" and skip["text"] == "Aller au contenu"
    browsing.screenshot("clavier-lien-evitement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    # From main, the next Tab goes into the content, not back to the menu.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")

    browsing.goto("/")
    tab(page)  # skip link
    assert "Maillage" in tab(page)["text"]
    for module in AVAILABLE:
        indicator = tab(page)
        assert indicator["text"].startswith(module.label), f"ordre de tabulation : {indicator['text']!r}"
    browsing.screenshot("clavier-menu")
    if UPCOMING:
        # The dropdown of upcoming modules opens with Enter, is walked with the arrows, closes with Escape.
        button = tab(page)
        assert button["text"] == "Modules à venir"
        page.keyboard.press("Enter")
        toggle = browsing.menu().get_by_role("button", name="Modules à venir")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        for module in UPCOMING:
            page.keyboard.press("ArrowDown")
            assert focused(page)["text"].startswith(module.label)
        browsing.screenshot("clavier-modules-a-venir")
        page.keyboard.press("Escape")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(toggle).to_be_focused()
    account = tab(page)
    assert account["text"] == territory.admin.first_name

    # Enter on a menu entry opens the module.
    browsing.goto("/")
    for _ in range(3):  # skip link, brand, first module
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(browsing.url(reverse(AVAILABLE[0].url_name)))
    assert browsing.errors() == []


def test_login_form_with_the_keyboard(browsing, territory):
    page = browsing.page
    browsing.goto("/comptes/connexion/")
    expect(page.get_by_label("Adresse e-mail")).to_be_focused()
    focused(page)
    page.keyboard.type(territory.admin.email)
    tab(page)
    expect(page.get_by_label("Mot de passe")).to_be_focused()
    page.keyboard.type("motdepasse-de-test-123")
    tab(page)
    expect(page.get_by_role("button", name="Se connecter")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")
