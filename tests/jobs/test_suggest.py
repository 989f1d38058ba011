"""Suggestion of the appellation and skills from free text (accents, typos, H/F, abbreviations)."""

import pytest

from maillage.jobs.suggest import suggest_appellations, suggest_skills
from maillage.jobs.text import clean_title, normalise


def test_normalise_and_clean_title():
    assert normalise("Câbleur / Câbleuse d'ARMOIRES") == "cableur cableuse d armoires"
    assert clean_title("URGENT - Tech. câblage H/F CDI Évreux") == "technicien cablage"


@pytest.mark.parametrize(
    ("title", "description", "fiche"),
    [
        ("Couturière H/F", "", "B1803"),
        ("COUTURIERE RETOUCHES (F/H)", "", "B1803"),
        ("Monteur cableur electronique h/f", "", "H2605"),
        ("Caisiere temps partiel", "", "D1505"),  # typo
        ("Operateur H/F", "Vous soudez des pièces métalliques selon des plans.", "H2913"),
        ("Teleconseiller F/H", "", "D1408"),
    ],
)
def test_suggest_appellation(ref, title, description, fiche):
    suggestions = suggest_appellations(title, description, k=5)
    assert suggestions[0].fiche_code == fiche
    assert len(suggestions) <= 5
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)


def test_empty_text_gives_nothing(ref):
    assert suggest_appellations("   ") == []


def test_suggest_skills_prefers_what_the_text_says(ref):
    skills = suggest_skills("H2605", "Câblage filaire de cartes et soudure", k=3)
    assert skills[0].label == "Câblage filaire"
    assert {s.code for s in skills} <= {"300233", "300490", "105778", "100286", "105777"}
