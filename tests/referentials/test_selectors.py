import pytest

from maillage.referentials import selectors
from maillage.referentials.models import SkillKind

pytestmark = pytest.mark.django_db


def labels(appellations):
    return [a.label for a in appellations]


def test_search_is_accent_and_case_insensitive(referentials):
    found = labels(selectors.search_appellations("electricien"))
    assert found[:2] == ["Électricien / Électricienne du bâtiment", "Électricien / Électricienne de maintenance"]
    assert labels(selectors.search_appellations("ÉLECTRICIEN")) == found
    assert "Monteur électricien / Monteuse électricienne" in found


def test_search_orders_by_relevance(referentials):
    # Label start, then a word start, and rarely used appellations last among equals.
    assert labels(selectors.search_appellations("plomb")) == ["Plombier / Plombière", "Aide plombier / Aide plombière"]
    assert labels(selectors.search_appellations("electri"))[-1] == "Monteur électricien / Monteuse électricienne"


def test_search_with_several_words_and_partial_words(referentials):
    assert labels(selectors.search_appellations("aide soi")) == [
        "Aide-soignant / Aide-soignante",
        "Aide-soignant / Aide-soignante à domicile",
    ]
    assert labels(selectors.search_appellations("soignant domicile")) == ["Aide-soignant / Aide-soignante à domicile"]
    assert labels(selectors.search_appellations("chariot")) == ["Conducteur / Conductrice de chariot élévateur"]
    assert selectors.search_appellations("  ") == []
    assert selectors.search_appellations("zzzz") == []


def test_search_by_code_and_limit(referentials):
    plumbers = {"Plombier / Plombière", "Aide plombier / Aide plombière"}
    assert set(labels(selectors.search_appellations("f1603"))) == plumbers
    assert labels(selectors.search_appellations("11009")) == ["Cariste"]
    assert len(selectors.search_appellations("e", limit=3)) == 3


def test_fiche_for_appellation(referentials):
    assert selectors.fiche_for_appellation("11009").code == "N1101"
    assert selectors.fiche_for_appellation("0") is None


def test_fiche_queryset_filters(referentials):
    assert [f.code for f in selectors.fiche_queryset(grand_domaine="F")] == ["F1602", "F1603", "F1620"]
    assert [f.code for f in selectors.fiche_queryset(domaine="j15")] == ["J1501"]
    # Found by an appellation label, without accents.
    assert [f.code for f in selectors.fiche_queryset("cariste")] == ["N1101"]
    assert [f.code for f in selectors.fiche_queryset("electricien")] == ["F1602"]
    assert [f.code for f in selectors.fiche_queryset("F16")] == ["F1602", "F1603", "F1620"]
    assert selectors.fiche_queryset("cariste", grand_domaine="F").count() == 0


def test_skills_of_fiche_and_groups(referentials):
    rows = selectors.skills_of_fiche("F1602")
    assert rows[0].skill.label == "Raccorder un tableau électrique"  # core first
    assert [r.skill_id for r in selectors.skills_of_fiche("F1602", kind=SkillKind.SAVOIR)] == ["200004"]
    groups = selectors.group_skills(rows)
    assert [s.code for s in groups.savoir_faire_core] == ["200001"]
    assert [s.code for s in groups.savoir_faire_emerging] == ["200008"]
    assert [s.code for s in groups.savoir_etre] == ["200003"]
    assert list(groups.savoirs) == ["Normes et procédés"]
    assert list(groups.contexts) == ["Conditions de travail et risques professionnels"]
    assert selectors.group_skills(selectors.skills_of_fiche("F1620")).is_empty


def test_fiche_with_details(referentials):
    details = selectors.fiche_with_details("f1603")
    assert details.fiche.code == "F1603"
    assert details.appellations[0].label == "Plombier / Plombière"
    assert [f.code for f in details.faps] == ["B4Z41"]
    assert [link.target_id for link in details.mobility] == ["F1620", "F1602"]
    assert [f.code for f in details.v3_siblings] == ["F1620"]
    assert [n.division for n in details.naf_divisions] == ["43"]
    assert selectors.fiche_with_details("X0000") is None


def test_fap_for_fiche(referentials):
    assert [f.code for f in selectors.fap_for_fiche("F1620")] == ["B4Z41"]  # through its v3 parent F1603
    assert selectors.fap_for_fiche("Z9999") == []
    assert [f.code for f in selectors.fiches_for_fap("B4Z41")] == ["F1603", "F1620"]


def test_search_naf(referentials):
    assert [n.code for n in selectors.search_naf("4321")] == ["43.21", "43.21A"]
    assert [n.code for n in selectors.search_naf("43.21a")] == ["43.21A"]
    assert selectors.search_naf("installation electrique")[0].code == "43.21"
    assert [n.code for n in selectors.search_naf("cereales", level="sous_classe")] == ["01.11Z"]
    assert selectors.normalise_naf_code("4321a") == "43.21A"
    assert selectors.search_naf("") == []


def test_search_cpv(referentials):
    assert [c.code for c in selectors.search_cpv("45")] == ["45000000", "45261220", "45330000"]
    assert [c.code for c in selectors.search_cpv("45330000-9")] == ["45330000"]
    assert [c.code for c in selectors.search_cpv("peche")] == ["03000000"]
    assert [c.code for c in selectors.search_cpv("travaux", division="45")][0] == "45000000"


def test_referential_status(db):
    status = selectors.referential_status()
    assert [item["name"] for item in status] == ["rome", "naf", "cpv", "fap"]
    assert not any(item["loaded"] for item in status)
