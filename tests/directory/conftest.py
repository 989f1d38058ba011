import csv
import gzip
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from maillage.accounts.models import OrganisationKind, Role
from maillage.common_text import fold
from maillage.directory.models import EligibilityRule, RuleKind, Service, Structure
from maillage.territories.models import Commune
from tests.browser.data import seed_territory
from tests.factories import CommuneFactory, DepartementFactory, RegionFactory, user_with_role

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    """A real file of shared/data/directory, bundled gzipped in fixtures/ (see its README)."""
    return gzip.decompress((FIXTURES / f"{name}.gz").read_bytes())


@pytest.fixture
def reunion(db):
    """The 24 communes of La Réunion with their real centroids (bundled reference data)."""
    region = RegionFactory(code="04", name="La Réunion")
    dept = DepartementFactory(code="974", name="La Réunion", region=region)
    path = Path(settings.BASE_DIR) / "data" / "reference" / "geo" / "communes_centroids.csv.gz"
    postcodes = {
        "97411": "97400 97417 97490", "97415": "97411 97422 97423 97434 97435 97460", "97416": "97410 97432",
        "97409": "97440", "97414": "97421 97450", "97413": "97424 97436 97416", "97418": "97438",
        "97420": "97441", "97412": "97480", "97407": "97420",
    }  # fmt: skip
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["insee_code"].startswith("974"):
                CommuneFactory(
                    code=row["insee_code"], name=row["name"], search_name=fold(row["name"]), departement=dept,
                    epci=None, latitude=float(row["lat"]), longitude=float(row["lon"]),
                    postcodes=postcodes.get(row["insee_code"], ""),
                )  # fmt: skip
    return dept


@pytest.fixture
def eure(db):
    return seed_territory()


def make_structure(commune: Commune | None = None, **extra) -> Structure:
    values = {
        "di_id": f"maillage--s{Structure.objects.count() + 1}",
        "name": "Association d'essai",
        "commune": commune,
        "commune_name": commune.name if commune else "",
        "updated_on": date(2026, 1, 5),
        **extra,
    }
    return Structure.objects.create(**values)


def make_service(structure: Structure, commune: Commune | None = None, rules=(), **extra) -> Service:
    commune = commune or structure.commune
    values = {
        "di_id": f"maillage--{Service.objects.count() + 1}",
        "structure": structure,
        "name": "Atelier savoirs de base",
        "description": "Ateliers pour reprendre confiance à l'écrit.",
        "updated_on": date(2026, 1, 5),
        "thematiques": ["lecture-ecriture-calcul--maitriser-le-francais"],
        "commune": commune,
        "commune_name": commune.name if commune else "",
        "latitude": commune.latitude if commune else None,
        "longitude": commune.longitude if commune else None,
        **extra,
    }
    service = Service.objects.create(**values)
    for kind, number, level in rules:
        EligibilityRule.objects.create(service=service, kind=kind, number=number, level=level or "")
    return service


@pytest.fixture
def directory(eure):
    """Two structures of the Évreux area with a few services, an association editor and a ML counsellor."""
    communes = eure.communes
    association = make_structure(communes["27229"], name="Association Savoirs de base 27")
    mobility = make_structure(communes["27375"], name="Plateforme Mobilité")
    other = make_structure(communes["27701"], name="Autre association")
    savoirs = make_service(
        association, rules=[(RuleKind.AGE_MIN, 16, None), (RuleKind.LANGUAGE_MIN, None, "B1")], publics=["tous-publics"]
    )
    asl = make_service(
        association, name="Ateliers sociolinguistiques", rules=[(RuleKind.LANGUAGE_MAX, None, "A2")],
        thematiques=["lecture-ecriture-calcul--maitriser-le-francais"],
    )  # fmt: skip
    permis = make_service(
        mobility, name="Auto-école sociale", thematiques=["mobilite--preparer-un-permis"],
        rules=[(RuleKind.NO_DRIVING_LICENCE, None, None), (RuleKind.AGE_MIN, 17, None)],
        publics=["jeunes", "demandeurs-emploi"],
    )  # fmt: skip
    garage = make_service(other, name="Garage solidaire", thematiques=["mobilite--entretenir-reparer-son-vehicule"])
    editor = user_with_role(Role.PARTNER, OrganisationKind.ASSOCIATION)
    association.editor_links.create(user=editor)
    mobility_editor = user_with_role(Role.PARTNER, OrganisationKind.ASSOCIATION)
    mobility.editor_links.create(user=mobility_editor)
    other_editor = user_with_role(Role.PARTNER, OrganisationKind.ASSOCIATION)
    other.editor_links.create(user=other_editor)
    counsellor = user_with_role(Role.PARTNER, OrganisationKind.MISSION_LOCALE)
    return {
        "territory": eure, "association": association, "mobility": mobility, "other": other, "savoirs": savoirs,
        "asl": asl, "permis": permis, "garage": garage, "editor": editor, "mobility_editor": mobility_editor,
        "other_editor": other_editor, "counsellor": counsellor,
    }  # fmt: skip
