"""Synthetic DECP contracts in the 2022 format (valid against the official schema), for the demo and the
benchmark. Deterministic for a given seed; distributions are plausible, not measured: works about a
third of the contracts, amounts log-normal around €90,000, places weighted by population, social
considerations more frequent in labour-intensive market types.
"""

import bisect
import itertools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

# (CPV code, weight, short object) – division first two digits.
CPV_CATALOGUE = [
    ("45210000", 60, "Travaux de construction de bâtiments"),
    ("45233140", 40, "Travaux de voirie"),
    ("45453000", 45, "Travaux de remise en état et de réfection"),
    ("45442100", 25, "Travaux de peinture"),
    ("45262500", 20, "Travaux de maçonnerie"),
    ("45330000", 25, "Travaux de plomberie"),
    ("45310000", 25, "Travaux d'installation électrique"),
    ("45421000", 20, "Travaux de menuiserie"),
    ("45261000", 15, "Travaux de charpente et de couverture"),
    ("45112700", 10, "Travaux d'aménagement paysager"),
    ("71000000", 45, "Services d'architecture et d'ingénierie"),
    ("71320000", 20, "Services de conception technique"),
    ("79000000", 20, "Services aux entreprises"),
    ("79341000", 10, "Services de publicité"),
    ("79710000", 12, "Services de sécurité"),
    ("90910000", 35, "Services de nettoyage"),
    ("90511000", 15, "Services de collecte des ordures ménagères"),
    ("90600000", 8, "Services de propreté urbaine"),
    ("77310000", 20, "Services de plantation et d'entretien des espaces verts"),
    ("77211000", 5, "Services d'exploitation forestière"),
    ("55523100", 18, "Services de restauration scolaire"),
    ("55520000", 10, "Services de traiteur"),
    ("50700000", 25, "Services de réparation et d'entretien d'installations de bâtiments"),
    ("50110000", 12, "Services de réparation et d'entretien de véhicules"),
    ("33140000", 25, "Consommables médicaux"),
    ("33600000", 15, "Produits pharmaceutiques"),
    ("30200000", 12, "Matériel et fournitures informatiques"),
    ("48000000", 12, "Logiciels et systèmes d'information"),
    ("72000000", 15, "Services informatiques"),
    ("34100000", 10, "Véhicules à moteur"),
    ("09310000", 8, "Électricité"),
    ("09134100", 6, "Carburant diesel"),
    ("15800000", 12, "Produits alimentaires divers"),
    ("39100000", 8, "Mobilier"),
    ("44100000", 8, "Matériaux de construction"),
    ("60100000", 12, "Services de transport routier"),
    ("60130000", 8, "Services spécialisés de transport routier de passagers"),
    ("80500000", 8, "Services de formation"),
    ("85300000", 6, "Services d'action sociale"),
    ("66510000", 6, "Services d'assurance"),
    ("64110000", 3, "Services postaux"),
    ("98390000", 5, "Autres services"),
    ("92000000", 4, "Services récréatifs, culturels et sportifs"),
    ("22000000", 5, "Imprimés et produits connexes"),
]
SOCIAL_RATE = {"45": 0.24, "90": 0.22, "77": 0.2, "55": 0.14, "79": 0.1, "50": 0.08, "60": 0.06, "98": 0.06}
PROCEDURES = [
    ("Procédure adaptée", 62),
    ("Appel d'offres ouvert", 24),
    ("Appel d'offres restreint", 2),
    ("Procédure avec négociation", 5),
    ("Marché passé sans publicité ni mise en concurrence préalable", 6),
    ("Dialogue compétitif", 1),
]
CCAG = {"45": "Travaux", "71": "Maitrise d'œuvre", "72": "Techniques de l'information et de la communication"}
PLACE_TYPES = [("Code postal", 62), ("Code commune", 28), ("Code département", 8), ("Code région", 2)]
BUYER_NAME_PREFIXES = [
    "Commune de",
    "Communauté de communes de",
    "Centre communal d'action sociale de",
    "Syndicat mixte de",
]
LOTS = ["", " – lot 1", " – lot 2", " – lot 3", " – lot 4", " – lot unique"]
SITES = ["de l'école", "de la mairie", "du gymnase", "de la médiathèque", "du centre technique", "des logements"]


@dataclass(frozen=True)
class SyntheticCommune:
    code: str
    name: str
    postcode: str
    departement: str
    region: str
    population: int


class ContractFactory:
    """Generates contracts for a set of communes and buyers (communes weighted by population)."""

    def __init__(
        self,
        communes: list[SyntheticCommune],
        *,
        seed: int = 2027,
        buyers: int | None = None,
        years: tuple[int, int] = (2019, 2025),
        id_prefix: str = "S",
    ):
        if not communes:
            raise ValueError("Des communes sont nécessaires pour générer des marchés.")
        self.rng = random.Random(seed)
        self.communes = communes
        self.years = years
        self.id_prefix = id_prefix
        self._commune_cum = list(itertools.accumulate(max(1, c.population) ** 0.85 for c in communes))
        self._by_departement: dict[str, list[SyntheticCommune]] = {}
        for commune in communes:
            self._by_departement.setdefault(commune.departement, []).append(commune)
        self._cpv = [(c[0], c[2]) for c in CPV_CATALOGUE]
        self._cpv_cum = list(itertools.accumulate(c[1] for c in CPV_CATALOGUE))
        self._proc = [p[0] for p in PROCEDURES]
        self._proc_cum = list(itertools.accumulate(p[1] for p in PROCEDURES))
        self._place = [p[0] for p in PLACE_TYPES]
        self._place_cum = list(itertools.accumulate(p[1] for p in PLACE_TYPES))
        count = buyers or max(20, len(communes) // 2)
        self.buyers = [self._make_buyer(i) for i in range(count)]
        # Zipf-like activity: a few large buyers publish many contracts.
        self._buyer_cum = list(itertools.accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(count)))
        self._serial = 0
        self._holders = [f"{self.rng.randrange(10**8, 10**9)}{self.rng.randrange(10000, 99999)}" for _ in range(5000)]

    def _pick(self, values, cumulative):
        return values[bisect.bisect_right(cumulative, self.rng.random() * cumulative[-1])]

    def _make_buyer(self, index: int) -> tuple[str, str, SyntheticCommune]:
        commune = self._pick(self.communes, self._commune_cum)
        kind = BUYER_NAME_PREFIXES[index % len(BUYER_NAME_PREFIXES)] if index >= 3 else BUYER_NAME_PREFIXES[0]
        siret = f"2{self.rng.randrange(10**12, 10**13)}"  # public bodies' SIRET start with 2 (fictional ones)
        return siret, f"{kind} {commune.name}", commune

    def contract(self) -> dict:
        rng = self.rng
        self._serial += 1
        siret, buyer_name, home = self._pick(self.buyers, self._buyer_cum)
        cpv, label = self._pick(self._cpv, self._cpv_cum)
        division = cpv[:2]
        place = home if rng.random() < 0.8 else rng.choice(self._by_departement[home.departement])
        place_type = self._pick(self._place, self._place_cum)
        code = {
            "Code postal": place.postcode,
            "Code commune": place.code,
            "Code département": place.departement,
            "Code région": place.region,
        }[place_type]
        year = rng.randint(*self.years)
        notified = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        sigma_shift = 0.6 if division == "45" else 0.0
        amount = round(min(5e7, max(25000.0, rng.lognormvariate(11.4 + sigma_shift, 1.1))), 2)
        social = []
        rate = SOCIAL_RATE.get(division, 0.04)
        if rng.random() < rate:
            social.append("Clause sociale")
        if rng.random() < rate * 0.4:
            social.append("Critère social")
        if rng.random() < 0.012:
            social.append("Marché réservé")
        env = []
        if rng.random() < 0.22:
            env.append("Clause environnementale")
        if rng.random() < 0.12:
            env.append("Critère environnemental")
        holders = [
            {"titulaire": {"typeIdentifiant": "SIRET", "id": rng.choice(self._holders)}}
            for _ in range(1 if rng.random() < 0.85 else rng.randint(2, 3))
        ]
        # ``uniqueItems``: no holder twice.
        holders = list({h["titulaire"]["id"]: h for h in holders}.values())
        record = {
            "id": f"{self.id_prefix[:6]}{year % 100:02d}{self._serial:08d}",  # at most 16 characters
            "acheteur": {"id": siret, "nom": buyer_name},
            "nature": "Marché",
            "objet": f"{label} {rng.choice(SITES)}{rng.choice(LOTS)}",
            "codeCPV": cpv,
            "techniques": {"technique": ["Accord-cadre"] if rng.random() < 0.2 else ["Sans objet"]},
            "modalitesExecution": {"modaliteExecution": ["Bons de commande"] if rng.random() < 0.2 else ["Sans objet"]},
            "marcheInnovant": False,
            "ccag": CCAG.get(division, "Fournitures courantes et services"),
            "offresRecues": rng.randint(1, 12),
            "attributionAvance": rng.random() < 0.3,
            "typeGroupementOperateurs": "Pas de groupement" if len(holders) == 1 else "Conjoint",
            "procedure": self._pick(self._proc, self._proc_cum),
            "lieuExecution": {"code": code, "typeCode": place_type},
            "dureeMois": rng.choice((1, 2, 3, 6, 12, 12, 12, 24, 36, 48)),
            "dateNotification": notified.isoformat(),
            "datePublicationDonnees": (notified + timedelta(days=rng.randint(1, 60))).isoformat(),
            "montant": amount,
            "typesPrix": {"typePrix": ["Définitif ferme"]},
            "formePrix": "Forfaitaire" if rng.random() < 0.6 else "Unitaire",
            "sousTraitanceDeclaree": rng.random() < 0.25,
            "titulaires": holders,
            "considerationsSociales": {"considerationSociale": social or ["Pas de considération sociale"]},
            "considerationsEnvironnementales": {
                "considerationEnvironnementale": env or ["Pas de considération environnementale"]
            },
        }
        if rng.random() < 0.12:
            record["modifications"] = [
                {
                    "modification": {
                        "id": 1,
                        "dateNotificationModification": (notified + timedelta(days=90)).isoformat(),
                        "datePublicationDonneesModification": (notified + timedelta(days=100)).isoformat(),
                        "montant": round(amount * 1.1, 2),
                    }
                }
            ]
        return record

    def contracts(self, count: int) -> Iterator[dict]:
        for _ in range(count):
            yield self.contract()


def communes_from_database(departements: list[str] | None = None) -> list[SyntheticCommune]:
    """Communes with one postcode each, from the territories tables (optionally some départements)."""
    from django.db.models import Min

    from maillage.territories.models import Commune

    queryset = Commune.objects.all()
    if departements:
        queryset = queryset.filter(departement_id__in=departements)
    rows = (
        queryset.annotate(postcode=Min("postal_codes__code"))
        .values_list("code", "name", "postcode", "departement_id", "departement__region_id", "population")
        .order_by("code")
    )
    return [SyntheticCommune(c, n, p or c, d, r or "", pop or 0) for c, n, p, d, r, pop in rows]


def write_file(path: str, factory: ContractFactory, count: int, compresslevel: int = 3, compress=None) -> None:
    """Writes ``count`` contracts as a 2022-format file ``{"marches": {"marche": [...]}}``, streaming;
    gzip-compressed when ``compress`` (by default: when the name ends with ``.gz``)."""
    import gzip

    if compress is None:
        compress = path.endswith(".gz")
    with (
        gzip.open(path, "wt", encoding="utf-8", compresslevel=compresslevel)
        if compress
        else open(path, "w", encoding="utf-8")
    ) as handle:
        handle.write('{"marches": {"marche": [\n')
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        for index, record in enumerate(factory.contracts(count)):
            if index:
                handle.write(",\n")
            handle.write(dumps(record))
        handle.write("\n]}}\n")
