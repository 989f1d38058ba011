"""Maps a DECP place of execution (``lieuExecution``: code + typeCode) to commune, EPCI, département.

The whole lookup is loaded once per import into dictionaries (about 35,000 communes and as many
postcodes: a few megabytes), so resolving a contract costs a few dictionary reads. Real files mix up
the code types (a postcode given as a commune code, a commune code as a département…), lose leading
zeros or add a CEDEX postcode: each case is tried in a fixed order and the result says how precise it is.
"""

import re
from dataclasses import dataclass

# Municipal arrondissements of Paris, Lyon and Marseille → their commune.
_ARRONDISSEMENTS = (("751", "75056"), ("6938", "69123"), ("132", "13055"))
_DIGITS5 = re.compile(r"^(\d{5}|2[ABab]\d{3})$")


@dataclass(frozen=True, slots=True)
class Place:
    commune: str = ""
    epci: str = ""
    departement: str = ""
    region: str = ""
    precision: str = ""  # "commune", "epci", "departement", "region" or "" (unknown)
    note: str = ""  # why the mapping is approximate, for the error report


UNKNOWN = Place()


def departement_of_postcode(code: str) -> str:
    """The département of a postcode from its first digits (Corsica and overseas included)."""
    if code.startswith("97") or code.startswith("98"):
        return code[:3]
    if code.startswith("20"):
        return "2A" if code < "20200" else "2B"
    return code[:2]


class PlaceResolver:
    """Resolves places from in-memory tables; build it with :meth:`from_database`."""

    def __init__(self, communes, postcodes, departements, regions, former_codes=None):
        # communes: code -> (epci, departement, region); postcodes: code -> list of commune codes
        # ordered by population (largest first); departements: code -> region; regions: set of codes.
        self.communes = communes
        self.postcodes = postcodes
        self.departements = departements
        self.regions = regions
        self.former_codes = former_codes or {}
        self._cache: dict[tuple[str, str], Place] = {}

    @classmethod
    def from_database(cls) -> "PlaceResolver":
        from maillage.territories.models import Commune, Departement, FormerCommuneCode, PostalCode, Region

        departements = dict(Departement.objects.values_list("code", "region_id"))
        communes = {}
        population = {}
        for code, epci, dep, pop in Commune.objects.values_list("code", "epci_id", "departement_id", "population"):
            communes[code] = (epci or "", dep, departements.get(dep, ""))
            population[code] = pop or 0
        postcodes: dict[str, list[str]] = {}
        for code, commune in PostalCode.objects.values_list("code", "commune_id"):
            postcodes.setdefault(code, []).append(commune)
        for members in postcodes.values():
            members.sort(key=lambda c: (-population.get(c, 0), c))
        former = dict(FormerCommuneCode.objects.values_list("code", "commune_id"))
        regions = set(Region.objects.values_list("code", flat=True))
        return cls(communes, postcodes, departements, regions, former)

    # -- public ----------------------------------------------------------------------------------
    def resolve(self, code, type_code) -> Place:
        code = "" if code is None else str(code).strip().upper()
        type_code = "" if type_code is None else str(type_code).strip()
        key = (code, type_code)
        place = self._cache.get(key)
        if place is None:
            place = self._resolve(code, type_code.lower())
            if len(self._cache) < 200_000:
                self._cache[key] = place
        return place

    # -- rules -----------------------------------------------------------------------------------
    def _commune_place(self, code: str, note: str = "") -> Place | None:
        code = self.former_codes.get(code, code)
        for prefix, commune in _ARRONDISSEMENTS:
            if code.startswith(prefix) and code not in self.communes:
                code = commune
                break
        data = self.communes.get(code)
        if data is None:
            return None
        epci, dep, region = data
        return Place(code, epci, dep, region, "commune", note)

    def _postcode_place(self, code: str, note: str = "") -> Place | None:
        members = self.postcodes.get(code)
        if not members:
            return None
        first = self.communes.get(members[0])
        if first is None:
            return None
        # A postcode shared by several communes (often of several EPCI): its most populous commune,
        # usually the post-office town, is kept. This is no defect of the data, so it is not reported.
        return Place(members[0], first[0], first[1], first[2], "commune", note)

    def _departement_place(self, code: str, note: str = "") -> Place | None:
        if code.isdigit() and len(code) == 1:
            code = "0" + code
        if code.isdigit() and len(code) == 3 and code.startswith("0") and code[1:] in self.departements:
            code = code[1:]
        region = self.departements.get(code)
        if region is None:
            return None
        return Place("", "", code, region, "departement", note)

    def _resolve(self, code: str, type_code: str) -> Place:
        if not code:
            return UNKNOWN
        if "postal" in type_code:
            if code.isdigit() and len(code) == 4:
                code = "0" + code  # leading zero lost by a spreadsheet
            # An unknown postcode is most often a CEDEX one: its first digits still tell the département.
            return (
                self._postcode_place(code)
                or (
                    self._departement_place(departement_of_postcode(code), "code postal inconnu (CEDEX ?)")
                    if code.isdigit() and len(code) == 5
                    else None
                )
                or UNKNOWN
            )
        if "commune" in type_code:
            if code.isdigit() and len(code) == 4:
                code = "0" + code
            return (
                self._commune_place(code)
                or self._postcode_place(code, "code postal fourni comme code commune")
                or (self._departement_place(code) if len(code) <= 3 else None)
                or UNKNOWN
            )
        if "partement" in type_code:
            return (
                self._departement_place(code)
                or (self._commune_place(code, "code commune fourni comme département") if len(code) == 5 else None)
                or (self._departement_place(code[:3]) if code.startswith("97") else None)
                or (self._departement_place(code[:2]) if len(code) in (4, 5) and code[:2].isdigit() else None)
                or UNKNOWN
            )
        if "arrondissement" in type_code or "canton" in type_code:
            if len(code) == 5 and _DIGITS5.match(code):
                place = self._commune_place(code, "code commune fourni comme arrondissement ou canton")
                if place:
                    return place
            dep = code[:3] if code.startswith("97") else code[:2]
            return self._departement_place(dep) or UNKNOWN
        if "gion" in type_code:
            code = code.zfill(2) if code.isdigit() else code
            if code in self.regions:
                return Place("", "", "", code, "region")
            return UNKNOWN
        if "pays" in type_code:
            return UNKNOWN
        # Unknown type code: guess from the shape of the code.
        if _DIGITS5.match(code):
            return self._commune_place(code) or self._postcode_place(code) or UNKNOWN
        return self._departement_place(code) or UNKNOWN
