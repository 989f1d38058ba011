"""NAF rév. 2, CPV 2008 and FAP 225 (with its ROME v3 links) loaders."""

import json
import re
from pathlib import Path

from django.db import transaction

from maillage.common_text import fold
from maillage.referentials.models import CpvCode, Fap, FapRome, NafCode, ReferentialLoad

from .base import (
    LoadResult,
    Progress,
    ReferentialFileError,
    fingerprint,
    no_progress,
    open_text,
    read_csv,
    sync_by_pk,
    sync_links,
)

# NAF rév. 2 sections (INSEE) and their divisions: the bundled file may omit this level.
NAF_SECTIONS = [
    ("A", "Agriculture, sylviculture et pêche", 1, 3),
    ("B", "Industries extractives", 5, 9),
    ("C", "Industrie manufacturière", 10, 33),
    ("D", "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné", 35, 35),
    ("E", "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution", 36, 39),
    ("F", "Construction", 41, 43),
    ("G", "Commerce ; réparation d'automobiles et de motocycles", 45, 47),
    ("H", "Transports et entreposage", 49, 53),
    ("I", "Hébergement et restauration", 55, 56),
    ("J", "Information et communication", 58, 63),
    ("K", "Activités financières et d'assurance", 64, 66),
    ("L", "Activités immobilières", 68, 68),
    ("M", "Activités spécialisées, scientifiques et techniques", 69, 75),
    ("N", "Activités de services administratifs et de soutien", 77, 82),
    ("O", "Administration publique", 84, 84),
    ("P", "Enseignement", 85, 85),
    ("Q", "Santé humaine et action sociale", 86, 88),
    ("R", "Arts, spectacles et activités récréatives", 90, 93),
    ("S", "Autres activités de services", 94, 96),
    (
        "T",
        "Activités des ménages en tant qu'employeurs ; activités indifférenciées des ménages en tant que "
        "producteurs de biens et services pour usage propre",
        97,
        98,
    ),
    ("U", "Activités extra-territoriales", 99, 99),
]

NAF_LEVELS = [
    (re.compile(r"^[A-U]$"), NafCode.Level.SECTION),
    (re.compile(r"^\d{2}$"), NafCode.Level.DIVISION),
    (re.compile(r"^\d{2}\.\d$"), NafCode.Level.GROUPE),
    (re.compile(r"^\d{2}\.\d{2}$"), NafCode.Level.CLASSE),
    (re.compile(r"^\d{2}\.\d{2}[A-Z]$"), NafCode.Level.SOUS_CLASSE),
]


def naf_section_of(division: str) -> str | None:
    number = int(division)
    for letter, _label, first, last in NAF_SECTIONS:
        if first <= number <= last:
            return letter
    return None


def naf_level(code: str) -> str | None:
    """The level of a NAF code, from its shape: "A", "01", "01.1", "01.11", "01.11Z"."""
    for pattern, level in NAF_LEVELS:
        if pattern.match(code):
            return level
    return None


def naf_parent(code: str, level: str) -> str | None:
    if level == NafCode.Level.SECTION:
        return None
    if level == NafCode.Level.DIVISION:
        return naf_section_of(code)
    return code[:-1].rstrip(".")


def build_naf(path: Path) -> dict[str, dict]:
    try:
        with open_text(path) as handle:
            entries = json.load(handle)
    except (ValueError, UnicodeDecodeError) as error:
        raise ReferentialFileError(f"{path.name} : JSON illisible ({error})") from error
    if not isinstance(entries, list):
        raise ReferentialFileError(f"{path.name} : une liste d'objets {{id, label}} est attendue")
    rows: dict[str, dict] = {}
    for letter, label, _first, _last in NAF_SECTIONS:
        rows[letter] = {"label": label, "level": NafCode.Level.SECTION, "parent_id": None}
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        code = str(entry.get("id", "")).strip().upper()
        level = naf_level(code)
        if level is None:
            continue
        rows[code] = {"label": str(entry.get("label", "")).strip()[:255], "level": level, "parent_id": None}
        rows[code]["parent_id"] = naf_parent(code, level)
    for values in rows.values():
        if values["parent_id"] not in rows:
            values["parent_id"] = None
        values["search_label"] = fold(values["label"])[:255]
    return rows


def load_naf(path: Path, force: bool = False, progress: Progress = no_progress) -> LoadResult:
    return _load_simple("naf", "NAF rév. 2 (INSEE)", path, force, progress, lambda: {"naf": _sync_naf(build_naf(path))})


def _sync_naf(rows: dict[str, dict]):
    # Parents first, so that a parent row always exists when its children are inserted.
    order = ["section", "division", "groupe", "classe", "sous_classe"]
    ordered = dict(sorted(rows.items(), key=lambda item: (order.index(item[1]["level"]), item[0])))
    return sync_by_pk(NafCode, ordered, ["label", "level", "parent_id", "search_label"])


def build_cpv(path: Path) -> dict[str, dict]:
    rows = {}
    for row in read_csv(path, required_columns=["CODE", "FR"]):
        raw = row["CODE"]
        code, _sep, check = raw.partition("-")
        if not (len(code) == 8 and code.isdigit()):
            continue
        label = row.get("FR", "")[:400]
        rows[code] = {"check_digit": check[:1], "label": label, "division": code[:2], "search_label": fold(label)[:400]}
    return rows


def load_cpv(path: Path, force: bool = False, progress: Progress = no_progress) -> LoadResult:
    def sync():
        return {"cpv": sync_by_pk(CpvCode, build_cpv(path), ["check_digit", "label", "division", "search_label"])}

    return _load_simple("cpv", "CPV 2008 (révision 2013)", path, force, progress, sync)


def build_fap(links_path: Path, labels_path: Path | None) -> tuple[dict[str, dict], dict[tuple, dict]]:
    labels = {}
    if labels_path is not None:
        rows = read_csv(labels_path, required_columns=["fap_code", "fap"])
        labels = {r["fap_code"]: r["fap"] for r in rows if r["fap_code"]}
    faps: dict[str, dict] = {}
    links: dict[tuple, dict] = {}
    for row in read_csv(links_path, delimiter=";", required_columns=["Fap", "Rome"]):
        code, rome = row["Fap"], row["Rome"]
        if len(code) != 5 or code == "NA":
            continue
        faps[code] = {"label": labels.get(code, "")[:255]}
        if len(rome) == 5 and rome != "NA":
            links[(code, rome)] = {}
    return faps, links


def load_fap(links_path: Path, labels_path: Path | None, force=False, progress: Progress = no_progress):
    def sync():
        faps, links = build_fap(links_path, labels_path)
        return {"fap": sync_by_pk(Fap, faps, ["label"]), "fap_rome": sync_links(FapRome, ["fap_id", "rome_v3"], links)}

    paths = [links_path, labels_path]
    return _load_simple("fap", "FAP 2009 (225) ↔ ROME v3 (DARES)", paths, force, progress, sync)


def _load_simple(name, version, paths, force, progress, sync) -> LoadResult:
    """Skip when the same files are loaded, else run ``sync`` in a transaction and record the load."""
    paths = [p for p in (paths if isinstance(paths, list) else [paths]) if p is not None]
    for path in paths:
        if not path.exists():
            raise ReferentialFileError(f"Fichier introuvable : {path}")
    result = LoadResult(name, version=version)
    current = fingerprint(paths)
    previous = ReferentialLoad.objects.filter(name=name).first()
    if previous and previous.fingerprint == current and not force:
        result.skipped = True
        return result
    progress(f"{version}")
    with transaction.atomic():
        result.stats = sync()
        ReferentialLoad.objects.update_or_create(
            name=name,
            defaults={
                "version": version,
                "source": ", ".join(p.name for p in paths),
                "counts": result.counts,
                "fingerprint": current,
            },
        )
    return result
