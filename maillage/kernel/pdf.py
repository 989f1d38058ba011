"""Fonts for the PDF documents of every module (fpdf2): one bundled copy of DejaVu Sans, with « œ », « € »
and the narrow no-break space of French thousands (``maillage/kernel/fonts/``, licence beside it).

Every PDF generator calls ``add_fonts(pdf)`` and sets the returned family; no module bundles its own font.
"""

import logging
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"

# fontTools logs every subsetting step at INFO: keep the server log readable.
logging.getLogger("fontTools").setLevel(logging.WARNING)


def add_fonts(pdf) -> str:
    """Register the bundled family on an ``FPDF`` document; returns the family name to ``set_font``."""
    pdf.add_font(FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    return FAMILY
