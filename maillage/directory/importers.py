"""Import of directory files: data·inclusion schema v1 (JSON, CSV) and other layouts through a column mapping.

Every row becomes a schema v1 record, is validated by the national package, and is either stored or
reported with its reason, in French, with its line number. Values of older schema versions are mapped
where the schema's history allows (``data/reference/directory/thematiques_v0_v1.csv``, ``PROFILS_V0``)
and reported otherwise. Coordinates are checked against the commune: a lost sign is restored from
the commune's centroid, a point nearer another commune is flagged.

Input is bounded before it is read (``MAX_BYTES``, ``MAX_ROWS``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from maillage.common_text import elide, fold
from maillage.territories.models import Commune

from . import schema
from .models import Service, Structure, sync_themes

MAX_BYTES = 25 * 1024 * 1024
MAX_ROWS = 60_000

# Fields of a schema v1 service a mapping can fill, with their French label.
SERVICE_FIELDS = [
    ("id", "Identifiant du service"),
    ("structure_id", "Identifiant de la structure"),
    ("source", "Source"),
    ("nom", "Nom"),
    ("description", "Description"),
    ("type", "Type de service"),
    ("thematiques", "Thématiques"),
    ("frais", "Frais"),
    ("frais_precisions", "Précisions sur les frais"),
    ("publics", "Publics"),
    ("publics_precisions", "Précisions sur les publics"),
    ("conditions_acces", "Conditions d'accès"),
    ("commune", "Commune"),
    ("code_postal", "Code postal"),
    ("code_insee", "Code INSEE"),
    ("adresse", "Adresse"),
    ("complement_adresse", "Complément d'adresse"),
    ("longitude", "Longitude"),
    ("latitude", "Latitude"),
    ("telephone", "Téléphone"),
    ("courriel", "Courriel"),
    ("modes_accueil", "Modes d'accueil"),
    ("zone_eligibilite", "Zone d'éligibilité"),
    ("lien_source", "Lien source"),
    ("lien_mobilisation", "Lien de mobilisation"),
    ("modes_mobilisation", "Modes de mobilisation"),
    ("mobilisable_par", "Mobilisable par"),
    ("mobilisation_precisions", "Précisions sur la mobilisation"),
    ("volume_horaire_hebdomadaire", "Volume horaire hebdomadaire"),
    ("nombre_semaines", "Nombre de semaines"),
    ("horaires_accueil", "Horaires d'accueil"),
    ("contact_nom_prenom", "Contact"),
    ("date_maj", "Date de mise à jour"),
]
LIST_FIELDS = {"thematiques", "publics", "modes_accueil", "zone_eligibilite", "modes_mobilisation", "mobilisable_par"}
FLOAT_FIELDS = {"longitude", "latitude", "volume_horaire_hebdomadaire"}

# Former « profils » of the schema and their public in v1; None: no equivalent (reported).
PROFILS_V0 = {
    "jeunes": "jeunes",
    "jeunes-16-26": "jeunes",
    "seniors-65": "seniors",
    "familles-enfants": "familles",
    "demandeurs-demploi": "demandeurs-emploi",
    "beneficiaires-rsa": "beneficiaires-des-minimas-sociaux",
    "salaries": "actifs",
    "alternants": "actifs",
    "femmes": "femmes",
    "etudiants": "etudiants",
    "sans-domicile-fixe": "personnes-en-situation-durgence",
    "victimes": "personnes-en-situation-durgence",
    "sortants-de-detention": "personnes-en-situation-juridique-specifique",
    "personnes-de-nationalite-etrangere": "personnes-exilees",
    "handicaps-mentaux": "personnes-en-situation-de-handicap",
    "handicaps-psychiques": "personnes-en-situation-de-handicap",
    "surdite": "personnes-en-situation-de-handicap",
    "deficience-visuelle": "personnes-en-situation-de-handicap",
    "adultes": None,
    "proprietaires": None,
    "locataires": None,
    "public-langues-etrangeres": None,
    "personnes-en-situation-illettrisme": None,
}
FRAIS_V0 = {
    "gratuit-sous-conditions": ("gratuit", "Gratuit sous conditions"),
    "adhesion": ("payant", "Adhésion"),
    "pass-numerique": ("payant", "Pass numérique accepté"),
}

# Presets: a data·inclusion v1 file maps itself; the analyst's flattened export of 2025 (La Réunion)
# needs the mapping below (French column names, {a,b} lists, comma decimals, v0 thématiques).
PRESETS = {
    "data-inclusion-v1": {
        "label": "Fichier data·inclusion schéma v1",
        "columns": {key: key for key, _ in SERVICE_FIELDS},
        "defaults": {},
        "options": {"thematiques_version": "v1", "missing_structure": "report"},
    },
    "data-inclusion-extrait-2025": {
        "label": "Export aplati data·inclusion (colonnes françaises, 2025)",
        "columns": {
            "id": "Service ID",
            "structure_id": "Structure ID",
            "source": "Source",
            "nom": "Nom",
            "thematiques": "Thematiques",
            "frais": "Frais",
            "publics": "Profils",
            "commune": "Commune",
            "code_postal": "Code Postal",
            "code_insee": "Code Insee",
            "adresse": "Adresse",
            "longitude": "Long",
            "latitude": "Lat",
            "modes_accueil": "Modes Accueil",
        },
        # The export carries no description nor update date: the service's name stands for the first
        # (flagged « à compléter »), the export's date for the second.
        "defaults": {"description": "{nom}", "date_maj": "2025-01-21"},
        "options": {
            "thematiques_version": "v0",
            "missing_structure": "create",
            "latitude_sign_from_commune": True,
        },
    },
}


@cache
def thematiques_v0() -> dict[str, tuple[str, str]]:
    path = Path(settings.BASE_DIR) / "data" / "reference" / "directory" / "thematiques_v0_v1.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["ancienne_valeur"]: (row["valeur_v1"], row["remarque"]) for row in csv.DictReader(handle)}


class ImportError_(Exception):
    """The whole file is refused (too big, unreadable, unknown layout): one French message."""


@dataclass
class Outcome:
    line: int
    ident: str
    stored: bool
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    created: bool = False


@dataclass
class Report:
    rows: int = 0
    created: int = 0
    updated: int = 0
    rejected: int = 0
    structures_created: int = 0
    placeholders: int = 0
    flagged_locations: int = 0
    reasons: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)
    lines: list[dict] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.created + self.updated

    def add(self, outcome: Outcome) -> None:
        self.rows += 1
        if outcome.stored:
            if outcome.created:
                self.created += 1
            else:
                self.updated += 1
        else:
            self.rejected += 1
        for message in outcome.errors:
            self.reasons[_reason(message)] += 1
        for message in outcome.warnings:
            self.warnings[_reason(message)] += 1
        if (outcome.errors or outcome.warnings) and len(self.lines) < 20_000:
            self.lines.append(
                {
                    "line": outcome.line,
                    "id": outcome.ident[:120],
                    "status": "enregistré" if outcome.stored else "rejeté",
                    "errors": outcome.errors,
                    "warnings": outcome.warnings,
                }
            )

    def counts(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "stored": self.stored,
            "rejected": self.rejected,
            "structures_created": self.structures_created,
            "placeholders": self.placeholders,
            "flagged_locations": self.flagged_locations,
            "reasons": dict(self.reasons.most_common()),
            "warnings": dict(self.warnings.most_common()),
        }


def _reason(message: str) -> str:
    return re.sub(r"\s*\(« .*$", "", message)[:120]


# --- reading -------------------------------------------------------------------------------------


def read_rows(content: bytes, filename: str) -> tuple[list[str], list[dict]]:
    """Columns and rows of a CSV or JSON file, bounded in size and rows before parsing."""
    if len(content) > MAX_BYTES:
        raise ImportError_(
            f"Fichier trop volumineux ({len(content) // 1_000_000} Mo, maximum {MAX_BYTES // 1_000_000} Mo)."
        )
    text = _decode(content)
    name = filename.lower()
    if name.endswith(".json") or text.lstrip()[:1] in "[{":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportError_(f"JSON illisible (ligne {exc.lineno}, colonne {exc.colno}).") from exc
        if isinstance(data, dict):
            data = data.get("services") or data.get("results") or data.get("data") or []
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data[:50]):
            raise ImportError_("Le JSON doit contenir une liste d'objets (un par service).")
        rows = data
    else:
        if text.count("\n") > MAX_ROWS + 1:
            raise ImportError_(f"Trop de lignes (maximum {MAX_ROWS}).")
        sample = text[:20_000]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    if len(rows) > MAX_ROWS:
        raise ImportError_(f"Trop de lignes ({len(rows)}, maximum {MAX_ROWS}).")
    columns: list[str] = []
    for row in rows[:200]:
        for key in row:
            if key not in columns and key is not None:
                columns.append(str(key))
    return columns, rows


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportError_("Encodage du fichier non reconnu (UTF-8 attendu).")


def guess_mapping(columns: list[str]) -> dict:
    """The preset whose columns the file has, or a mapping by folded column names."""
    if {"id", "structure_id", "source", "nom", "date_maj"} <= set(columns):
        return {"preset": "data-inclusion-v1", **json.loads(json.dumps(PRESETS["data-inclusion-v1"]))}
    for key, preset in PRESETS.items():
        wanted = set(preset["columns"].values())
        if wanted and len(wanted & set(columns)) >= len(wanted) * 0.8:
            return {"preset": key, **json.loads(json.dumps(preset))}
    folded = {fold(c).replace(" ", "_"): c for c in columns}
    mapping = {target: folded[target] for target, _ in SERVICE_FIELDS if target in folded}
    return {"preset": "", "columns": mapping, "defaults": {}, "options": {"thematiques_version": "v1"}}


# --- converting ----------------------------------------------------------------------------------


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


# --- storing -------------------------------------------------------------------------------------


def _structure_record(structure: Structure) -> dict:
    from .exports import structure_record

    return structure_record(structure)


class Importer:
    """Stores rows of one file (services, with their structures) and builds the report."""

    def __init__(self, mapping: dict, structures: dict[str, dict] | None = None):
        self.mapping = mapping
        self.options = mapping.get("options", {})
        self.communes = CommuneIndex()
        self.converter = Converter(mapping, self.communes)
        self.structure_rows = structures or {}
        self.structures: dict[str, Structure] = {}
        self.report = Report()
        self.today = timezone.localdate()

    def run(self, rows: list[dict], *, dry_run: bool, chunk: int = 500) -> Report:
        """Rows in chunks: convert and validate each, then one query for the known services of the chunk
        and bulk writes (the rate matters for large national files)."""
        seen: set[str] = set()
        first = 2 if self.mapping.get("csv") else 1
        with transaction.atomic():
            for start in range(0, len(rows), chunk):
                self.run_chunk(list(enumerate(rows[start : start + chunk], start=first + start)), seen)
            if dry_run:
                transaction.set_rollback(True)
        return self.report

    def prepare(self, line: int, row: dict, seen: set[str]):
        record, errors, warnings, extra = self.converter.convert(row)
        ident = str(record.get("id", ""))
        if ident and ident in seen:
            return Outcome(line, ident, False, ["identifiant en double dans le fichier"], warnings)
        seen.add(ident)
        errors += schema.validate_service(record)
        if errors:
            return Outcome(line, ident, False, errors, warnings)
        if self.mapping.get("defaults", {}).get("description") == "{nom}" and record["description"] == record["nom"]:
            extra["notes"].append("description à compléter (le fichier n'en donne pas)")
        return record, warnings, extra

    def run_chunk(self, numbered: list[tuple[int, dict]], seen: set[str]) -> None:
        prepared = []
        for line, row in numbered:
            result = self.prepare(line, row, seen)
            if isinstance(result, Outcome):
                self.report.add(result)
            else:
                prepared.append((line, *result))
        keys = {record["structure_id"] for _l, record, _w, _e in prepared} - set(self.structures)
        for structure in Structure.objects.filter(di_id__in=keys):
            self.structures[structure.di_id] = structure
        existing = {s.di_id: s for s in Service.objects.filter(di_id__in=[r["id"] for _l, r, _w, _e in prepared])}
        to_create, to_update, outcomes = [], [], []
        for line, record, warnings, extra in prepared:
            structure, problem = self.structure_for(record, warnings)
            if structure is None:
                self.report.add(Outcome(line, record["id"], False, [problem], warnings))
                continue
            values = self.service_values(record, structure, extra)
            service = existing.get(record["id"])
            if service is None:
                service = Service(di_id=record["id"], **values)
                to_create.append(service)
            else:
                for key, value in values.items():
                    setattr(service, key, value)
                to_update.append(service)
            service.refresh_keys()
            if extra["location_flag"]:
                self.report.flagged_locations += 1
            outcomes.append(
                Outcome(line, record["id"], True, [], warnings + extra["notes"], created=service.pk is None)
            )
        Service.objects.bulk_create(to_create, batch_size=500)
        for service in to_update:
            # One UPDATE per row: bulk_update's CASE over 37 columns is much slower on both databases.
            Service.objects.filter(pk=service.pk).update(
                **{name: getattr(service, name) for name in SERVICE_MODEL_FIELDS}
            )
        sync_themes(to_create + to_update)
        for outcome in outcomes:
            self.report.add(outcome)

    def import_row(self, line: int, row: dict, seen: set[str]) -> Outcome:
        result = self.prepare(line, row, seen)
        if isinstance(result, Outcome):
            return result
        record, warnings, extra = result
        structure, problem = self.structure_for(record, warnings)
        if structure is None:
            return Outcome(line, record["id"], False, [problem], warnings)
        created = self.store_service(record, structure, extra)
        if extra["location_flag"]:
            self.report.flagged_locations += 1
        return Outcome(line, record["id"], True, [], warnings + extra["notes"], created=created)

    def structure_for(self, record: dict, warnings: list[str]) -> tuple[Structure | None, str]:
        key = record["structure_id"]
        if key in self.structures:
            return self.structures[key], ""
        structure = Structure.objects.filter(di_id=key).first()
        if structure is None:
            raw = key.split("--", 1)[-1]
            given = self.structure_rows.get(raw) or self.structure_rows.get(key)
            if given is None and self.options.get("missing_structure") != "create":
                return None, f"structure absente du fichier des structures et de l'annuaire (« {key} »)"
            structure = self.create_structure(key, record, given)
            if structure is None:
                return None, f"structure invalide (« {key} »)"
        self.structures[key] = structure
        return structure, ""

    def create_structure(self, key: str, service: dict, given: dict | None) -> Structure | None:
        source = service["source"]
        commune_code = (
            (given or {}).get("Code Insee") or (given or {}).get("code_insee") or service.get("code_insee", "")
        )
        commune = self.communes.get(commune_code)
        if given:
            name = (given.get("Nom") or given.get("nom") or "").strip()
            placeholder = False
        else:
            place = service.get("commune") or (commune.name if commune else "")
            name = f"Structure {source} à compléter ({place or key.split('--')[-1][:20]})"
            placeholder = True
        structure = Structure(
            di_id=key,
            source=source,
            name=name[:150],
            commune=commune,
            commune_name=(given or {}).get("Commune") or (commune.name if commune else service.get("commune", "")),
            postal_code=service.get("code_postal", "") if not given else "",
            address=service.get("adresse", "")[:255] if not given else "",
            typology=((given or {}).get("Typologie") or "")[:60],
            is_placeholder=placeholder,
            updated_on=service["date_maj"] if isinstance(service["date_maj"], date) else _to_date(service["date_maj"]),
        )
        if schema.validate_structure(_structure_record(structure)):
            return None
        structure.save()
        self.report.structures_created += 1
        self.report.placeholders += int(placeholder)
        return structure

    def service_values(self, record: dict, structure: Structure, extra: dict) -> dict:
        commune = extra.get("commune")
        return {
            "structure": structure,
            "source": record["source"],
            "name": record["nom"],
            "description": record["description"],
            "source_url": record.get("lien_source", ""),
            "updated_on": _to_date(record["date_maj"]),
            "type": record.get("type", ""),
            "thematiques": record.get("thematiques", []),
            "fees": record.get("frais", ""),
            "fees_details": record.get("frais_precisions", "")[:500],
            "publics": record.get("publics", []),
            "publics_details": record.get("publics_precisions", "")[:1000],
            "access_conditions": record.get("conditions_acces", "")[:1000],
            "commune": commune,
            "commune_name": (record.get("commune") or (commune.name if commune else ""))[:100],
            "postal_code": record.get("code_postal", ""),
            "address": record.get("adresse", "")[:255],
            "address_extra": record.get("complement_adresse", "")[:255],
            "latitude": record.get("latitude"),
            "longitude": record.get("longitude"),
            "phone": record.get("telephone", "")[:30],
            "email": record.get("courriel", ""),
            "reception_modes": record.get("modes_accueil", []),
            "eligibility_zone": record.get("zone_eligibilite", []),
            "contact_name": record.get("contact_nom_prenom", "")[:150],
            "mobilisation_url": record.get("lien_mobilisation", ""),
            "mobilisation_modes": record.get("modes_mobilisation", []),
            "mobilisable_by": record.get("mobilisable_par", []),
            "mobilisation_details": record.get("mobilisation_precisions", "")[:1000],
            "weekly_hours": record.get("volume_horaire_hebdomadaire"),
            "weeks": record.get("nombre_semaines"),
            "opening_hours": record.get("horaires_accueil", "")[:255],
            "location_flag": extra.get("location_flag", "")[:255],
            "import_notes": "\n".join(extra.get("notes", []))[:4000],
        }

    def store_service(self, record: dict, structure: Structure, extra: dict) -> bool:
        values = self.service_values(record, structure, extra)
        service = Service.objects.filter(di_id=record["id"]).first()
        created = service is None
        if created:
            service = Service(di_id=record["id"], **values)
        else:
            for key, value in values.items():
                setattr(service, key, value)
        service.save()
        return created


SERVICE_MODEL_FIELDS = [
    "structure", "source", "name", "description", "source_url", "updated_on", "type", "thematiques", "fees",
    "fees_details", "publics", "publics_details", "access_conditions", "commune", "commune_name", "postal_code",
    "address", "address_extra", "latitude", "longitude", "phone", "email", "reception_modes", "eligibility_zone",
    "contact_name", "mobilisation_url", "mobilisation_modes", "mobilisable_by", "mobilisation_details",
    "weekly_hours", "weeks", "opening_hours", "location_flag", "import_notes", "thematiques_key", "publics_key",
    "search_text",
]  # fmt: skip


def _to_date(value) -> date:
    if isinstance(value, date):
        return value
    return datetime.strptime(str(value)[:10], "%Y-%m-%d").date()


def structures_lookup(content: bytes, filename: str) -> dict[str, dict]:
    """A structures file of the same layout, keyed by its raw identifier (``ID`` or ``id``)."""
    _columns, rows = read_rows(content, filename)
    result = {}
    for row in rows:
        key = str(row.get("ID") or row.get("id") or "").strip()
        if key:
            result[key] = row
    return result


def import_services(
    content: bytes, filename: str, *, mapping: dict | None = None, structures: bytes | None = None,
    structures_name: str = "structures.json", dry_run: bool = True,
) -> tuple[Report, dict]:  # fmt: skip
    """Reads, maps, validates and stores (or, dry, only counts) a services file."""
    columns, rows = read_rows(content, filename)
    mapping = mapping or guess_mapping(columns)
    mapping = {**mapping, "csv": not filename.lower().endswith(".json")}
    lookup = structures_lookup(structures, structures_name) if structures else {}
    if not lookup and mapping.get("preset") == "data-inclusion-v1":
        lookup = {}
    report = Importer(mapping, lookup).run(rows, dry_run=dry_run)
    return report, mapping
