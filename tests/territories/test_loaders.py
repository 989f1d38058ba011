"""The real bundled COG data loads completely and idempotently."""

import pytest
from django.conf import settings
from django.core.management import call_command

from maillage.kernel.database import refresh_planner_statistics
from maillage.referentials.models import ReferentialLoad
from maillage.territories import loaders, selectors
from maillage.territories.models import (
    Commune,
    Departement,
    DepartementOutline,
    Epci,
    EpciOutline,
    FormerCommuneCode,
    PostalCode,
    Region,
)


@pytest.mark.django_db
def test_load_real_territories_counts_and_idempotence():
    counts = loaders.load_all(settings.REFERENCE_DATA_DIR)
    # As load_territories does after a load: on PostgreSQL, statistics taken by an earlier test on empty
    # tables would make the postcode search below a nested loop over 35,000 × 40,000 rows (minutes).
    refresh_planner_statistics()
    assert counts["regions"] == Region.objects.count() == 18 + 8  # 18 régions + overseas collectivités
    assert Departement.objects.count() == 109
    assert Epci.objects.count() == 1255
    assert Commune.objects.count() == 34969
    assert Commune.objects.filter(latitude__isnull=False).count() >= 34800
    evreux = Commune.objects.get(code="27229")
    assert evreux.name == "Évreux"
    assert evreux.epci_id == "200071454"
    assert evreux.departement.region.name == "Normandie"
    assert "27000" in evreux.postcode_list
    assert 49.0 < evreux.latitude < 49.1 and 1.1 < evreux.longitude < 1.2
    assert EpciOutline.objects.get(epci_id="200071454").geometry["type"] in {"Polygon", "MultiPolygon"}
    assert DepartementOutline.objects.filter(departement_id="27").exists()
    assert FormerCommuneCode.objects.exists()
    postcodes = PostalCode.objects.count()

    loaders.load_all(settings.REFERENCE_DATA_DIR)
    assert Commune.objects.count() == 34969
    assert PostalCode.objects.count() == postcodes

    assert [c.code for c in selectors.search_communes("evreux")][:1] == ["27229"]
    assert "27229" in [c.code for c in selectors.search_communes("27000")]
    assert "27507" in [c.code for c in selectors.search_communes("saint andre de l eure")]
    assert "27507" in [c.code for c in selectors.search_communes("SAINT-ANDRÉ-DE-L'EURE")]


@pytest.mark.django_db
def test_command_skips_when_same_version_loaded(tmp_path):
    reference = tmp_path / "reference"
    (reference / "territories").mkdir(parents=True)
    (reference / "geo").mkdir()
    (reference / "territories" / "regions.json").write_text('[{"code": "28", "nom": "Normandie"}]')
    (reference / "territories" / "departements.json").write_text('[{"code": "27", "nom": "Eure", "region": "28"}]')
    (reference / "territories" / "epci.json").write_text(
        '[{"code": "200071454", "nom": "CA Évreux Portes de Normandie", "type": "CA", "populationTotale": 10,'
        ' "membres": [{"code": "27229"}]}]'
    )
    (reference / "territories" / "communes.json").write_text(
        '[{"code": "27229", "nom": "Évreux", "type": "commune-actuelle", "departement": "27",'
        ' "codesPostaux": ["27000"], "population": 46000, "anciensCodes": ["27999"]},'
        ' {"code": "27998", "nom": "Ancienne", "type": "commune-deleguee", "departement": "27"}]'
    )
    (reference / "geo" / "communes_centroids.csv").write_text("insee_code,name,lat,lon\n27229,Évreux,49.02,1.14\n")
    call_command("load_territories", "--dir", str(reference))
    assert list(Commune.objects.values_list("code", "epci_id", "latitude")) == [("27229", "200071454", 49.02)]
    assert FormerCommuneCode.objects.get(code="27999").commune_id == "27229"
    assert ReferentialLoad.objects.get(name="territoires").counts["communes"] == 1
    Commune.objects.update(name="Modifiée")
    call_command("load_territories", "--dir", str(reference))
    assert Commune.objects.get().name == "Modifiée"  # same version: skipped
    call_command("load_territories", "--dir", str(reference), "--force")
    assert Commune.objects.get().name == "Évreux"


def test_epci_names_get_back_the_capital_accents_of_their_communes():
    """One spelling everywhere: « CA Évreux Portes de Normandie », as its communes and the demo write it."""
    from maillage.territories.loaders import accented_epci_name

    assert accented_epci_name("CA Evreux Portes de Normandie", ["Évreux", "Le Vieil-Évreux"]) == (
        "CA Évreux Portes de Normandie"
    )
    assert accented_epci_name("CA Seine-Eure", ["Louviers", "Val-de-Reuil"]) == "CA Seine-Eure"
    assert accented_epci_name("CC Eure Madrie Seine", ["Gaillon"]) == "CC Eure Madrie Seine"
