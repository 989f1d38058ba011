"""Journey (f): an MDE administrator creates an organisation, a user and a membership;
a partner professional cannot reach the administration (HTTP 403)."""

import re

import pytest
from playwright.sync_api import expect

from maillage.accounts.models import Membership, Organisation, OrganisationKind, Role, User

pytestmark = pytest.mark.browser

ORGANISATION = "Association Emploi Solidaire Eure"
EMAIL = "lea.bernard@emploi-solidaire.example"


def test_admin_creates_organisation_user_and_membership(browsing, territory):
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/")
    browsing.menu_entry("Administration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Administration")
    expect(browsing.menu().locator("[aria-current]")).to_have_count(0)  # not a module of the menu
    browsing.assert_accessible_page()
    browsing.screenshot("administration")

    # 1. The organisation.
    page.locator("main").get_by_role("link", name="Organisations").click()
    page.get_by_role("link", name="Ajouter une organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle organisation")
    browsing.assert_accessible_page()
    page.get_by_role("button", name="Enregistrer").click()  # empty: the errors are said in French
    expect(page.locator("main")).to_contain_text("Ce champ est obligatoire.")
    browsing.screenshot("organisation-erreurs")
    assert browsing.errors() == []
    page.get_by_label("Nom", exact=False).first.fill(ORGANISATION)
    page.get_by_label("Type").select_option(label="Association")
    page.get_by_label("SIRET").fill("73282932000074")
    page.get_by_label("E-mail de contact").fill("contact@emploi-solidaire.example")
    browsing.screenshot("organisation-formulaire")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ORGANISATION)
    expect(page.get_by_role("status")).to_contain_text(f"L'organisation « {ORGANISATION} » est enregistrée.")
    browsing.assert_accessible_page()
    organisation = Organisation.objects.get(name=ORGANISATION)
    assert organisation.kind == OrganisationKind.ASSOCIATION and organisation.siret == "73282932000074"

    # 2. The user.
    browsing.menu_entry("Administration").click()
    page.get_by_role("link", name="Utilisateurs et rattachements").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utilisateurs")
    browsing.assert_accessible_page()
    page.get_by_role("link", name="Créer un compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau compte")
    browsing.assert_accessible_page()
    page.get_by_label("Adresse e-mail").fill(EMAIL.upper())
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label(re.compile(r"^Nom\b")).fill("Bernard")
    # The account is created with its first membership: partner professional of the new
    # organisation, on one EPCI; the person receives an invitation to choose a password.
    page.get_by_label("Organisation").select_option(label=ORGANISATION)
    page.get_by_label("Rôle").select_option(label="Professionnel partenaire")
    page.get_by_role("group", name="Territoire d'intervention (EPCI)").get_by_label("CA Seine-Eure").check()
    browsing.screenshot("rattachement-formulaire")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Léa Bernard")
    expect(page.get_by_role("status")).to_contain_text("une invitation à choisir un mot de passe")
    row = page.locator("main table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(ORGANISATION)
    expect(row).to_contain_text("Professionnel partenaire")
    expect(row).to_contain_text("CA Seine-Eure")
    browsing.assert_accessible_page()
    browsing.screenshot("utilisateur-fiche")

    # 3. A second membership: a role this kind of organisation may hold.
    page.get_by_role("link", name="Ajouter un rattachement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rattachement de Léa Bernard")
    browsing.assert_accessible_page()
    page.get_by_label("Organisation").select_option(label=ORGANISATION)
    page.get_by_label("Rôle").select_option(label="Lecteur")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("Le rattachement est enregistré.")
    expect(row).to_have_count(2)
    browsing.assert_accessible_page()

    user = User.objects.get(email=EMAIL)
    membership = Membership.objects.get(user=user, role=Role.PARTNER)
    assert membership.organisation == organisation
    assert list(membership.epcis.values_list("code", flat=True)) == ["200089456"]


@pytest.mark.parametrize(
    "path", ["/comptes/administration/", "/comptes/administration/utilisateurs/", "/comptes/organisations/nouvelle/"]
)
def test_partner_cannot_reach_administration(browsing, territory, path):
    page = browsing.page
    browsing.login(territory.partner)
    browsing.goto("/")
    expect(browsing.menu().get_by_role("link", name="Administration")).to_have_count(0)
    browsing.goto(path, expected_status=403)
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    browsing.assert_accessible_page(allow_http_status=True)  # a French page of the site, with its menu
    expect(browsing.menu().get_by_role("link", name="Territoires")).to_be_visible()
    if path.endswith("/administration/"):
        browsing.screenshot("erreur-403")


def test_form_errors_are_linked_to_their_fields(browsing, territory):
    """RGAA 11.10 / WCAG 3.3.1: an error message is tied to its field (aria-describedby to an existing id)."""
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/comptes/organisations/nouvelle/")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("main")).to_contain_text("Ce champ est obligatoire.")
    name = page.get_by_label("Nom", exact=False).first
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(re.compile("Ce champ est obligatoire"), timeout=1_000)
    browsing.assert_accessible_page()


def test_siret_may_be_typed_with_spaces(browsing, territory):
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/comptes/organisations/nouvelle/")
    page.get_by_label("Nom", exact=False).first.fill("Garage du Plateau")
    page.get_by_label("Type").select_option(label="Entreprise")
    page.get_by_label("SIRET").press_sequentially("732 829 320 00074")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Garage du Plateau", timeout=2_000)
    assert Organisation.objects.get(name="Garage du Plateau").siret == "73282932000074"
