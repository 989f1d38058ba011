"""Eligibility rules as data, the questionnaire's ranking, and the search (thématique, distance, accents)."""

from maillage.directory import selectors
from maillage.directory.eligibility import Answers, evaluate, public_verdict
from maillage.directory.models import EligibilityRule, RuleKind

from .conftest import make_service, make_structure


def rule(kind, number=None, level="", codes=""):
    return EligibilityRule(kind=kind, number=number, level=level, codes=codes)


def test_each_rule_says_why():
    young = Answers(age=22, job_seeker=True, language_level="A2", diploma_level="3", driving_licence=False)
    assert evaluate(rule(RuleKind.AGE_MAX, 25), young).ok is True
    assert evaluate(rule(RuleKind.AGE_MIN, 26), young).ok is False
    assert "22 ans" in evaluate(rule(RuleKind.AGE_MIN, 26), young).text
    assert evaluate(rule(RuleKind.LANGUAGE_MAX, level="A2"), young).ok is True
    assert evaluate(rule(RuleKind.LANGUAGE_MIN, level="B1"), young).ok is False
    assert evaluate(rule(RuleKind.DIPLOMA_MAX, level="3"), young).ok is True
    assert evaluate(rule(RuleKind.DIPLOMA_MAX, level="2"), young).ok is False
    assert evaluate(rule(RuleKind.NO_DRIVING_LICENCE), young).ok is True
    assert evaluate(rule(RuleKind.DRIVING_LICENCE), young).ok is False
    assert evaluate(rule(RuleKind.JOB_SEEKER), young).ok is True
    # Unanswered questions never exclude: they are « à vérifier ».
    assert evaluate(rule(RuleKind.RSA), young).ok is None
    assert evaluate(rule(RuleKind.QPV), young).ok is None
    assert evaluate(rule(RuleKind.DISABILITY), young).ok is None


def test_residence_rule_by_commune_or_epci():
    answers = Answers(commune_code="27229", epci_code="200071454", departement_code="27")
    assert evaluate(rule(RuleKind.COMMUNES, codes="200071454"), answers).ok is True
    assert evaluate(rule(RuleKind.COMMUNES, codes="27375 27701"), answers).ok is False
    assert evaluate(rule(RuleKind.COMMUNES, codes="27"), answers).ok is True


def test_publics_of_the_schema():
    assert public_verdict(["tous-publics"], Answers()) is None
    assert public_verdict(["jeunes"], Answers(age=20)).ok is True
    assert public_verdict(["jeunes", "demandeurs-emploi"], Answers(age=40, job_seeker=False)).ok is False
    assert public_verdict(["jeunes"], Answers()).ok is None


def test_questionnaire_ranks_what_she_can_enter_first(directory):
    evreux = directory["territory"].communes["27229"]
    answers = Answers(
        age=24, job_seeker=True, language_level="A2", driving_licence=False, commune_code="27229",
        epci_code="200071454", departement_code="27",
    )  # fmt: skip
    matches = selectors.programmes_for(
        answers, thematiques=["lecture-ecriture-calcul", "mobilite"], commune=evreux, radius_km=30
    )
    by_name = {m.service.name: m for m in matches}
    assert by_name["Ateliers sociolinguistiques"].eligible
    assert by_name["Auto-école sociale"].eligible
    assert "N'a pas encore le permis B" in by_name["Auto-école sociale"].fits
    savoirs = by_name["Atelier savoirs de base"]
    assert not savoirs.eligible
    assert any("niveau de français au moins B1" in text for text in savoirs.fails)
    names = [m.service.name for m in matches]
    assert names.index("Atelier savoirs de base") > names.index("Auto-école sociale")


def test_search_by_thematique_distance_public_and_accents(directory):
    communes = directory["territory"].communes
    evreux = communes["27229"]
    mobility = [h.service.name for h in selectors.search(thematique="mobilite", commune=evreux, radius_km=30)]
    assert set(mobility) == {"Auto-école sociale", "Garage solidaire"}
    # Louviers is ~21 km from Évreux: outside 10 km.
    near = [h.service.name for h in selectors.search(thematique="mobilite", commune=evreux, radius_km=10)]
    assert near == []
    exact = selectors.search(thematique="mobilite--preparer-un-permis", commune=evreux, radius_km=30)
    assert [h.service.name for h in exact] == ["Auto-école sociale"]
    assert exact[0].distance > 15
    youth = [h.service.name for h in selectors.search(thematique="mobilite", public="seniors")]
    assert "Auto-école sociale" not in youth and "Garage solidaire" in youth
    structure = make_structure(evreux)
    make_service(structure, name="Écrivain public", description="Aide à la rédaction de courriers.")
    assert [h.service.name for h in selectors.search(text="ecrivain PUBLIC")] == ["Écrivain public"]
