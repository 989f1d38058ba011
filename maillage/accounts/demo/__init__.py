"""Base demo: the MDE, its partner organisations, demo companies and one user per role.

Deterministic (seeded) and idempotent. The demo accounts and their shared password are printed by
``make run`` and documented in the README.
"""

import random

from django.db import transaction

from maillage.kernel.models import MdeSettings
from maillage.referentials.models import NafCode
from maillage.territories.models import Commune, Epci

from ..models import Organisation, OrganisationKind, Role
from ..services import create_user_with_membership

DEMO_PASSWORD = "Maillage-demo-2026"
MDE_NAME = "Maison de l'Emploi et de la Formation d'Évreux"
CORE_EPCI = "200071454"  # CA Évreux Portes de Normandie
PERIMETER_EPCIS = [CORE_EPCI, "242700276", "242700607", "200066462", "200089456"]

PARTNERS = [
    (MDE_NAME, OrganisationKind.MDE, "27229"),
    ("PLIE de l'agglomération d'Évreux", OrganisationKind.PLIE, "27229"),
    ("France Travail Évreux", OrganisationKind.FRANCE_TRAVAIL, "27229"),
    ("France Travail Louviers", OrganisationKind.FRANCE_TRAVAIL, "27375"),
    ("Mission locale Évreux Sud-Eure", OrganisationKind.MISSION_LOCALE, "27229"),
    ("Cap emploi de l'Eure", OrganisationKind.CAP_EMPLOI, "27229"),
    ("CA Évreux Portes de Normandie", OrganisationKind.LOCAL_AUTHORITY, "27229"),
    ("Ville d'Évreux", OrganisationKind.BUYER, "27229"),
    ("Département de l'Eure", OrganisationKind.BUYER, "27229"),
    ("Eure Habitat Solidaire (bailleur social, fictif)", OrganisationKind.BUYER, "27229"),
    ("Ville de Louviers", OrganisationKind.BUYER, "27375"),
    ("Ville de Conches-en-Ouche", OrganisationKind.BUYER, "27165"),
    ("Tremplin Bâtiment 27 (EI, fictive)", OrganisationKind.SIAE_EI, "27229"),
    ("Intérim Solidaire Normandie (ETTI, fictive)", OrganisationKind.SIAE_ETTI, "27229"),
    ("Coup de Main Services (AI, fictive)", OrganisationKind.SIAE_AI, "27375"),
    ("Jardins de l'Iton (ACI, fictif)", OrganisationKind.SIAE_ACI, "27229"),
    ("GEIQ BTP Eure (fictif)", OrganisationKind.GEIQ, "27229"),
    ("Atelier Adapté du Neubourg (EA, fictive)", OrganisationKind.EA_ESAT, "27428"),
    ("Association Savoirs de base 27 (fictive)", OrganisationKind.ASSOCIATION, "27229"),
    ("Région Normandie – service emploi", OrganisationKind.FUNDER, "27229"),
]

USERS = [
    ("admin@demo.maillage.fr", "Alice", "Durand", MDE_NAME, Role.ADMIN, ()),
    ("facilitateur@demo.maillage.fr", "Karim", "Benali", MDE_NAME, Role.FACILITATOR, (CORE_EPCI, "242700276")),
    (
        "facilitatrice.plie@demo.maillage.fr",
        "Sophie",
        "Lemoine",
        "PLIE de l'agglomération d'Évreux",
        Role.FACILITATOR,
        (CORE_EPCI, "200089456"),
    ),
    ("charge.mission@demo.maillage.fr", "Julien", "Morel", MDE_NAME, Role.CHARGE_MISSION, ()),
    ("conseiller.ft@demo.maillage.fr", "Nadia", "Roussel", "France Travail Évreux", Role.PARTNER, ()),
    ("conseillere.ml@demo.maillage.fr", "Emma", "Girard", "Mission locale Évreux Sud-Eure", Role.PARTNER, ()),
    ("acheteur@demo.maillage.fr", "Thomas", "Leroy", "Ville d'Évreux", Role.VIEWER, ()),
    ("elu@demo.maillage.fr", "Claire", "Fontaine", "Région Normandie – service emploi", Role.VIEWER, ()),
]
COMPANY_USER = ("entreprise@demo.maillage.fr", "Marc", "Petit")

# A company's name says its trade (its NAF code's), as real names do: a joinery recruiting nurses
# and « Bâtiment Marchand 001 » made the demo look fake.
TRADE_BY_NAF = {
    "41.20A": "Constructions", "43.21A": "Électricité", "43.22A": "Plomberie", "43.32A": "Menuiserie",
    "43.34Z": "Peintures", "43.99C": "Maçonnerie", "49.41A": "Transports", "52.10B": "Entrepôts",
    "52.29A": "Logistique", "10.71C": "Boulangerie", "45.20A": "Garage", "18.12Z": "Imprimerie",
    "81.21Z": "Nettoyage", "81.30Z": "Paysages", "21.20Z": "Laboratoires", "22.29A": "Plasturgie",
    "25.62B": "Mécanique", "56.10A": "Restaurant", "47.11F": "Supermarché", "86.10Z": "Clinique",
    "87.10A": "Résidence", "88.10A": "Aide à domicile", "62.01Z": "Informatique", "28.29B": "Machines",
    "33.12Z": "Maintenance", "16.23Z": "Charpentes", "10.13A": "Salaisons",
}  # fmt: skip
LEGAL_FORMS = ["SAS", "SARL", "& Fils", "et Associés", "Services", "Industrie"]
COMPANY_NAMES = [
    "de l'Iton",
    "Normandie",
    "du Neubourg",
    "Eure Seine",
    "des Portes",
    "Saint-Michel",
    "du Plateau",
    "Val de Risle",
    "d'Ouche",
    "Lecomte",
    "Marchand",
    "Hébert",
    "Lefèvre",
    "Dubois",
    "Cavelier",
    "Vasseur",
]
COMPANY_NAF = [
    "41.20A", "43.21A", "43.22A", "43.32A", "43.34Z", "43.99C", "49.41A", "52.10B", "52.29A",
    "10.71C", "45.20A", "18.12Z", "81.21Z", "81.30Z", "21.20Z", "22.29A", "25.62B", "56.10A",
    "47.11F", "86.10Z", "87.10A", "88.10A", "62.01Z", "28.29B", "33.12Z", "16.23Z", "10.13A",
]  # fmt: skip


def luhn_siret(rng: random.Random) -> str:
    """A random 14-digit SIRET whose Luhn checksum is valid (fictional, not a real company)."""
    digits = [rng.randint(0, 9) for _ in range(13)]
    digits[0] = rng.randint(3, 9)
    for last in range(10):
        candidate = digits + [last]
        total = 0
        for index, digit in enumerate(reversed(candidate)):
            value = digit * 2 if index % 2 else digit
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return "".join(map(str, candidate))
    raise AssertionError("unreachable")


def _organisation(name: str, kind: str, commune_code: str, **extra) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name=name, kind=kind, defaults={"commune_id": commune_code, **extra}
    )
    return organisation


def seed_settings() -> MdeSettings:
    mde = MdeSettings.current()
    mde.name = MDE_NAME
    mde.short_name = "MEF Évreux"
    mde.contact_email = "contact@mef-evreux.example"
    mde.departement_id = "27"
    mde.save()
    mde.perimeter.set(Epci.objects.filter(code__in=PERIMETER_EPCIS))
    return mde


def _company_name(trade: str, place: str, taken: set[str]) -> str:
    """« Menuiserie Lecomte », then « Menuiserie Lecomte SAS »… when a name is already taken."""
    for name in [f"{trade} {place}", *(f"{trade} {place} {form}" for form in LEGAL_FORMS)]:
        if name not in taken:
            taken.add(name)
            return name
    name = f"{trade} {place} {len(taken)}"
    taken.add(name)
    return name


def _building_firm(companies: list[Organisation]) -> Organisation:
    """The demo company account's firm: it holds the building lots of the clauses demo."""
    return next((c for c in companies if c.naf[:2] in {"41", "43"}), companies[0])


def seed_companies(count: int = 240) -> list[Organisation]:
    rng = random.Random(2026)
    communes = list(
        Commune.objects.filter(epci_id__in=PERIMETER_EPCIS).order_by("-population").values_list("code", "population")
    )
    weights = [max(population, 200) for _, population in communes]
    known_naf = set(NafCode.objects.filter(code__in=COMPANY_NAF).values_list("code", flat=True)) or set(COMPANY_NAF)
    nafs = [code for code in COMPANY_NAF if code in known_naf]
    companies = []
    taken: set[str] = set()
    for _ in range(count):
        rng.randrange(15)  # the former name's first word: every other draw of the demo stays as it was
        place = rng.choice(COMPANY_NAMES)
        commune_code = rng.choices(communes, weights=weights)[0][0]
        naf = rng.choice(nafs)
        siret = luhn_siret(rng)
        name = _company_name(TRADE_BY_NAF.get(naf, "Entreprise"), place, taken)
        organisation, _ = Organisation.objects.get_or_create(
            kind=OrganisationKind.COMPANY,
            name=name,
            defaults={"commune_id": commune_code, "siret": siret, "naf": naf.replace(".", "")},
        )
        companies.append(organisation)
    return companies


@transaction.atomic
def seed(stdout=None) -> None:
    seed_settings()
    by_name = {name: _organisation(name, kind, commune) for name, kind, commune in PARTNERS}
    companies = seed_companies()
    for email, first, last, organisation_name, role, epci_codes in USERS:
        create_user_with_membership(
            email,
            DEMO_PASSWORD,
            by_name[organisation_name],
            role,
            first_name=first,
            last_name=last,
            epcis=list(Epci.objects.filter(code__in=epci_codes)),
        )
    email, first, last = COMPANY_USER
    create_user_with_membership(
        email, DEMO_PASSWORD, _building_firm(companies), Role.COMPANY_MEMBER, first_name=first, last_name=last
    )
    if stdout:
        stdout.write(f"  Socle : {len(by_name)} partenaires, {len(companies)} entreprises, {len(USERS) + 1} comptes.")
