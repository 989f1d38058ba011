"""What a directory file may hold and how it is read: the schema v1 fields a mapping can fill, the
presets of known layouts, the tables of older schema values, and the bounded reading of CSV and JSON
(``MAX_BYTES``, ``MAX_ROWS``) into columns and rows."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path

from django.conf import settings

from maillage.common_text import fold

MAX_BYTES = 25 * 1024 * 1024
# Where an uploaded file waits for its column mapping (``views_import``); ``retention`` deletes those unused a week.
PENDING_DIR = "private/directory/imports"
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
