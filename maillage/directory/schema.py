"""The national data·inclusion schema v1, read from the pinned package ``data-inclusion-schema``.

Every enum the directory stores (thématiques, types of service, publics, modes of access, fees,
mobilisation) comes from the package, with its French label, so the directory never drifts from the
national catalogue. Validation of a whole record is the package's (pydantic) model; its English or
technical messages are turned into one French sentence per field.
"""

import re
from functools import cache

import pydantic
from data_inclusion.schema import v1

SCHEMA_VERSION = "1.0.10"


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum]


THEMATIQUES = _choices(v1.Thematique)
CATEGORIES = _choices(v1.Categorie)
PUBLICS = _choices(v1.Public)
TYPES = _choices(v1.TypeService)
FEES = _choices(v1.Frais)
RECEPTION_MODES = _choices(v1.ModeAccueil)
MOBILISATION_MODES = _choices(v1.ModeMobilisation)
MOBILISERS = _choices(v1.PersonneMobilisatrice)
NETWORKS = _choices(v1.ReseauPorteur)

THEMATIQUE_VALUES = frozenset(v for v, _ in THEMATIQUES)
CATEGORY_VALUES = frozenset(v for v, _ in CATEGORIES)
PUBLIC_VALUES = frozenset(v for v, _ in PUBLICS)

_LABELS = {
    "thematiques": dict(THEMATIQUES),
    "categories": dict(CATEGORIES),
    "publics": dict(PUBLICS),
    "types": dict(TYPES),
    "fees": dict(FEES),
    "reception_modes": dict(RECEPTION_MODES),
    "mobilisation_modes": dict(MOBILISATION_MODES),
    "mobilisers": dict(MOBILISERS),
}


def label(kind: str, value: str) -> str:
    return _LABELS[kind].get(value, value)


def category_of(thematique: str) -> str:
    return thematique.split("--", 1)[0]


@cache
def thematiques_by_category() -> list[tuple[str, str, list[tuple[str, str]]]]:
    groups = []
    for value, text in CATEGORIES:
        members = [(t, lbl) for t, lbl in THEMATIQUES if category_of(t) == value]
        groups.append((value, text, members))
    return groups


# OpenStreetMap opening_hours: the subset services use ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00;
# PH off"). A full grammar is much larger; this accepts the common forms and refuses free text.
_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su|PH|SH)"
_DAYS = rf"{_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)*"
_TIME = r"(?:[01]\d|2[0-4]):[0-5]\d"
_SPAN = rf"{_TIME}-{_TIME}"
_MONTHS = r"(?:[A-Z][a-z]{2}(?:-[A-Z][a-z]{2})?(?:\s\d{1,2})?\s)"
_RULE = rf"(?:{_MONTHS}?(?:{_DAYS}\s)?(?:{_SPAN}(?:,{_SPAN})*|off|closed)|24/7)"
OSM_HOURS = re.compile(rf"^{_RULE}(?:\s*[;,]\s*{_RULE})*$")


def valid_opening_hours(value: str) -> bool:
    return not value or bool(OSM_HOURS.match(value.strip()))


_FIELD_LABELS = {
    "id": "identifiant",
    "structure_id": "structure",
    "source": "source",
    "nom": "nom",
    "description": "description",
    "date_maj": "date de mise à jour",
    "lien_source": "lien source",
    "siret": "SIRET",
    "code_postal": "code postal",
    "code_insee": "code INSEE",
    "courriel": "courriel",
    "site_web": "site web",
    "thematiques": "thématiques",
    "publics": "publics",
    "type": "type de service",
    "frais": "frais",
    "modes_accueil": "modes d'accueil",
    "modes_mobilisation": "modes de mobilisation",
    "mobilisable_par": "mobilisable par",
    "zone_eligibilite": "zone d'éligibilité",
    "lien_mobilisation": "lien de mobilisation",
    "volume_horaire_hebdomadaire": "volume horaire hebdomadaire",
    "nombre_semaines": "nombre de semaines",
    "reseaux_porteurs": "réseaux porteurs",
}

_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "string_too_short": "trop court",
    "string_too_long": "trop long",
    "string_pattern_mismatch": "format invalide",
    "enum": "valeur hors du schéma",
    "literal_error": "valeur hors du schéma",
    "url_parsing": "adresse web invalide",
    "url_scheme": "adresse web invalide",
    "value_error": "valeur invalide",
    "date_from_datetime_parsing": "date invalide",
    "date_parsing": "date invalide",
    "too_short": "liste vide",
    "greater_than_equal": "valeur trop petite",
    "float_parsing": "nombre invalide",
    "int_parsing": "nombre entier invalide",
}


def french_errors(exc: pydantic.ValidationError) -> list[str]:
    """One French sentence per invalid field, e.g. « code postal : format invalide (« 974 ») »."""
    messages = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        field = _FIELD_LABELS.get(loc[0], loc[0]) if loc else "fiche"
        text = _MESSAGES.get(error["type"], "valeur invalide")
        if error["type"] == "value_error":
            text = str(error.get("ctx", {}).get("error", "")) or text
        value = error.get("input")
        if isinstance(value, str | int | float) and error["type"] != "missing":
            text = f"{text} (« {str(value)[:60]} »)"
        sentence = f"{field} : {text}"
        if sentence not in messages:
            messages.append(sentence)
    return messages


def validate_service(record: dict) -> list[str]:
    try:
        v1.Service.model_validate(record)
    except pydantic.ValidationError as exc:
        return french_errors(exc)
    return []


def validate_structure(record: dict) -> list[str]:
    try:
        v1.Structure.model_validate(record)
    except pydantic.ValidationError as exc:
        return french_errors(exc)
    return []
