"""PDFs print French as it is written: « Gros œuvre », « € », thousands separators (bundled DejaVu font)."""

import shutil
import subprocess

import pytest

from maillage.clauses.pdf import Document, fmt


@pytest.mark.django_db
def test_pdf_keeps_the_oe_ligature_and_the_euro_sign(tmp_path):
    doc = Document("Bilan – lot Gros œuvre")
    doc.paragraph("Gros œuvre : 12 345 € d'heures d'insertion.")
    doc.table(["Lot", "Heures"], [("Gros œuvre", 1234.5)])
    content = doc.output_bytes()
    # The bundled TrueType font is embedded (a subset), not a Latin-1 core font.
    assert b"DejaVuSans" in content and b"FontFile2" in content
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent : le contrôle du texte extrait est fait ailleurs")
    path = tmp_path / "bilan.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Gros œuvre" in text and "€" in text and "oeuvre" not in text


def test_numbers_have_french_thousands_and_decimal_comma():
    from decimal import Decimal

    assert fmt(1234.5, 1) == "1\u202f234,5"
    assert fmt(Decimal("12345")) == "12\u202f345"
