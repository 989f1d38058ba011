"""Browser journey of the company's monthly grid (issue #11): everyone's hours at once, one proof.

python -m pytest -m browser tests/clauses/test_browser_declarations.py
"""

from datetime import date

import pytest

from maillage.clauses.models import HoursStatement, Modality, StatementStatus

from .factories import ContractFactory
from .test_browser import clauses  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect


def test_company_declares_the_month_grid(browsing, clauses, tmp_path):  # noqa: F811
    page, lot = browsing.page, clauses["lot"]
    second = ContractFactory(
        lot=lot,
        employer=clauses["contract"].employer,
        modality=Modality.APPRENTICESHIP,
        participant__last_name="Durand",
        participant__first_name="Yanis",
    )
    slips = tmp_path / "bulletins-juin.pdf"
    slips.write_bytes(b"%PDF-1.4 bulletins de juin")
    browsing.login(clauses["company_user"])
    browsing.goto("/clauses/espace-entreprise/grille/")
    page.get_by_label("Lot", exact=True).select_option(str(lot.pk))
    page.get_by_label("Mois", exact=True).fill("2025-06")
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Déclarer les heures de juin 2025")
    browsing.assert_accessible_page()
    page.get_by_label("Heures de LEMAIRE Inès", exact=False).fill("151,67")
    page.get_by_label("Heures de DURAND Yanis", exact=False).fill("120")
    page.get_by_label("Heures en centre de formation de DURAND Yanis", exact=False).fill("35")
    page.get_by_label("Justificatif de la déclaration").set_input_files(str(slips))
    browsing.screenshot("clauses-grille-entreprise")
    page.get_by_role("button", name="Envoyer la déclaration de juin 2025").click()
    expect(page.get_by_text("2 déclarations envoyées")).to_be_visible()
    browsing.assert_accessible_page()
    statements = HoursStatement.objects.filter(month=date(2025, 6, 1)).order_by("hours")
    assert [(s.contract_id, str(s.hours), s.status) for s in statements] == [
        (second.pk, "120.00", StatementStatus.SUBMITTED),
        (clauses["contract"].pk, "151.67", StatementStatus.SUBMITTED),
    ]
    assert statements[0].training_centre_hours == 35
    assert statements[0].batch_id == statements[1].batch_id is not None

    # The facilitator sees both in the queue, with the common proof.
    browsing.login(clauses["facilitator"])
    browsing.goto("/clauses/declarations/")
    expect(page.get_by_role("link", name="commun : justificatif de la déclaration groupée").first).to_be_visible()
    browsing.assert_accessible_page()
    page.get_by_label("Sélectionner juin 2025 de LEMAIRE Inès").check()
    page.get_by_label("Sélectionner juin 2025 de DURAND Yanis").check()
    browsing.screenshot("clauses-file-declarations")
    page.get_by_role("button", name="Valider les déclarations cochées").click()
    expect(page.get_by_text("2 déclarations validées")).to_be_visible()
    assert set(statements.values_list("status", flat=True)) == {StatementStatus.VALIDATED}
