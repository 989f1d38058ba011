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
        ("de", "Évreux", "d'Évreux"),
        ("de", "Hélène", "d'Hélène"),  # h muet
        ("de", "Hugo Martin", "d'Hugo Martin"),
        ("de", "Hauteville", "de Hauteville"),  # h aspiré, by stem
        ("de", "handicapés", "de handicapés"),
        ("de", "hameaux", "de hameaux"),  # plural of an h aspiré word
        ("la", "Haute-Normandie", "la Haute-Normandie"),
        ("de", "Yvetot", "d'Yvetot"),
        ("de", "Yasmine", "de Yasmine"),  # y + vowel: a consonant sound
        ("de", "onze heures", "de onze heures"),
        ("de", "« Inès »", "d'« Inès »"),
        ("De", "octobre 2026", "D'octobre 2026"),
        ("de", "Le Neubourg", "du Neubourg"),  # a place name keeps its article, contracted
        ("de", "Les Andelys", "des Andelys"),
        ("à", "Les Andelys", "aux Andelys"),
        ("à", "Évreux", "à Évreux"),
        ("de", "La Ferrière-sur-Risle", "de La Ferrière-sur-Risle"),
        ("de", "le chantier", "de le chantier"),  # only capitalised place names are contracted
        ("de", "", "de"),
        ("de", "12 mois", "de 12 mois"),
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
        (0, "ligne", "0 ligne"),
        (-1, "heure", "-1 heure"),
        (2, "créneau", "2 créneaux"),
        (2, "établissement local", "2 établissements locaux"),
        (2, "festival", "2 festivals"),
        (2, "ligne en erreur", "2 lignes en erreur"),
        (2, "demande d'emploi", "2 demandes d'emploi"),
        (2, "relevé enregistré et validé", "2 relevés enregistrés et validés"),
        (2, "situation déjà enregistrée", "2 situations déjà enregistrées"),
        ("3", "offre", "3 offres"),
    ],
)
def test_agreement(n, noun, expected):
    assert count_of(n, noun) == expected


def test_irregular_plural_and_thousands():
    assert plural(2, "travail", "travaux") == "travaux"
    assert group_thousands(Decimal("12345.50")) == "12\u202f345,50"
    assert group_thousands(None) == ""


def test_thousands_only_for_quantities():
    assert group_thousands("1234") == "1\u202f234"
    assert group_thousands(Decimal("12000")) == "12\u202f000"
    assert group_thousands(-4500) == "-4\u202f500"
    assert group_thousands("abc") == "abc"
    assert group_thousands(True) == "True"


def test_month_label_is_french_whatever_the_locale():
    from datetime import date

    from maillage.common_text import month_label

    assert month_label(date(2026, 8, 1)) == "août 2026"
    assert elide("de", month_label(date(2026, 10, 1))) == "d'octobre 2026"


def test_builtin_filters_need_no_load():
    from datetime import date

    html = Template(
        'Heures {{ month|date:"F Y"|de }} – le profil {{ name|de }} – {{ n|count_of:"ligne valide" }}'
        ' – {{ 0|count_of:"ligne" }} – {{ slots|count_of:"créneau" }} – {{ "à"|elide:town }}'
    ).render(Context({"month": date(2026, 10, 1), "name": "Inès", "n": 2, "slots": 3, "town": "Les Andelys"}))
    assert unescape(html) == (
        "Heures d'octobre 2026 – le profil d'Inès – 2 lignes valides – 0 ligne – 3 créneaux – aux Andelys"
    )


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


def test_dates_and_numbers_follow_the_french_formats():
    from datetime import date, datetime

    html = Template(
        '{% load humanize %}{{ day }}|{{ day|date:"SHORT_DATE_FORMAT" }}|{{ at|date:"DATETIME_FORMAT" }}'
        '|{{ big|intcomma }}|{{ amount|floatformat:"0g" }}|{{ pk }}|{{ year }}|{{ ratio }}'
    ).render(
        Context(
            {
                "day": date(2026, 12, 7),
                "at": datetime(2026, 12, 7, 14, 30),
                "big": 1234567,
                "amount": Decimal("16590.4"),
                "pk": 12345,
                "year": 2026,
                "ratio": 0.5,
            }
        )
    )
    assert html.split("|") == [
        "7 décembre 2026",
        "07/12/2026",
        "7 décembre 2026 à 14:30",
        "1\u202f234\u202f567",
        "16\u202f590",
        "12345",  # an id is never grouped (it ends up in URLs)
        "2026",
        "0,5",
    ]


def test_no_template_or_message_writes_an_english_or_bracketed_plural():
    """« ligne(s) » and Django's ``pluralize`` (« 0 lignes », « 1,5 heures ») are not French: use count_of."""
    import io
    import re
    import tokenize
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    bracketed = re.compile(r"[a-zéèêàûç]\((s|x|es)\)")
    offenders = []
    for path in [*root.glob("templates/**/*.html"), *root.glob("maillage/**/*.html")]:
        text = path.read_text()
        if "|pluralize" in text or bracketed.search(text):
            offenders.append(str(path.relative_to(root)))
    for path in root.glob("maillage/**/*.py"):
        if "migrations" in path.parts:
            continue
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text()).readline)
        for token in tokens:
            strings = (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING))
            if token.type in strings and bracketed.search(token.string) and "fichier(s)" not in token.string:
                offenders.append(f"{path.relative_to(root)}:{token.start[0]}: {token.string}")
    assert offenders == []


def test_long_dates_in_prose():
    from datetime import date

    from maillage.common_text import long_date

    assert long_date(date(2026, 12, 7)) == "7 décembre 2026"
    assert long_date(date(2026, 12, 7), weekday=True) == "lundi 7 décembre 2026"
    assert long_date(date(2027, 1, 1)) == "1er janvier 2027"


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("2026-01-01", "j F Y", "1er janvier 2026"),
        ("2026-06-01", "l j F", "lundi 1er juin"),
        ("2026-06-01", "l j F Y", "lundi 1er juin 2026"),
        ("2026-12-07", "l j F Y", "lundi 7 décembre 2026"),
        ("2026-03-01T14:00", "j F Y à H:i", "1er mars 2026 à 14:00"),
        ("2026-03-01T14:00", "l j F à H:i", "dimanche 1er mars à 14:00"),
        ("2026-03-01", r"\j j F", "j 1er mars"),  # an escaped « j » stays a letter
    ],
)
def test_long_date_writes_the_first_of_the_month_1er(value, fmt, expected):
    from datetime import date, datetime

    from maillage.common_text import long_date

    day = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    assert long_date(day, fmt) == expected
    assert Template("{{ day|long_date:fmt }}").render(Context({"day": day, "fmt": fmt})) == expected


def test_long_date_filter_default_format_local_time_and_empty_values():
    from datetime import UTC, date, datetime

    html = Template("{{ day|long_date }}|{{ at|long_date:'j F Y à H:i' }}|{{ none|long_date|default:'immédiatement' }}")
    rendered = html.render(
        Context({"day": date(2027, 1, 1), "at": datetime(2026, 2, 28, 23, 30, tzinfo=UTC), "none": None})
    )
    # 23:30 UTC on 28 February is 00:30 on 1 March in Paris.
    assert rendered == "1er janvier 2027|1er mars 2026 à 00:30|immédiatement"


def test_long_date_is_french_whatever_the_active_language():
    from datetime import date

    from django.utils import translation

    from maillage.common_text import long_date

    with translation.override("en"):
        assert long_date(date(2026, 6, 1), weekday=True) == "lundi 1er juin 2026"


def test_no_template_writes_a_long_date_with_the_date_filter():
    """``|date:"j F Y"`` writes « 1 janvier »: prose dates go through ``long_date`` (« 1er janvier »)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    day_in_words = re.compile(
        r"""\|\s*date\s*(:\s*["'][^"']*\bj\b[^"']*["']|:\s*["']?(DATE|DATETIME|MONTH_DAY)_FORMAT|\s*(\}\}|\|))"""
    )
    offenders = []
    for path in [*root.glob("templates/**/*.html"), *root.glob("templates/**/*.txt"), *root.glob("maillage/**/*.html")]:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if day_in_words.search(line):
                offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []


def test_no_python_code_writes_a_long_date_with_strftime_or_date_format():
    """``f"{day:%d %B %Y}"``, ``date_format(day)`` or ``date_format(day, "j F Y")`` miss the « 1er »."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    patterns = re.compile(r"""%-?d %B|%e %B|date_format\([^,()]+\)|date_format\([^)]*["'][^"']*\bj F""")
    offenders = []
    for path in root.glob("maillage/**/*.py"):
        if "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if patterns.search(line):
                offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []


def test_no_template_separates_a_number_from_its_unit_with_a_breaking_space():
    """« 12 345 € », « 45 % », « 833 h »: a no-break space (``&nbsp;``) before the unit, never an ordinary one."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    breaking = re.compile(r"\}\} (€|%|h)(?![^\W\d_]|\d)")
    offenders = []
    for path in [*root.glob("templates/**/*.html"), *root.glob("maillage/**/*.html")]:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if breaking.search(line):
                offenders.append(f"{path.relative_to(root)}:{number}")
    assert offenders == []


def test_every_figure_of_a_card_is_formatted_as_a_french_number():
    """A bare ``{{ n }}`` writes « 1230 »: the figures of cards go through a number filter (« 1 230 »)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    bare = re.compile(r'class="[^"]*stat-figure[^"]*"[^>]*>\{\{ (?!card\.figure )[\w.]+ \}\}')
    offenders = [
        f"{path.relative_to(root)}: {match.group(0)[-40:]}"
        for path in [*root.glob("templates/**/*.html"), *root.glob("maillage/**/*.html")]
        for match in bare.finditer(path.read_text())
    ]
    assert offenders == []
