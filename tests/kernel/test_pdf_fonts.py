"""One bundled font for every PDF of the product: « Gros œuvre », « € » and French thousands print as typed."""

import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

import maillage
from maillage.clauses.pdf import Document
from maillage.directory.guides import GuideDocument
from maillage.events.reports import _Pdf as EventPdf
from maillage.kernel.pdf import FAMILY, FONT_DIR
from maillage.observatory.exports import DiagnosticPdf
from maillage.steering.pdf import ReportDocument

TEXT = "Gros œuvre : 12\u202f345 € – Évreux, Maîtrise d'œuvre"
PACKAGE = Path(maillage.__file__).resolve().parent


def test_the_font_is_bundled_once_with_its_licence():
    fonts = [p for p in PACKAGE.rglob("*") if p.suffix.lower() in {".ttf", ".otf", ".woff", ".woff2"}]
    assert {p.parent for p in fonts} == {FONT_DIR}
    digests = [hashlib.sha256(p.read_bytes()).hexdigest() for p in fonts]
    assert len(digests) == len(set(digests))
    assert (FONT_DIR / "LICENSE").read_text().count("Bitstream") >= 1


def _text(pdf) -> str:
    data = bytes(pdf.output())
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages), data


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make",
    [
        lambda: Document("Bilan"),
        lambda: DiagnosticPdf("Diagnostic"),
        lambda: ReportDocument("Rapport d'activité"),
        lambda: EventPdf("Bilan d'événement"),
        lambda: GuideDocument("Guide", "Eure"),
    ],
    ids=["clauses", "observatory", "steering", "events", "directory"],
)
def test_every_pdf_generator_prints_the_oe_ligature(make):
    pdf = make()
    if pdf.page == 0:
        pdf.add_page()
    for style, line in (("", TEXT), ("B", "Gros œuvre")):
        pdf.set_font(FAMILY, style, 10)
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    text, data = _text(pdf)
    assert b"DejaVuSans" in data and b"FontFile2" in data
    flat = " ".join(text.split()).replace("\u202f", " ")
    assert "Gros œuvre : 12 345 €" in flat and "Maîtrise d'œuvre" in flat and "oeuvre" not in flat
