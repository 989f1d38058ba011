"""Colour contrast (WCAG 2.1 1.4.3, RGAA 3.2) computed from the styles the browser applies."""

import pytest

from . import a11y

pytestmark = pytest.mark.browser

AA = 4.5


def test_main_colours_of_the_dashboard(browsing, territory):
    page = browsing.page
    browsing.login(territory.admin)
    browsing.goto("/")
    samples = {
        "texte": "main p.card-text",
        "titre": "main h1",
        "lien": "main a[href]",
        "lien du menu": "nav .nav-link",
        "bouton": "nav button.btn",
        "texte discret": "main .text-muted",
        "pied de page": "footer span, footer a",
    }
    for name, selector in samples.items():
        measured = a11y.contrasts(page, selector)
        assert measured, f"{name} : aucun élément {selector}"
        worst = min(measured, key=lambda r: r["ratio"])
        assert worst["ratio"] >= AA, f"{name} : contraste {worst['ratio']}:1 < {AA}:1 ({worst})"
    # Every other text of the page too (3:1 for large text).
    assert a11y.contrast_failures(page) == []


@pytest.mark.parametrize("path", ["/", "/comptes/connexion/"])
def test_anonymous_pages_and_primary_button(browsing, territory, path):
    page = browsing.page
    browsing.goto(path)
    buttons = a11y.contrasts(page, "main .btn-primary")
    assert buttons and min(r["ratio"] for r in buttons) >= AA, buttons
    assert a11y.contrast_failures(page) == []
