"""Finding and reading the official ROME 4.0 export files (``unix_*_v*_utf8.csv``, plain or gzipped).

The transition engine reads only the files of ``ALLOWED_FILES``: skills, texts and codes. ROME's
mobility links (``unix_rubrique_mobilite*``) and any evaluation file (``mobility*``) are refused,
by name, so the engine can never learn from the links it is evaluated against.
"""

import csv
import gzip
import io
import re
from collections.abc import Iterator
from pathlib import Path

# Logical name -> official file stem (``unix_<stem>_v<version>_utf8.csv[.gz]``).
ALLOWED_FILES = {
    "fiches": "referentiel_code_rome",
    "domains": "cr_gd_dp",
    "appellations": "referentiel_appellation",
    "coherence": "coherence_item",
    "links": "liens_rome_referentiels",
    "competences": "referentiel_competence",
    "savoirs": "referentiel_savoir",
    "contexts": "referentiel_contexte_travail",
    "items": "item",
    "texts": "texte",
    "riasec": "referentiel_code_rome_riasec",
    "macro_riasec": "referentiel_macro_competence_riasec",
    "naf": "arborescence_secteur_naf",
    "activity_sectors": "arborescence_secteur_activite",
    "themes": "arborescence_thematique",
    "interests": "arborescence_centre_interet",
}
REQUIRED = ("fiches", "coherence", "items")
FORBIDDEN_PATTERN = re.compile(r"mobilit", re.IGNORECASE)
OFFICIAL_NAME = re.compile(r"^unix_(?P<stem>[a-z_]+?)_v(?P<version>\d+)_utf8\.csv(?:\.gz)?$")


class RomeFilesError(Exception):
    """The directory does not hold a usable ROME export."""


class ForbiddenFileError(RomeFilesError):
    """Something asked the engine to read mobility data."""


def check_allowed(path: Path) -> None:
    """Refuse any file that is not an allowed skills/texts/codes file (mobility data above all)."""
    name = path.name
    if FORBIDDEN_PATTERN.search(name):
        raise ForbiddenFileError(f"Le moteur de passerelles ne lit jamais de données de mobilité : {name}")
    match = OFFICIAL_NAME.match(name)
    if not match or match.group("stem") not in ALLOWED_FILES.values():
        raise ForbiddenFileError(f"Fichier hors de la liste autorisée du moteur : {name}")


def find_files(directory: Path | str) -> dict[str, Path]:
    """Map each allowed logical name to its file in ``directory`` (latest version, plain preferred).

    Only names of the allow-list are ever looked at; every other file of the directory is ignored.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise RomeFilesError(f"Dossier introuvable : {directory}")
    by_stem: dict[str, tuple[int, bool, Path]] = {}
    wanted = set(ALLOWED_FILES.values())
    for path in sorted(directory.iterdir()):
        match = OFFICIAL_NAME.match(path.name)
        if not match or match.group("stem") not in wanted or FORBIDDEN_PATTERN.search(path.name):
            continue
        key = (int(match.group("version")), not path.name.endswith(".gz"), path)
        stem = match.group("stem")
        if stem not in by_stem or key[:2] > by_stem[stem][:2]:
            by_stem[stem] = key
    found = {logical: by_stem[stem][2] for logical, stem in ALLOWED_FILES.items() if stem in by_stem}
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        stems = ", ".join(f"unix_{ALLOWED_FILES[m]}_v*_utf8.csv" for m in missing)
        raise RomeFilesError(f"Fichiers ROME manquants dans {directory} : {stems}")
    return found


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of one allowed export file as dicts (UTF-8, with or without BOM, plain or gzipped)."""
    check_allowed(path)
    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8-sig")
    yield from csv.DictReader(io.StringIO(text))
