"""Browser journeys of data entry: an import with a refused row, then the sorted, paged dashboard."""

import pytest

from .test_browser import clauses  # noqa: F401

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect


def test_import_preview_then_the_valid_rows_and_a_sorted_dashboard(browsing, clauses, tmp_path):  # noqa: F811
    page = browsing.page
    browsing.login(clauses["facilitator"])
    browsing.goto("/clauses/import/")
    browsing.assert_accessible_page()
    expect(page.get_by_role("link", name="XLSX – participants")).to_be_visible()
    sample = tmp_path / "personnes.csv"
    sample.write_text(
        "Nom;Prénom;Date de naissance;Sexe;Critères;Date de validation\n"
        "Roux;Paul;15/01/1993;M;jeune;01/03/2025\n"
        "Caron;Lina;02/02/1990;F;rsa;01/03/2025\n",
        encoding="utf-8",
    )
    page.get_by_label("Contenu du fichier").select_option("participants")
    page.get_by_label("Fichier CSV (séparateur ;) ou XLSX").set_input_files(str(sample))
    page.get_by_role("button", name="Vérifier le fichier").click()
    expect(page.get_by_text("1 ligne valide")).to_be_visible()
    expect(page.get_by_text("la personne a 32 ans")).to_be_visible()
    browsing.assert_accessible_page()
    browsing.screenshot("clauses-import-apercu")
    page.get_by_role("button", name="Importer les lignes valides (1 ligne)").click()
    expect(page.get_by_text("Import terminé")).to_be_visible()
    browsing.screenshot("clauses-import-termine")

    browsing.goto("/clauses/")
    header = page.get_by_role("link", name="Réalisées")
    header.focus()
    page.keyboard.press("Enter")
    expect(page.locator("th[aria-sort='descending']")).to_contain_text("Réalisées")
    browsing.assert_accessible_page()
    browsing.screenshot("clauses-tableau-de-bord-trie")
