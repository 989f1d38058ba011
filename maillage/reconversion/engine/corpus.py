"""The ROME corpus the engine works on: fiches with their skills, texts and codes.

Built either from the official export files (``from_directory``) or from any other source that
fills the same dataclasses (the product builds it from the database referential).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .files import find_files, read_rows

CORE = "core"
EMERGING = "emerging"
OTHER = ""
IMPORTANCE = {"Principale": CORE, "Émergente": EMERGING, "Emergente": EMERGING}

SAVOIR_FAIRE = "savoir_faire"
SAVOIR_ETRE = "savoir_etre"
SAVOIR = "savoir"
CONTEXTE = "contexte"
RUBRIQUE_KIND = {"1": SAVOIR_FAIRE, "2": SAVOIR_ETRE, "3": SAVOIR}


@dataclass
class Item:
    """A skill item (compétence, savoir-être, savoir or context of work)."""

    code: str
    label: str
    kind: str = SAVOIR_FAIRE
    category: str = ""
    subcategory: str = ""
    macro_code: str = ""


@dataclass
class Fiche:
    code: str
    label: str
    parent: str = ""
    domain: str = ""
    definition: str = ""
    access: str = ""
    riasec_major: str = ""
    riasec_minor: str = ""
    cadre: bool = False
    regulated: bool = False
    items: dict[str, str] = field(default_factory=dict)  # item code -> importance
    appellations: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)  # NAF sectors, activity sectors, themes, interests


@dataclass
class RomeCorpus:
    fiches: dict[str, Fiche]
    items: dict[str, Item]
    macro_labels: dict[str, str] = field(default_factory=dict)
    macro_riasec: dict[str, str] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return sorted(self.fiches)


def from_directory(directory: Path | str) -> RomeCorpus:
    """Read an official ROME 4.0 export directory (allow-listed files only, never mobility data)."""
    files = find_files(directory)
    fiches = _read_fiches(files)
    items, macro_labels = _read_items(files)
    _read_coherence(files, fiches, items)
    _read_texts(files, fiches)
    _read_appellations(files, fiches)
    _read_riasec(files, fiches)
    _read_tags(files, fiches)
    macro_riasec = {}
    if "macro_riasec" in files:
        for row in read_rows(files["macro_riasec"]):
            macro_riasec[row["code_ogr"]] = row["riasec_majeur"] + row["riasec_mineur"]
    return RomeCorpus(fiches=fiches, items=items, macro_labels=macro_labels, macro_riasec=macro_riasec)


def _read_fiches(files) -> dict[str, Fiche]:
    fiches = {}
    for row in read_rows(files["fiches"]):
        code = row["code_rome"].strip()
        fiches[code] = Fiche(
            code=code,
            label=row["libelle_rome"].strip(),
            parent=row.get("code_rome_parent", "").strip(),
            cadre=row.get("emploi_cadre") == "O",
            regulated=row.get("emploi_reglemente") == "O",
        )
    if "domains" in files:
        for row in read_rows(files["domains"]):
            fiche = fiches.get(row["code_rome"])
            if fiche:
                fiche.domain = row.get("code_domaine_professionel") or row.get("code_domaine_professionnel", "")
    for fiche in fiches.values():
        fiche.domain = fiche.domain or fiche.code[:3]
    return fiches


def _read_items(files) -> tuple[dict[str, Item], dict[str, str]]:
    items: dict[str, Item] = {}
    for row in read_rows(files["items"]):
        kind = RUBRIQUE_KIND.get(row.get("code_rubrique", ""), CONTEXTE)
        items[row["code_ogr"]] = Item(code=row["code_ogr"], label=row["libelle"].strip(), kind=kind)
    macro_labels = {}
    if "competences" in files:
        for row in read_rows(files["competences"]):
            if row["nature"].startswith("Macro"):
                macro_labels[row["code_ogr"]] = row["libelle_competence"].strip()
            item = items.get(row["code_ogr"])
            if item:
                item.category = row["sous_cat_comp"]
                item.macro_code = row["code_ogr_macro_comp"]
                if row["cat_comp"].startswith("Savoir-être"):
                    item.kind = SAVOIR_ETRE
    if "savoirs" in files:
        for row in read_rows(files["savoirs"]):
            item = items.get(row["code_ogr_savoir"])
            if item:
                item.kind, item.category, item.subcategory = (
                    SAVOIR,
                    row["categorie_savoir"],
                    row["sous_categorie_savoir"],
                )
    if "contexts" in files:
        for row in read_rows(files["contexts"]):
            code = row["code_ogr"]
            item = items.setdefault(code, Item(code=code, label=row["libelle_cont_travail"].strip()))
            item.kind, item.category = CONTEXTE, row["libelle_type_cont_trav"]
    return items, macro_labels


def _read_coherence(files, fiches, items) -> None:
    for row in read_rows(files["coherence"]):
        fiche = fiches.get(row["code_rome"])
        if fiche and row["code_ogr"] in items:
            fiche.items[row["code_ogr"]] = IMPORTANCE.get(row.get("coeur_metier", "").strip(), OTHER)


def _read_texts(files, fiches) -> None:
    if "texts" not in files:
        return
    parts: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for row in read_rows(files["texts"]):
        position = int(row["position_phrase"] or 0)
        parts[(row["code_rome"], row["libelle_type_texte"])].append((position, row["libelle_texte"].strip()))
    for (code, kind), sentences in parts.items():
        fiche = fiches.get(code)
        if not fiche:
            continue
        text = " ".join(sentence for _, sentence in sorted(sentences))
        if kind == "definition":
            fiche.definition = text
        else:
            fiche.access = text


def _read_appellations(files, fiches) -> None:
    if "appellations" not in files:
        return
    for row in read_rows(files["appellations"]):
        fiche = fiches.get(row["code_rome"])
        if fiche:
            fiche.appellations.append(row["libelle_appellation_long"].strip())
    for fiche in fiches.values():
        fiche.appellations.sort()


def _read_riasec(files, fiches) -> None:
    if "riasec" not in files:
        return
    for row in read_rows(files["riasec"]):
        fiche = fiches.get(row["code_rome"])
        if fiche:
            fiche.riasec_major, fiche.riasec_minor = row["riasec_majeur"], row["riasec_mineur"]


TAG_FILES = {
    "naf": ("naf", "code_secteur_naf"),
    "activity_sectors": ("sect", "code_ss_sect_activite"),
    "themes": ("theme", "code_theme"),
    "interests": ("interest", "code_centre_interet"),
}


def _read_tags(files, fiches) -> None:
    for logical, (prefix, column) in TAG_FILES.items():
        if logical not in files:
            continue
        for row in read_rows(files[logical]):
            fiche = fiches.get(row["code_rome"])
            if fiche and row.get(column):
                fiche.tags.add(f"{prefix}:{row[column]}")
                if logical == "activity_sectors":
                    fiche.tags.add(f"sectgroup:{row['code_sect_activite']}")
