"""Fonts for the PDF documents of every module (fpdf2): DejaVu Sans, bundled, with « œ » and « € »."""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"


def add_fonts(pdf) -> str:
    """Register the bundled family on an ``FPDF`` document; returns the family name to ``set_font``."""
    pdf.add_font(FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    return FAMILY
