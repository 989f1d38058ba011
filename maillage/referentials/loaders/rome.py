"""ROME 4.0 loader: the official France Travail ``unix_*_v<version>_utf8.csv`` export.

The bundled copy is gzip-compressed (``.csv.gz``); a directory holding a newer official export
(plain ``.csv``) can replace it unchanged. Files read:

- ``grand_domaine``, ``domaine_professionnel``: the two upper levels of the tree;
- ``referentiel_code_rome``: fiches (label, OGR, v3 parent, flags), ``referentiel_code_rome_riasec``;
- ``texte``: definition and access texts, one sentence per row, assembled by position;
- ``referentiel_appellation``: appellations (``classification`` PRINCIPALE / SYNONYME, ``peu_usite``);
- ``item`` (labels and rubrique), ``referentiel_competence``, ``referentiel_savoir``,
  ``referentiel_contexte_travail``: skills;
- ``coherence_item`` (core / emerging) and ``liens_rome_referentiels`` (blocs 5 and 6): fiche ↔ skill;
- ``arborescence_secteur_naf``: fiche → NAF division;
- ``rubrique_mobilite`` (only when present): official mobility links.
"""

import re
from collections import defaultdict
from pathlib import Path

from django.db import transaction

from maillage.common_text import fold
from maillage.referentials.models import (
    Appellation,
    DomaineProfessionnel,
    FicheNafDivision,
    FicheSkill,
    GrandDomaine,
    MobilityLink,
    ReferentialLoad,
    RomeFiche,
    Skill,
    SkillKind,
)

from .base import (
    LoadResult,
    Progress,
    find_rome_file,
    fingerprint,
    flag,
    no_progress,
    read_csv,
    sync_by_pk,
    sync_links,
    unquote,
)

NAME = "rome"
STEP_COUNT = 7
OPTIONAL_FILES = [
    "referentiel_code_rome_riasec",
    "texte",
    "item",
    "referentiel_competence",
    "referentiel_savoir",
    "referentiel_contexte_travail",
    "coherence_item",
    "liens_rome_referentiels",
    "arborescence_secteur_naf",
    "rubrique_mobilite",
]
REQUIRED_FILES = ["grand_domaine", "domaine_professionnel", "referentiel_code_rome", "referentiel_appellation"]

# Columns a file must have (others are read when present).
REQUIRED_COLUMNS = {
    "grand_domaine": ["code_grand_domaine", "libelle_grand_domaine"],
    "domaine_professionnel": ["code_domaine_professionnel", "libelle_domaine_professionnel"],
    "referentiel_code_rome": ["code_rome", "code_ogr", "libelle_rome"],
    "referentiel_code_rome_riasec": ["code_rome"],
    "texte": ["code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"],
    "referentiel_appellation": ["code_ogr", "libelle_appellation_long", "libelle_appellation_court", "code_rome"],
    "item": ["code_ogr", "libelle", "code_rubrique"],
    "referentiel_competence": ["code_ogr", "nature", "libelle_competence", "cat_comp", "sous_cat_comp"],
    "referentiel_savoir": ["code_ogr_savoir", "libelle_savoir", "categorie_savoir", "sous_categorie_savoir"],
    "referentiel_contexte_travail": ["code_ogr", "libelle_cont_travail", "libelle_type_cont_trav"],
    "coherence_item": ["code_rome", "code_ogr", "coeur_metier"],
    "liens_rome_referentiels": ["code_rome", "code_compo_bloc", "code_ogr"],
    "arborescence_secteur_naf": ["code_secteur_naf", "libelle_secteur_naf", "code_rome"],
    "rubrique_mobilite": ["code_rome", "code_rome_cible"],
}
IMPORTANCE = {"principale": FicheSkill.Importance.CORE, "emergente": FicheSkill.Importance.EMERGING}
RUBRIQUE_KIND = {"1": SkillKind.SAVOIR_FAIRE, "2": SkillKind.SAVOIR_ETRE, "3": SkillKind.SAVOIR}
SKILL_FIELDS = ["label", "kind", "nature", "category", "subcategory", "definition", "macro_code", "search_label"]


class RomeFiles:
    """The files of one ROME export directory, by short name (``None`` when an optional one is absent)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.paths = {name: find_rome_file(directory, name) for name in REQUIRED_FILES}
        self.paths |= {name: find_rome_file(directory, name, required=False) for name in OPTIONAL_FILES}

    def rows(self, name: str):
        path = self.paths.get(name)
        if path is None:
            return iter(())
        return read_csv(path, required_columns=REQUIRED_COLUMNS.get(name, []))

    def has(self, name: str) -> bool:
        return self.paths.get(name) is not None

    def fingerprint(self) -> str:
        version_file = self.directory / "version.txt"
        return fingerprint([*self.paths.values(), version_file if version_file.exists() else None])

    def version(self) -> str:
        return rome_version(self.directory, self.paths["referentiel_code_rome"])


def rome_version(directory: Path, sample: Path) -> str:
    """ "ROME 4.0 v60 (18/09/2025)" from ``version.txt``, else from the file names (``v460``)."""
    number, published = "", ""
    version_file = directory / "version.txt"
    if version_file.exists():
        text = version_file.read_text(encoding="utf-8", errors="replace")
        if match := re.search(r"Num[ée]ro de version\s*:\s*(\d+)", text):
            number = match.group(1)
        if match := re.search(r"Date de publication\s*:\s*([\d/]+)", text):
            published = match.group(1)
    if not number and (match := re.search(r"_v(\d+)_utf8", sample.name)):
        digits = match.group(1)
        number = digits[1:] if len(digits) == 3 and digits.startswith("4") else digits
    version = f"ROME 4.0 v{number}" if number else "ROME 4.0"
    return f"{version} ({published})" if published else version


# --- building rows from the files ------------------------------------------------------------


def build_domains(files: RomeFiles) -> tuple[dict, dict]:
    grands = {r["code_grand_domaine"]: {"label": r["libelle_grand_domaine"]} for r in files.rows("grand_domaine")}
    domaines = {
        r["code_domaine_professionnel"]: {
            "label": r["libelle_domaine_professionnel"],
            "grand_domaine_id": r["code_domaine_professionnel"][:1],
        }
        for r in files.rows("domaine_professionnel")
        if r["code_domaine_professionnel"][:1] in grands
    }
    return grands, domaines


def build_texts(files: RomeFiles) -> dict[tuple[str, str], str]:
    """(code_rome, "definition" | "acces_metier") → sentences joined by new lines, in position order."""
    sentences: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for row in files.rows("texte"):
        position = int(row["position_phrase"]) if row["position_phrase"].isdigit() else 0
        sentences[(row["code_rome"], row["libelle_type_texte"])].append((position, unquote(row["libelle_texte"])))
    return {key: "\n".join(text for _pos, text in sorted(parts) if text) for key, parts in sentences.items()}


def build_fiches(files: RomeFiles, domaines: dict) -> dict[str, dict]:
    riasec = {r["code_rome"]: r for r in files.rows("referentiel_code_rome_riasec")}
    texts = build_texts(files)
    fiches = {}
    for row in files.rows("referentiel_code_rome"):
        code = row["code_rome"]
        label = row["libelle_rome"]
        fiches[code] = {
            "ogr": row["code_ogr"],
            "label": label,
            "search_label": fold(label)[:255],
            "domaine_id": code[:3] if code[:3] in domaines else None,
            "code_rome_parent": row.get("code_rome_parent", ""),
            "definition": texts.get((code, "definition"), ""),
            "access": texts.get((code, "acces_metier"), ""),
            "transition_eco": row.get("transition_eco", "")[:80],
            "transition_num": flag(row.get("transition_num", "")),
            "transition_demo": flag(row.get("transition_demo", "")),
            "emploi_reglemente": flag(row.get("emploi_reglemente", "")),
            "emploi_cadre": flag(row.get("emploi_cadre", "")),
            "riasec_major": riasec.get(code, {}).get("riasec_majeur", "")[:1],
            "riasec_minor": riasec.get(code, {}).get("riasec_mineur", "")[:1],
        }
    return fiches


def build_appellations(files: RomeFiles, fiches: dict) -> dict[str, dict]:
    appellations = {}
    for row in files.rows("referentiel_appellation"):
        if row["code_rome"] not in fiches:
            continue
        label = row["libelle_appellation_long"] or row["libelle_appellation_court"]
        appellations[row["code_ogr"]] = {
            "label": label,
            "short_label": row["libelle_appellation_court"],
            "search_label": fold(label)[:255],
            "fiche_id": row["code_rome"],
            "is_main": row.get("classification", "").upper() == "PRINCIPALE",
            "rarely_used": flag(row.get("peu_usite", "")),
            "emploi_reglemente": flag(row.get("emploi_reglemente", "")),
            "emploi_cadre": flag(row.get("emploi_cadre", "")),
        }
    return appellations


def _skill(label: str, kind: str, nature: str = "", category: str = "", subcategory: str = "", **extra) -> dict:
    return {
        "label": label[:400],
        "kind": kind,
        "nature": nature[:40],
        "category": category[:120],
        "subcategory": subcategory[:120],
        "definition": extra.get("definition", ""),
        "macro_code": extra.get("macro_code", "")[:12],
        "search_label": fold(label)[:400],
    }


def build_skills(files: RomeFiles) -> dict[str, dict]:
    """Compétences, savoirs and contexts; ``unix_item`` gives the labels (and kinds) as a fallback."""
    item_labels = {}
    skills: dict[str, dict] = {}
    for row in files.rows("item"):
        item_labels[row["code_ogr"]] = row["libelle"]
        kind = RUBRIQUE_KIND.get(row["code_rubrique"], SkillKind.CONTEXTE)
        skills[row["code_ogr"]] = _skill(row["libelle"], kind)
    for row in files.rows("referentiel_competence"):
        code = row["code_ogr"]
        kind = SkillKind.SAVOIR_ETRE if "tre" in fold(row["cat_comp"]) else SkillKind.SAVOIR_FAIRE
        label = row["libelle_competence"] or item_labels.get(code, "")
        skills[code] = _skill(
            label,
            kind,
            nature=row["nature"],
            category=row["sous_cat_comp"],
            definition=unquote(row.get("definition", "")),
            macro_code=row.get("code_ogr_macro_comp", ""),
        )
    for row in files.rows("referentiel_savoir"):
        code = row["code_ogr_savoir"]
        label = row["libelle_savoir"] or item_labels.get(code, "")
        skills[code] = _skill(
            label,
            SkillKind.SAVOIR,
            nature="Savoir",
            category=row["categorie_savoir"],
            subcategory=row["sous_categorie_savoir"],
        )
    for row in files.rows("referentiel_contexte_travail"):
        code = row["code_ogr"]
        label = row["libelle_cont_travail"] or item_labels.get(code, "")
        category = row["libelle_type_cont_trav"]
        skills[code] = _skill(label, SkillKind.CONTEXTE, nature="Contexte de travail", category=category)
    return {code: values for code, values in skills.items() if values["label"]}


def build_fiche_skills(files: RomeFiles, fiches: dict, skills: dict) -> dict[tuple, dict]:
    """(fiche, skill) → importance: ``coherence_item`` first, then blocs 5/6 of ``liens_rome_referentiels``."""
    links: dict[tuple, dict] = {}
    for row in files.rows("coherence_item"):
        key = (row["code_rome"], row["code_ogr"])
        if key[0] in fiches and key[1] in skills:
            links[key] = {"importance": IMPORTANCE.get(fold(row["coeur_metier"]), FicheSkill.Importance.OTHER)}
    for row in files.rows("liens_rome_referentiels"):
        if row["code_compo_bloc"] not in {"5", "6"}:
            continue
        key = (row["code_rome"], row["code_ogr"])
        if key not in links and key[0] in fiches and key[1] in skills:
            links[key] = {"importance": FicheSkill.Importance.OTHER}
    return links


def build_naf_divisions(files: RomeFiles, fiches: dict) -> dict[tuple, dict]:
    links = {}
    for row in files.rows("arborescence_secteur_naf"):
        if row["code_rome"] in fiches and row["code_secteur_naf"].isdigit():
            division = row["code_secteur_naf"].zfill(2)
            links[(row["code_rome"], division)] = {"label": row["libelle_secteur_naf"][:255]}
    return links


def build_mobility(files: RomeFiles, fiches: dict) -> dict[tuple, dict]:
    links = {}
    for row in files.rows("rubrique_mobilite"):
        source, target = row.get("code_rome", ""), row.get("code_rome_cible", "")
        if source in fiches and target in fiches and source != target:
            order = row.get("numero_ordre", "")
            links[(source, target)] = {"order": int(order) if order.isdigit() else 0}
    return links


# --- the load --------------------------------------------------------------------------------


def load_rome(directory: Path, force: bool = False, progress: Progress = no_progress) -> LoadResult:
    """Load (or update) ROME 4.0 from ``directory``; skipped when the same files are already loaded."""
    files = RomeFiles(directory)
    result = LoadResult(NAME, version=files.version())
    current_fingerprint = files.fingerprint()
    previous = ReferentialLoad.objects.filter(name=NAME).first()
    if previous and previous.fingerprint == current_fingerprint and not force:
        result.skipped = True
        return result
    with transaction.atomic():
        progress("ROME : domaines")
        grands, domaines = build_domains(files)
        result.stats["grands_domaines"] = sync_by_pk(GrandDomaine, grands, ["label"])
        result.stats["domaines"] = sync_by_pk(DomaineProfessionnel, domaines, ["label", "grand_domaine_id"])
        progress("ROME : fiches métier")
        fiches = build_fiches(files, domaines)
        result.stats["fiches"] = sync_by_pk(RomeFiche, fiches, list(next(iter(fiches.values()), {}).keys()))
        progress("ROME : appellations")
        appellations = build_appellations(files, fiches)
        fields = list(next(iter(appellations.values()), {}).keys())
        result.stats["appellations"] = sync_by_pk(Appellation, appellations, fields)
        progress("ROME : compétences, savoirs, contextes")
        skills = build_skills(files)
        result.stats["skills"] = sync_by_pk(Skill, skills, SKILL_FIELDS)
        progress("ROME : compétences des fiches")
        fiche_skills = build_fiche_skills(files, fiches, skills)
        result.stats["fiche_skills"] = sync_links(FicheSkill, ["fiche_id", "skill_id"], fiche_skills)
        progress("ROME : secteurs NAF des fiches")
        naf = build_naf_divisions(files, fiches)
        result.stats["naf_divisions"] = sync_links(FicheNafDivision, ["fiche_id", "division"], naf)
        progress("ROME : mobilités")
        if files.has("rubrique_mobilite"):
            mobility = build_mobility(files, fiches)
            result.stats["mobility_links"] = sync_links(MobilityLink, ["source_id", "target_id"], mobility)
        ReferentialLoad.objects.update_or_create(
            name=NAME,
            defaults={
                "version": result.version,
                "source": str(directory),
                "counts": current_counts(),
                "fingerprint": current_fingerprint,
            },
        )
    return result


def current_counts() -> dict[str, int]:
    return {
        "grands_domaines": GrandDomaine.objects.count(),
        "domaines": DomaineProfessionnel.objects.count(),
        "fiches": RomeFiche.objects.count(),
        "appellations": Appellation.objects.count(),
        "skills": Skill.objects.count(),
        "fiche_skills": FicheSkill.objects.count(),
        "naf_divisions": FicheNafDivision.objects.count(),
        "mobility_links": MobilityLink.objects.count(),
    }
