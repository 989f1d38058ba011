"""WCAG 1.4.10 (reflow): a wide table scrolls inside its own box, never the whole page. At 390 px the
offer list made the page 626 px wide (the menu and the filters scrolled out of sight with it)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
OPENING = re.compile(r'<div class="table-responsive[^"]*"[^>]*>\s*$')


def _unwrapped_tables(text: str) -> int:
    return sum(1 for match in re.finditer(r"<table\b", text) if not OPENING.search(text[: match.start()]))


def test_every_table_of_a_page_sits_in_a_scrolling_box():
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in sorted(TEMPLATES.rglob("*.html"))
        if "emails" not in path.parts and _unwrapped_tables(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_check_sees_a_bare_table():
    assert _unwrapped_tables("<p>x</p>\n<table class='table'></table>") == 1
    assert _unwrapped_tables('<div class="table-responsive">\n<table></table></div>') == 0
