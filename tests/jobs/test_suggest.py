"""Suggestion of the appellation and skills from free text (accents, typos, H/F, abbreviations)."""

import numpy as np
import pytest

from maillage.jobs.suggest import WEIGHTS, OfferText, get_suggester, suggest_appellations, suggest_skills
from maillage.jobs.text import clean_title, normalise
from maillage.referentials.models import Appellation, DomaineProfessionnel, FicheSkill, RomeFiche, Skill


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


def test_ft_offer_fields_read_without_the_answer():
    offer = OfferText.from_ft_offer(
        {
            "intitule": "Opérateur H/F",
            "description": "Poste en atelier",
            "romeCode": "H2605",
            "romeLibelle": "Monteur-câbleur",
            "appellationlibelle": "Monteur-câbleur",
            "competences": [{"code": "300233", "libelle": "Câblage filaire"}, {"libelle": "sans code"}],
            "codeNAF": "26.11Z",
            "formations": [{"domaineLibelle": "Électronique", "commentaire": "CAP"}],
        }
    )
    assert offer.skill_codes == ("300233",)
    assert offer.naf_code == "26.11Z"
    assert "Électronique" in offer.training
    assert "câbleur" not in f"{offer.title} {offer.description} {offer.training}".lower()


def test_ticked_skills_point_at_the_fiche_a_vague_title_does_not_name(ref):
    """« Opérateur H/F » says nothing; the ROME skill codes the employer ticked say wiring."""
    suggester = get_suggester()
    vague = suggester.suggest_for_offer(OfferText("Agent polyvalent H/F"), k=5, per_fiche=1)
    fiche_skills = [code for code, _label, core in suggester.fiche_skills["H2605"] if core][:4]
    coded = suggester.suggest_for_offer(
        OfferText("Agent polyvalent H/F", skill_codes=tuple(fiche_skills)), k=5, per_fiche=1
    )
    assert vague[0].fiche_code != "H2605"
    assert coded[0].fiche_code == "H2605"
    assert len({s.fiche_code for s in coded}) == len(coded)  # one appellation per fiche


def test_similarity_weights_are_chosen_a_priori():
    """The real offers may only evaluate the coder: the similarities' weights are not fitted on them (ADR 0007)."""
    assert WEIGHTS["title"] == WEIGHTS["text"] == WEIGHTS["skills"] == 1.0


def test_the_fiche_holding_every_ticked_skill_wins_however_many_skills_it_has(ref):
    """France Travail's form proposes the chosen fiche's skills: all ticked codes point at one fiche.

    A cosine over skill codes preferred a fiche with few skills holding two of the three ticked
    codes to the fiche holding all three among forty others.
    """
    domaine = DomaineProfessionnel.objects.get(code="H26")
    for code, label in (("H9901", "Polisseur / Polisseuse"), ("H9902", "Graveur / Graveuse")):
        RomeFiche.objects.create(code=code, label=label, search_label=label.lower(), domaine=domaine)
        Appellation.objects.create(code=f"9{code[1:]}", label=label, search_label=label.lower(), fiche_id=code)
    ticked = ("900001", "900002", "900003")
    for code in ticked + tuple(f"9100{i:02d}" for i in range(40)):
        Skill.objects.create(code=code, label=f"Savoir-faire {code}", kind="savoir_faire", search_label=code)
    big = [*ticked, *(f"9100{i:02d}" for i in range(40))]
    FicheSkill.objects.bulk_create(
        [FicheSkill(fiche_id="H9901", skill_id=code) for code in big]
        + [FicheSkill(fiche_id="H9902", skill_id=code) for code in ticked[:2]]
    )
    best = get_suggester().suggest_for_offer(OfferText("Opérateur H/F", skill_codes=ticked), k=1)[0]
    assert best.fiche_code == "H9901"


def test_inclusive_endings_and_typos_of_rome_words_in_titles(ref):
    assert clean_title("Technicien(ne) de maintenance H/F") == "technicien de maintenance"
    assert clean_title("Vendeur.se - Employé·e") == "vendeur employe"
    suggester = get_suggester()
    assert suggester.title_words("Monteur cableurr (H/F)") == "monteur cableur"
    assert suggester.title_words("Couturière Évreux") == "couturiere"


def test_the_last_suggestion_is_the_trade_the_description_points_at(ref):
    """A loose title's neighbours would fill the list; its last place goes to the description's reading."""
    domaine = DomaineProfessionnel.objects.get(code="H26")
    for code, label in (
        ("H9901", "Technicien / Technicienne de maintenance des presses"),
        ("H9902", "Technicien / Technicienne de maintenance des fours"),
    ):
        RomeFiche.objects.create(code=code, label=label, search_label=label.lower(), domaine=domaine)
        Appellation.objects.create(code=f"9{code[1:]}", label=label, search_label=label.lower(), fiche_id=code)
    suggester = get_suggester()
    offer = OfferText(
        "Technicien H/F",
        "Vous réalisez des vêtements sur mesure et des retouches : couture, retoucheur ou couturier confirmé.",
    )
    scores = suggester.combine(suggester.components(offer))
    by_score = [suggester.fiche_codes[suggester.app_fiche[i]] for i in np.argsort(-scores)[:2]]
    suggestions = suggester.suggest_for_offer(offer, k=2, per_fiche=1)
    assert "B1803" not in by_score
    assert suggestions[0].fiche_code == by_score[0]
    assert suggestions[-1].fiche_code == "B1803"
    assert suggester.suggest_for_offer(offer, k=1)[0].fiche_code == by_score[0]  # a single suggestion is unchanged
