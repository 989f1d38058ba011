"""Browser journey of the social clauses (Playwright + Debian's Chromium, marker ``browser``):
size a clause with the live calculator, a company declares its hours, the facilitator validates them,
the yearly bilan shows the figures; every page passes the accessibility checks.

    python -m pytest -m browser tests/clauses/test_browser.py
"""

import re
from datetime import date
from decimal import Decimal

import pytest

from maillage.accounts.models import Organisation, OrganisationKind, Role
from maillage.clauses import services
from maillage.clauses.models import Modality, StatementStatus
from tests.factories import user_with_role

from .factories import (
    BuyerFactory,
    ContractFactory,
    EligibilityFactory,
    LotFactory,
    MarketFactory,
    OperationFactory,
    StatementFactory,
)

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect
seed_territory = pytest.importorskip("tests.browser.data").seed_territory


@pytest.fixture
def clauses(transactional_db):
    from maillage.clauses.defaults import load_defaults
    from maillage.clauses.models import CountingRule, EligibilityCriterion, SizingPreset

    load_defaults(EligibilityCriterion, SizingPreset, CountingRule)  # the data migration ran before the flush
    territory = seed_territory()
    evreux = territory.communes["27229"]
    facilitator = user_with_role(Role.FACILITATOR, organisation=territory.mde_organisation)
    facilitator.first_name, facilitator.last_name = "Karim", "Benali"
    facilitator.save()
    company = Organisation.objects.get(name="Menuiserie de l'Iton")
    company_user = user_with_role(Role.COMPANY_MEMBER, organisation=company)
    operation = OperationFactory(
        name="Groupe scolaire Jean-Moulin", buyer=BuyerFactory(name="Ville d'Évreux"), commune=evreux
    )
    operation.followers.add(facilitator)
    lot = LotFactory(
        market=MarketFactory(operation=operation),
        commune=evreux,
        label="Menuiseries",
        target_hours=Decimal("0"),
        start_on=date(2025, 1, 1),
        end_on=date(2025, 12, 31),
    )
    services.assign_counting_rule(lot)
    services.set_lot_company(None, lot, company, "titulaire")
    contract = ContractFactory(
        lot=lot,
        employer=company,
        modality=Modality.CDDI,
        participant__last_name="Lemaire",
        participant__first_name="Inès",
    )
    EligibilityFactory(participant=contract.participant)
    StatementFactory(contract=contract, month=date(2025, 2, 1), hours=Decimal("120"))
    return {
        "facilitator": facilitator,
        "company_user": company_user,
        "lot": lot,
        "contract": contract,
        "kind": OrganisationKind.MDE,
    }


def test_size_declare_validate_and_report(browsing, clauses):  # noqa: F811
    page, lot = browsing.page, clauses["lot"]
    browsing.login(clauses["facilitator"])

    # 1. Size the clause: the result appears while typing, then is stored with its schedule.
    browsing.goto(f"/clauses/lots/{lot.pk}/dimensionnement/")
    browsing.assert_accessible_page()
    page.get_by_label("Méthode").select_option("taux")
    expect(page.locator("#sizing-result")).to_contain_text("833 h")  # the masonry preset, pre-filled
    page.get_by_label("Montant HT (€)").fill("600000")
    page.get_by_label("Part de main-d'œuvre (%)").fill("70")
    page.get_by_label("Taux d'insertion (%)").fill("7")
    page.get_by_label("Coût horaire chargé (€)").fill("28")
    expect(page.locator("#sizing-result")).to_contain_text("1 050 h")
    browsing.screenshot("clauses-dimensionnement")
    page.get_by_role("button", name="Enregistrer l'objectif et le calendrier").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Menuiseries")
    expect(page.get_by_text("Objectif enregistré")).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("clauses-lot")

    # 2. The company declares June's hours in its space.
    browsing.login(clauses["company_user"])
    browsing.goto("/clauses/espace-entreprise/")
    browsing.assert_accessible_page()
    page.get_by_role("link", name=re.compile("Menuiseries")).click()
    page.get_by_label("Personne").select_option(str(clauses["contract"].pk))
    page.get_by_label("Mois").fill("2025-06")
    page.get_by_role("spinbutton", name="Heures (obligatoire)").fill("90")
    page.get_by_role("button", name="Déclarer").click()
    expect(page.get_by_text("Heures déclarées")).to_be_visible()
    browsing.assert_accessible_page()

    # 3. The facilitator validates it from the queue.
    browsing.login(clauses["facilitator"])
    browsing.goto("/clauses/declarations/")
    browsing.assert_accessible_page()
    browsing.screenshot("clauses-declarations")
    page.get_by_role("button", name="Valider juin 2025").click()
    expect(page.get_by_role("status").filter(has_text="Validé")).to_be_visible()
    assert clauses["contract"].statements.get(month=date(2025, 6, 1)).status == StatementStatus.VALIDATED

    # 4. The closing attestation for the company and the buyer (PDF).
    browsing.goto(f"/clauses/lots/{lot.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="attestation PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # 5. The yearly bilan shows the validated hours and its charts; the national consolidation downloads.
    browsing.goto("/clauses/bilans/?annee=2025")
    expect(page.locator("#total-heures")).to_have_text("210")
    expect(page.locator("#chart-months")).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("clauses-bilan-annuel")
    page.get_by_role("link", name="Consolidation nationale").click()
    browsing.assert_accessible_page()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le fichier XLSX").click()
    assert download.value.suggested_filename == "consolidation-nationale-2025.xlsx"

    # 6. The dashboard lists the lot with its progress.
    browsing.goto("/clauses/")
    expect(page.get_by_role("link", name=re.compile("Menuiseries")).first).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("clauses-tableau-de-bord")


def test_pages_with_parameters_pass_the_checks(browsing, clauses):  # noqa: F811
    lot, contract = clauses["lot"], clauses["contract"]
    browsing.login(clauses["facilitator"])
    operation = lot.market.operation
    for path in (
        f"/clauses/operations/{operation.pk}/",
        f"/clauses/operations/{operation.pk}/modifier/",
        f"/clauses/operations/{operation.pk}/bilan/",
        f"/clauses/marches/{lot.market_id}/",
        f"/clauses/lots/{lot.pk}/modifier/",
        f"/clauses/lots/{lot.pk}/heures/?mois=2025-02",
        f"/clauses/lots/{lot.pk}/calendrier/",
        f"/clauses/participants/{contract.participant_id}/",
        f"/clauses/participants/{contract.participant_id}/modifier/",
        f"/clauses/participants/{contract.participant_id}/contrat/",
        f"/clauses/participants/{contract.participant_id}/sortie/",
        "/clauses/parametres/regles/nouveau/",
        "/clauses/coordination/couverture/nouvelle/",
    ):
        browsing.goto(path)
        browsing.assert_accessible_page()
    browsing.goto(f"/clauses/participants/{contract.participant_id}/")
    browsing.screenshot("clauses-fiche-participant")


def test_participant_file_opens_the_contract_form_in_place(browsing, clauses):  # noqa: F811
    """The file does not carry the lot selects: opening « Ajouter un contrat » loads the form in place."""
    page, lot, contract = browsing.page, clauses["lot"], clauses["contract"]
    browsing.login(clauses["facilitator"])
    browsing.goto(f"/clauses/participants/{contract.participant_id}/")
    expect(page.get_by_role("combobox", name="Lot (obligatoire)", exact=True)).to_have_count(0)
    page.get_by_text("Ajouter un contrat sur un de mes lots").click()
    lot_select = page.get_by_role("combobox", name="Lot (obligatoire)", exact=True)
    expect(lot_select).to_be_visible()
    expect(lot_select.locator("optgroup")).to_have_attribute("label", "Groupe scolaire Jean-Moulin")
    lot_select.select_option(label=f"Lot {lot.number} – Menuiseries")
    page.get_by_label("Employeur / structure").select_option(label="Menuiserie de l'Iton")
    page.get_by_label("Début").fill("2025-06-02")
    browsing.assert_accessible_page()
    page.get_by_role("button", name="Enregistrer le contrat").click()
    expect(page.get_by_text("Le contrat est enregistré.")).to_be_visible()
    assert contract.participant.contracts.count() == 2
