"""French helpers: elision, agreement, thousands (template filters and Python)."""

from decimal import Decimal
from html import unescape

import pytest
from django.template import Context, Template

from maillage.common_text import count_of, elide, group_thousands, plural


@pytest.mark.parametrize(
    ("particle", "word", "expected"),
    [
        ("de", "octobre", "d'octobre"),
        ("de", "août", "d'août"),
        ("de", "mai", "de mai"),
        ("le", "Inès", "l'Inès"),
        ("le", "profil", "le profil"),
        ("de", "heures", "d'heures"),
        ("de", "hauteur", "de hauteur"),  # h aspiré
        ("la", "Évreux", "l'Évreux"),
    ],
)
def test_elision(particle, word, expected):
    assert elide(particle, word) == expected


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (0, "ligne valide", "0 ligne valide"),
        (1, "ligne valide", "1 ligne valide"),
        (2, "ligne valide", "2 lignes valides"),
        (1.5, "heure", "1,5 heure"),
        (12345, "heure", "12\u202f345 heures"),
        (3, "prix", "3 prix"),
    ],
)
def test_agreement(n, noun, expected):
    assert count_of(n, noun) == expected


def test_irregular_plural_and_thousands():
    assert plural(2, "travail", "travaux") == "travaux"
    assert group_thousands(Decimal("12345.50")) == "12\u202f345,50"
    assert group_thousands(None) == ""


def test_template_filters():
    html = Template(
        '{% load french %}heures {{ "de"|elide:month }} – {{ "le"|elide:name }} – {{ n|count_of:"ligne valide" }}'
        ' – {{ 2|count_of:"travail,travaux" }} – {{ big|thousands }}'
    ).render(Context({"month": "octobre", "name": "Inès", "n": 1, "big": 1234567}))
    # Output stays escaped (the word may be user data): the apostrophe is an HTML entity.
    assert unescape(html) == "heures d'octobre – l'Inès – 1 ligne valide – 2 travaux – 1\u202f234\u202f567"


def test_csv_uses_the_french_decimal_comma_and_keeps_formulas_neutralised(settings):
    from maillage.kernel.exports import csv_response

    response = csv_response("t", ["Lot", "Heures", "Taux"], [["=SOMME(A1)", Decimal("1234.50"), 0.125], ["x", 3, -1.5]])
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1] == "'=SOMME(A1);1234,50;0,125"
    assert lines[2] == "x;3;-1,5"
    settings.MAILLAGE_CSV_DECIMAL_COMMA = False
    assert csv_response("t", ["a"], [[0.5]]).content.decode("utf-8-sig").splitlines()[1] == "0.5"
