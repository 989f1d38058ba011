"""A small real territory for the procurement tests: the places used by the sample DECP files."""

from pathlib import Path

import pytest

from maillage.kernel.models import MdeSettings
from maillage.territories.models import Commune, Departement, Epci, PostalCode, Region

FIXTURES = Path(__file__).parent / "fixtures"

EPN = "200071454"  # CA Evreux Portes de Normandie
SEINE_EURE = "200089456"
SNA = "200072312"  # Seine Normandie Agglomération
BERNAY = "200066413"
COTENTIN = "200067205"

REGIONS = {"28": "Normandie", "84": "Auvergne-Rhône-Alpes", "75": "Nouvelle-Aquitaine", "04": "La Réunion"}
DEPARTEMENTS = {
    "27": ("Eure", "28"),
    "50": ("Manche", "28"),
    "69": ("Rhône", "84"),
    "87": ("Haute-Vienne", "75"),
    "03": ("Allier", "84"),
    "974": ("La Réunion", "04"),
}
EPCIS = {
    EPN: "CA Evreux Portes de Normandie",
    SEINE_EURE: "CA Seine-Eure",
    SNA: "CA Seine Normandie Agglomération",
    BERNAY: "CC Intercom Bernay Terres de Normandie",
    COTENTIN: "CA du Cotentin",
    "200046977": "Métropole de Lyon",
    "248719312": "CU Limoges Métropole",
    "240300491": "CC du Pays de Lapalisse",
    "200071363": "CA Vichy Communauté",
    "249740077": "CA CIVIS",
}
# code, name, département, EPCI, population, postcodes
COMMUNES = [
    ("27229", "Évreux", "27", EPN, 49360, ["27000"]),
    ("27284", "Gravigny", "27", EPN, 3900, ["27930"]),
    ("27375", "Louviers", "27", SEINE_EURE, 18000, ["27400"]),
    ("27681", "Vernon", "27", SNA, 23000, ["27200"]),
    ("27056", "Bernay", "27", BERNAY, 10000, ["27300"]),
    ("50402", "Les Pieux", "50", COTENTIN, 3249, ["50340"]),
    ("50184", "Flamanville", "50", COTENTIN, 1639, ["50340"]),
    ("69123", "Lyon", "69", "200046977", 520000, ["69001", "69003"]),
    ("87085", "Limoges", "87", "248719312", 129937, ["87000"]),
    ("03138", "Lapalisse", "03", "240300491", 3138, ["03120"]),
    ("03006", "Arfeuilles", "03", "200071363", 594, ["03120"]),
    ("97416", "Saint-Pierre", "974", "249740077", 85038, ["97410", "97430"]),
]


@pytest.fixture
def territory(db):
    for code, name in REGIONS.items():
        Region.objects.create(code=code, name=name)
    for code, (name, region) in DEPARTEMENTS.items():
        Departement.objects.create(code=code, name=name, region_id=region)
    for code, name in EPCIS.items():
        Epci.objects.create(code=code, name=name, kind="CA", population=100000, search_name=name.lower())
    for code, name, dep, epci, population, postcodes in COMMUNES:
        commune = Commune.objects.create(
            code=code,
            name=name,
            search_name=name.lower(),
            departement_id=dep,
            epci_id=epci,
            population=population,
            postcodes=" ".join(postcodes),
            latitude=49.0,
            longitude=1.1,
        )
        for postcode in postcodes:
            PostalCode.objects.create(code=postcode, commune=commune)
    mde = MdeSettings.current()
    mde.name = "Maison de l'Emploi d'Évreux"
    mde.departement_id = "27"
    mde.save()
    mde.perimeter.set([EPN, SEINE_EURE, SNA])
    return mde


@pytest.fixture
def fixture_path():
    return lambda name: str(FIXTURES / name)
