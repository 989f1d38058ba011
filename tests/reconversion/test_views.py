import pytest
from django.urls import reverse

from maillage.reconversion.models import Transition
from maillage.referentials.models import MobilityLink

from .factories import link, make_appellation, make_fiche, make_skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def paths():
    sewing = make_fiche("B1803", "Couturier / Couturière")
    electronics = make_fiche("H2604", "Monteur / Monteuse en électronique")
    office = make_fiche("M1607", "Secrétaire")
    make_appellation("20001", "Couturière retoucheuse", sewing)
    dexterity = make_skill("200006", "Minutie et dextérité fine", kind="savoir")
    assemble = make_skill("100004", "Assembler des composants de petite taille")
    solder = make_skill("100012", "Braser des composants électroniques")
    link(sewing, dexterity)
    link(sewing, assemble, "principale")
    link(electronics, dexterity)
    link(electronics, assemble)
    link(electronics, solder, "principale")
    Transition.objects.create(
        source=sewing,
        target=electronics,
        rank=1,
        score=0.62,
        shared_skills=2,
        breakdown={"sav": 0.3, "itemwords": 0.32},
    )
    Transition.objects.create(source=sewing, target=office, rank=2, score=0.2, shared_skills=0, breakdown={})
    MobilityLink.objects.create(source=sewing, target=office, order=1)
    return sewing, electronics, office


def test_explorer_is_public_and_searches_jobs(client, paths):
    response = client.get(reverse("reconversion:explorer"), {"q": "couturiere"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Couturière retoucheuse" in content
    assert reverse("reconversion:fiche", args=["B1803"]) + "?appellation=20001" in content
    assert 'lang="fr"' in content and 'role="search"' in content


def test_explorer_htmx_returns_the_results_fragment(client, paths):
    response = client.get(
        reverse("reconversion:explorer"), {"q": "cout"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="resultats-metiers"
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "Couturière retoucheuse" in response.content.decode()


def test_choosing_an_appellation_redirects_to_its_fiche(client, paths):
    response = client.get(reverse("reconversion:explorer"), {"appellation": "20001"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reconversion:fiche", args=["B1803"]) + "?appellation=20001"


def test_fiche_page_ranks_targets_with_skills_kept_and_to_acquire(client, paths):
    response = client.get(reverse("reconversion:fiche", args=["B1803"]), {"appellation": "20001"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Passerelles depuis : Couturière retoucheuse" in content
    # ROME's official links come first when loaded (issue #17), then the computed paths.
    assert content.index("Mobilités officielles") < content.index("Monteur / Monteuse en électronique")
    assert "Minutie et dextérité fine" in content  # kept
    assert "Braser des composants électroniques" in content  # to acquire (core skill of the target)
    assert "62&nbsp;%" in content and 'aria-valuenow="62"' in content
    official = content[content.index("Mobilités officielles") : content.index("titre-passerelles")]
    assert "Secrétaire" in official


def test_fiche_page_filters_other_domains(client, paths):
    response = client.get(reverse("reconversion:fiche", args=["B1803"]), {"autres_domaines": "1"})
    content = response.content.decode()
    assert "Monteur / Monteuse en électronique" in content and "Autre domaine" in content


def test_fiche_page_without_transitions_says_so(client, db):
    make_fiche("A1101", "Conducteur d'engins agricoles")
    response = client.get(reverse("reconversion:fiche", args=["A1101"]))
    assert response.status_code == 200
    assert "pas encore calculées" in response.content.decode()


def test_unknown_fiche_is_404(client, db):
    assert client.get(reverse("reconversion:fiche", args=["Z9999"])).status_code == 404


def test_transition_detail_explains_the_score(client, paths):
    response = client.get(reverse("reconversion:transition", args=["B1803", "H2604"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Compétences conservées (2)" in content
    assert "Compétences à acquérir (1)" in content
    assert "Vocabulaire des compétences" in content and "Savoirs communs" in content
    assert "52&nbsp;%" in content  # 0.32 of 0.62


def test_transition_detail_of_an_unranked_target(client, paths):
    make_fiche("F1703", "Maçon")
    response = client.get(reverse("reconversion:transition", args=["B1803", "F1703"]))
    assert response.status_code == 200
    assert "pas parmi les passerelles" in response.content.decode()
    assert client.get(reverse("reconversion:transition", args=["B1803", "B1803"])).status_code == 404
