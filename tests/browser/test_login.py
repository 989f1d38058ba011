"""Journeys (a) and (g): anonymous home → login (wrong password, then right) → dashboard → logout."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_login_with_wrong_then_right_password_reaches_dashboard(browsing, territory):
    page = browsing.page
    browsing.goto("/")
    expect(page.locator("h1")).to_have_text(territory.mde.name)
    browsing.assert_accessible_page()
    browsing.screenshot("accueil-anonyme")

    page.locator("main").get_by_role("link", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/comptes/connexion/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")
    browsing.assert_accessible_page()
    # The e-mail field has the focus on arrival (autofocus).
    expect(page.get_by_label("Adresse e-mail")).to_be_focused()

    page.get_by_label("Adresse e-mail").fill(territory.admin.email)
    page.get_by_label("Mot de passe").fill("pas-le-bon-mot-de-passe")
    page.get_by_role("button", name="Se connecter").click()
    error = page.locator(".alert-danger")
    expect(error).to_contain_text("Adresse e-mail ou mot de passe incorrect.")
    browsing.assert_accessible_page()
    browsing.screenshot("connexion-erreur")

    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")
    assert page.url == browsing.url("/")
    expect(browsing.menu()).to_contain_text("Alice")
    browsing.assert_accessible_page()
    browsing.screenshot("tableau-de-bord")


def test_logout(browsing, territory):
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")

    browsing.menu_entry("Se déconnecter", role="button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(territory.mde.name)
    menu = page.get_by_role("navigation", name="Menu principal")
    expect(menu.get_by_role("link", name="Se connecter")).to_be_visible()
    expect(menu.get_by_role("button", name="Se déconnecter")).to_have_count(0)
    # The session is gone: a private page sends back to the login form.
    browsing.goto("/comptes/profil/")
    expect(page).to_have_url(re.compile(r"/comptes/connexion/\?next=/comptes/profil/"))
    assert browsing.errors() == []
