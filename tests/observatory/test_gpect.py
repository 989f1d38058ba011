"""GPECT: needs → local pool → transferable pools → training needs, sized; the closing-site outlook."""

import pytest

from maillage.observatory import gpect, services
from maillage.observatory.models import CompanyProject, FapRomeMatch, Figure, Level
from maillage.referentials.models import RomeFiche

from .gpect_data import seed_gpect_scene


@pytest.fixture
def scene(db, charge_mission, settings):
    settings.OBSERVATORY_SECRECY_THRESHOLD = 5
    ref = seed_gpect_scene()
    project = services.project_create(
        user=charge_mission,
        data={"name": "Usine de cartes électroniques", "kind": CompanyProject.Kind.ARRIVAL,
              "company_name": "Circuits de l'Iton", "commune": ref.communes.evreux, "radius_km": 30},
    )  # fmt: skip
    services.project_add_need(project=project, fiche=RomeFiche.objects.get(code="H2605"), quantity=10)
    return project


def test_gap_is_filled_from_transferable_pools_and_sized_into_training_needs(scene):
    result = gpect.analyse(scene)
    need = result["needs"][0]
    assert need.local_total is None  # 2 people: masked (secrecy), but counted
    assert need.gap == 8
    assert [p.code for p in need.pools] == ["B1803"]  # D1505 is below the transition threshold; Rouen is too far
    pool = need.pools[0]
    assert pool.people == 6 and pool.taken == 6
    training = {t["skill"]: t["people"] for t in result["training"]}
    assert training == {
        "Câblage filaire": 4,  # two of the six already declare it
        "Caractéristiques des composants électroniques": 6,
        "Techniques de soudure": 6,
    }
    assert need.uncovered == 2


def test_need_quantity_is_bounded(scene):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.project_add_need(project=scene, fiche=RomeFiche.objects.get(code="D1505"), quantity=0)


def test_closing_site_outlook_ranks_close_jobs_by_local_demand(scene, charge_mission):
    closing = services.project_create(
        user=charge_mission,
        data={"name": "Fermeture atelier", "kind": CompanyProject.Kind.CLOSURE, "company_name": "Confection",
              "commune": scene.commune, "radius_km": 30},
    )  # fmt: skip
    services.project_add_need(project=closing, fiche=RomeFiche.objects.get(code="B1803"), quantity=25)
    FapRomeMatch.objects.create(fap_code="D4X40", fap_label="Monteurs câbleurs", rome_code="H2605",
                                rome_label="Monteur", confidence=0.8, method="structure")  # fmt: skip
    from maillage.observatory.importers.store import DatasetSpec, ImportReport, sync_dataset
    from maillage.observatory.models import Zone, ZoneCommune

    zone = Zone.objects.create(level=Level.BASSIN, code="2811", name="EVREUX")
    ZoneCommune.objects.create(zone=zone, commune_code="27229")
    from maillage.kernel.models import MdeSettings

    MdeSettings.current().perimeter.set([scene.commune.epci])
    row = (Level.BASSIN, "2811", "2024", "bmo_projects", "fap", "D4X40", 120.0, "projets", False, False)
    sync_dataset(DatasetSpec("t", "t", "t", "2024"), [row], ImportReport("t", dry_run=False))
    outlook = gpect.closure_outlook(closing)
    target = outlook[0]["targets"][0]
    assert (target["code"], target["fap"], target["projects"]) == ("H2605", "D4X40", 120)
    assert Figure.objects.count() == 1


def test_project_page_walks_the_flow(scene, client, charge_mission):
    client.force_login(charge_mission)
    page = client.get(f"/observatoire/gpect/{scene.pk}/").content.decode()
    assert "Besoins de formation" in page and "Câblage filaire" in page
    response = client.post(
        f"/observatoire/gpect/{scene.pk}/", {"form": "need", "need-fiche_code": "ZZ999", "need-quantity": 3}
    )
    assert "Le code ROME « ZZ999 » n&#x27;existe pas : choisissez un métier dans la liste." in response.content.decode()
