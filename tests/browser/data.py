"""A small but realistic dataset for the browser tests (a few real Eure communes, not the full reference data)."""

from dataclasses import dataclass

from maillage.accounts.models import Organisation, OrganisationKind, Role, User
from maillage.common_text import fold
from maillage.kernel.models import MdeSettings
from maillage.territories.models import Commune, Epci, PostalCode
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    OrganisationFactory,
    RegionFactory,
    user_with_role,
)

MDE_NAME = "Maison de l'Emploi et de la Formation d'Évreux"


def square(lon: float, lat: float, size: float = 0.15) -> dict:
    """A tiny GeoJSON polygon: enough for the map to draw an outline."""
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


EPCIS = [
    ("200071454", "CA Évreux Portes de Normandie", "CA", 113_000, square(1.05, 48.95)),
    ("200089456", "CA Seine-Eure", "CA", 104_000, square(1.1, 49.2)),
]
# code INSEE, name, EPCI, population, postcodes, latitude, longitude
COMMUNES = [
    ("27229", "Évreux", "200071454", 46_700, "27000", 49.024, 1.151),
    ("27306", "Guichainville", "200071454", 2_800, "27930", 48.999, 1.193),
    ("27516", "Saint-André-de-l'Eure", "200071454", 3_900, "27220", 48.906, 1.276),
    ("27375", "Louviers", "200089456", 18_300, "27400", 49.216, 1.166),
    ("27701", "Val-de-Reuil", "200089456", 13_300, "27100", 49.274, 1.210),
    ("27022", "Les Authieux", None, 250, "27220", 48.895, 1.244),
]


@dataclass
class Territory:
    mde: MdeSettings
    mde_organisation: Organisation
    partner_organisation: Organisation
    admin: User
    partner: User
    communes: dict[str, Commune]


def seed_territory() -> Territory:
    region = RegionFactory(code="28", name="Normandie")
    eure = DepartementFactory(code="27", name="Eure", region=region)
    DepartementFactory(code="76", name="Seine-Maritime", region=region)
    epcis = {
        code: EpciFactory(
            code=code, name=name, kind=kind, population=population, search_name=fold(name), outline=outline
        )
        for code, name, kind, population, outline in EPCIS
    }
    communes = {}
    for code, name, epci_code, population, postcodes, lat, lon in COMMUNES:
        communes[code] = CommuneFactory(
            code=code,
            name=name,
            search_name=fold(name),
            departement=eure,
            epci=epcis.get(epci_code),
            population=population,
            postcodes=postcodes,
            latitude=lat,
            longitude=lon,
        )
        for postcode in postcodes.split():
            PostalCode.objects.get_or_create(code=postcode, commune=communes[code])

    mde = MdeSettings.current()
    mde.name = MDE_NAME
    mde.short_name = "MEF Évreux"
    mde.departement = eure
    mde.save()
    mde.perimeter.set(Epci.objects.filter(code__in=epcis))

    mde_organisation = OrganisationFactory(name=MDE_NAME, kind=OrganisationKind.MDE, commune=communes["27229"])
    partner_organisation = OrganisationFactory(
        name="France Travail Évreux", kind=OrganisationKind.FRANCE_TRAVAIL, commune=communes["27229"]
    )
    OrganisationFactory(name="Mission locale Évreux Sud-Eure", kind=OrganisationKind.MISSION_LOCALE)
    OrganisationFactory(name="Tremplin Bâtiment 27", kind=OrganisationKind.SIAE_EI, commune=communes["27375"])
    OrganisationFactory(
        name="Menuiserie de l'Iton", kind=OrganisationKind.COMPANY, siret="73282932000074", commune=communes["27306"]
    )

    admin = user_with_role(Role.ADMIN, organisation=mde_organisation)
    admin.first_name, admin.last_name = "Alice", "Durand"
    admin.save()
    partner = user_with_role(Role.PARTNER, organisation=partner_organisation)
    partner.first_name, partner.last_name = "Nadia", "Roussel"
    partner.save()
    return Territory(mde, mde_organisation, partner_organisation, admin, partner, communes)
