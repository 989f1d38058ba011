import pytest

from maillage.reconversion.models import Transition, TransitionBuild
from maillage.referentials.models import MobilityLink

from .factories import link, make_fiche, make_skill

pytestmark = pytest.mark.django_db
URL = "/api/v1/transitions/"


@pytest.fixture
def paths():
    sewing = make_fiche("B1803", "Couturier / Couturière")
    electronics = make_fiche("H2604", "Monteur / Monteuse en électronique")
    office = make_fiche("M1607", "Secrétaire")
    dexterity = make_skill("200006", "Minutie et dextérité fine", kind="savoir")
    solder = make_skill("100012", "Braser des composants électroniques")
    link(sewing, dexterity)
    link(electronics, dexterity)
    link(electronics, solder, "principale")
    Transition.objects.create(
        source=sewing, target=electronics, rank=1, score=0.62, shared_skills=1, breakdown={"sav": 0.62}
    )
    Transition.objects.create(source=sewing, target=office, rank=2, score=0.2, shared_skills=0)
    MobilityLink.objects.create(source=sewing, target=office, order=1)
    TransitionBuild.objects.create(source="test", fiches=3, k=50, engine_version="test-1")


def test_transitions_are_public_and_explained(client, paths):
    response = client.get(URL, {"source": "b1803", "k": 5})
    assert response.status_code == 200
    data = response.json()
    assert data["source"] == "B1803" and data["engine_version"] == "test-1" and data["count"] == 2
    first = data["results"][0]
    assert first["target"] == "H2604" and first["rank"] == 1 and first["score"] == pytest.approx(0.62)
    assert first["cross_domain"] is True and first["shared_skills"] == 1
    assert [s["label"] for s in first["skills_kept"]] == ["Minutie et dextérité fine"]
    assert [s["label"] for s in first["skills_to_acquire"]] == ["Braser des composants électroniques"]
    assert first["breakdown"] == [{"criterion": "Savoirs communs", "part": 0.62, "percent": 100}]
    assert data["official_mobility"] == [{"target": "M1607", "label": "Secrétaire", "order": 1}]


def test_k_limits_the_results(client, paths):
    assert client.get(URL, {"source": "B1803", "k": 1}).json()["count"] == 1


@pytest.mark.parametrize(
    "params, status",
    [
        ({}, 400),
        ({"source": "Z9999"}, 404),
        ({"source": "B1803", "k": "abc"}, 400),
        ({"source": "B1803", "k": 500}, 400),
    ],
)
def test_bad_parameters_are_reported(client, paths, params, status):
    response = client.get(URL, params)
    assert response.status_code == status


def test_resource_is_documented_in_openapi(client, admin_user):
    client.force_login(admin_user)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/transitions/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"source", "k", "autres_domaines"}
    assert "Passerelles" in operation["summary"]
