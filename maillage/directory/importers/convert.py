"""From a mapped row to a schema v1 service record: list and number formats, the communes a file
touches (code, folded name, centroid) and the Converter, which notes every value it changed or left
out. Coordinates are checked against the commune: a lost sign is restored from the commune's
centroid, a point nearer another commune is flagged."""

from __future__ import annotations

import contextlib
import csv
import json
import math
import re

from maillage.common_text import elide, fold
from maillage.territories.models import Commune

from .. import schema
from .files import FLOAT_FIELDS, FRAIS_V0, LIST_FIELDS, PROFILS_V0, SERVICE_FIELDS, thematiques_v0


def parse_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value).strip()
    if not text:
        return []
    if text.startswith("[") and text.endswith("]"):
        try:
            return [str(v).strip() for v in json.loads(text) if str(v).strip()]
        except json.JSONDecodeError:
            text = text[1:-1]
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    parts = next(csv.reader([text], skipinitialspace=True)) if text else []
    return [p.strip().strip('"') for p in parts if p.strip().strip('"')]


def parse_float(value) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    return float(text)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


class CommuneIndex:
    """Communes of the départements a file touches, loaded once: code, folded name, centroid."""

    def __init__(self):
        self.by_code: dict[str, Commune] = {}
        self.by_dept: dict[str, list[Commune]] = {}

    def load_dept(self, dept: str) -> list[Commune]:
        if dept not in self.by_dept:
            communes = list(Commune.objects.filter(departement_id=dept))
            self.by_dept[dept] = communes
            for commune in communes:
                self.by_code[commune.code] = commune
        return self.by_dept[dept]

    def get(self, code: str) -> Commune | None:
        if not code:
            return None
        dept = _dept_of(code)
        self.load_dept(dept)
        if code not in self.by_code:
            commune = Commune.objects.filter(code=code).first()
            if commune:
                self.by_code[code] = commune
        return self.by_code.get(code)

    def find(self, name: str, postal_code: str) -> Commune | None:
        if not name or not postal_code:
            return None
        key = re.sub(r"^ste ", "sainte ", re.sub(r"^st ", "saint ", fold(name)))
        key = key.replace(" st ", " saint ").replace(" ste ", " sainte ")
        communes = self.load_dept(_dept_of(postal_code))
        candidates = [c for c in communes if c.search_name == key]
        if len(candidates) > 1:
            candidates = [c for c in candidates if postal_code in (c.postcodes or "")] or candidates
        if not candidates:
            # The name is abbreviated or cut: a postcode that belongs to one commune only still tells.
            candidates = [c for c in communes if postal_code in (c.postcodes or "").split()]
        return candidates[0] if len(candidates) == 1 else None

    def nearest(self, dept: str, lat: float, lon: float) -> tuple[Commune | None, float]:
        best, best_d = None, float("inf")
        for commune in self.load_dept(dept):
            if commune.latitude is None:
                continue
            d = distance_km(lat, lon, commune.latitude, commune.longitude)
            if d < best_d:
                best, best_d = commune, d
        return best, best_d


def _dept_of(code: str) -> str:
    if code.startswith("97"):
        return code[:3]
    if code.startswith("20") and len(code) == 5 and not code[:2].isalpha():
        return "2A" if int(code) < 20200 else "2B"
    return code[:2]


OUTSIDE_KM = 5.0


class Converter:
    """Turns one row into a schema v1 service record with the mapping, noting what it changed."""

    def __init__(self, mapping: dict, communes: CommuneIndex | None = None):
        self.columns = mapping.get("columns", {})
        self.defaults = mapping.get("defaults", {})
        self.options = mapping.get("options", {})
        self.communes = communes or CommuneIndex()

    def cell(self, row: dict, target: str):
        column = self.columns.get(target)
        value = row.get(column) if column else None
        if value in (None, "") and target in self.defaults:
            default = self.defaults[target]
            if isinstance(default, str) and "{" in default:
                with contextlib.suppress(KeyError, IndexError, ValueError):
                    default = default.format(**{k: (self.cell(row, k) or "") for k in ("nom", "commune", "source")})
            return default
        return value

    def convert(self, row: dict) -> tuple[dict, list[str], list[str], dict]:
        """(record, errors, warnings, extra) — extra holds what the directory keeps beyond the schema."""
        errors: list[str] = []
        warnings: list[str] = []
        extra: dict = {"notes": [], "location_flag": ""}
        record: dict = {}
        for target, _label in SERVICE_FIELDS:
            value = self.cell(row, target)
            if value in (None, "", []):
                continue
            if target in LIST_FIELDS:
                record[target] = parse_list(value)
            elif target in FLOAT_FIELDS:
                try:
                    record[target] = parse_float(value)
                except ValueError:
                    errors.append(f"{target} : nombre invalide (« {str(value)[:30]} »)")
            elif target == "nombre_semaines":
                try:
                    record[target] = int(str(value).strip())
                except ValueError:
                    errors.append(f"nombre de semaines : entier invalide (« {str(value)[:30]} »)")
            else:
                record[target] = str(value).strip() if not isinstance(value, str) else value.strip()
        if "source" in record and "id" in record and "--" not in record["id"]:
            record["id"] = f"{record['source']}--{record['id']}"
        if "source" in record and "structure_id" in record and "--" not in record["structure_id"]:
            record["structure_id"] = f"{record['source']}--{record['structure_id']}"
        self._thematiques(record, warnings)
        self._publics(record, warnings)
        self._single("frais", record, warnings)
        self._single("type", record, warnings)
        self._enum_list("modes_accueil", {m for m, _ in schema.RECEPTION_MODES}, record, warnings)
        self._enum_list("modes_mobilisation", {m for m, _ in schema.MOBILISATION_MODES}, record, warnings)
        self._enum_list("mobilisable_par", {m for m, _ in schema.MOBILISERS}, record, warnings)
        if record.get("horaires_accueil") and not schema.valid_opening_hours(record["horaires_accueil"]):
            warnings.append(f"horaires hors du format OpenStreetMap, ignorés (« {record['horaires_accueil'][:40]} »)")
            record.pop("horaires_accueil")
        if isinstance(record.get("date_maj"), str):
            record["date_maj"] = record["date_maj"][:10]
        self._place(record, warnings, extra)
        return record, errors, warnings, extra

    def _thematiques(self, record: dict, warnings: list[str]) -> None:
        values = record.get("thematiques")
        if not values:
            return
        mapped: list[str] = []
        table = thematiques_v0() if self.options.get("thematiques_version") == "v0" else {}
        for value in values:
            if value in schema.THEMATIQUE_VALUES:
                mapped.append(value)
            elif value in table and table[value][0]:
                mapped.append(table[value][0])
            elif value in schema.CATEGORY_VALUES or value in {
                "acces-aux-droits-et-citoyennete",
                "accompagnement-social-et-professionnel-personnalise",
                "handicap",
                "illettrisme",
                "numerique",
                "famille",
            }:
                warnings.append(f"thématique : catégorie seule, sans thématique v1 (« {value} »)")
            elif value in table:
                warnings.append(f"thématique sans équivalent en v1 : {table[value][1]} (« {value} »)")
            else:
                warnings.append(f"thématique inconnue du schéma (« {value} »)")
        record["thematiques"] = sorted(set(mapped))
        if not record["thematiques"]:
            record.pop("thematiques")

    def _publics(self, record: dict, warnings: list[str]) -> None:
        values = record.get("publics")
        if not values:
            record.pop("publics", None)
            return
        mapped = []
        for value in values:
            if value in schema.PUBLIC_VALUES:
                mapped.append(value)
            elif value in PROFILS_V0 and PROFILS_V0[value]:
                mapped.append(PROFILS_V0[value])
            elif value in PROFILS_V0:
                warnings.append(f"public sans équivalent en v1 (« {value} »)")
            else:
                warnings.append(f"public inconnu du schéma (« {value} »)")
        mapped = sorted(set(mapped))
        if "tous-publics" in mapped and len(mapped) > 1:
            mapped = ["tous-publics"]
        if mapped:
            record["publics"] = mapped
        else:
            record.pop("publics")

    def _single(self, target: str, record: dict, warnings: list[str]) -> None:
        value = record.get(target)
        if value is None:
            return
        values = parse_list(value)
        allowed = {"frais": {f for f, _ in schema.FEES}, "type": {t for t, _ in schema.TYPES}}[target]
        kept = []
        for item in values:
            if item in allowed:
                kept.append(item)
            elif target == "frais" and item in FRAIS_V0:
                new, precision = FRAIS_V0[item]
                kept.append(new)
                record.setdefault("frais_precisions", precision)
            else:
                warnings.append(f"{target} hors du schéma, ignoré (« {item} »)")
        if len(set(kept)) > 1:
            warnings.append(f"{target} : plusieurs valeurs, la première est gardée (« {', '.join(values)} »)")
        if kept:
            record[target] = kept[0]
        else:
            record.pop(target)

    def _enum_list(self, target: str, allowed: set[str], record: dict, warnings: list[str]) -> None:
        values = record.get(target)
        if not values:
            record.pop(target, None)
            return
        kept = [v for v in values if v in allowed]
        for v in values:
            if v not in allowed:
                warnings.append(f"{target} hors du schéma, ignoré (« {v} »)")
        if kept:
            record[target] = sorted(set(kept))
        else:
            record.pop(target)

    def _place(self, record: dict, warnings: list[str], extra: dict) -> None:
        code = record.get("code_insee", "")
        commune = self.communes.get(code) if code else None
        if not commune and record.get("commune") and record.get("code_postal"):
            commune = self.communes.find(record["commune"], record["code_postal"])
            if commune:
                record["code_insee"] = commune.code
                warnings.append(f"code INSEE retrouvé d'après la commune et le code postal (« {commune.code} »)")
        if code and not commune:
            warnings.append(f"code INSEE inconnu du référentiel des communes (« {code} »)")
        extra["commune"] = commune
        reference = commune
        if reference is None and record.get("code_postal"):
            # No commune: the département of the postcode still tells the hemisphere.
            reference = next(
                (c for c in self.communes.load_dept(_dept_of(record["code_postal"])) if c.latitude is not None), None
            )
        lat, lon = record.get("latitude"), record.get("longitude")
        if lat is None or lon is None:
            record.pop("latitude", None)
            record.pop("longitude", None)
            return
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            warnings.append(f"coordonnées impossibles, ignorées (« {lat}, {lon} »)")
            record.pop("latitude")
            record.pop("longitude")
            return
        if reference is None or reference.latitude is None:
            return
        if self.options.get("latitude_sign_from_commune"):
            if reference.latitude < 0 < lat:
                lat = -lat
                extra["notes"].append("latitude : signe rétabli d'après la commune")
            if reference.longitude < 0 < lon:
                lon = -lon
                extra["notes"].append("longitude : signe rétabli d'après la commune")
            record["latitude"], record["longitude"] = lat, lon
        if commune is None or commune.latitude is None:
            return
        own = distance_km(lat, lon, commune.latitude, commune.longitude)
        if own > OUTSIDE_KM:
            nearest, _d = self.communes.nearest(commune.departement_id, lat, lon)
            if nearest is None or nearest.code != commune.code:
                where = f", plus près {elide('de', nearest.name)}" if nearest else ""
                flag = f"coordonnées hors de la commune (« à {own:.0f} km de son centre{where} »)"
                extra["location_flag"] = flag
                warnings.append(flag)
