"""Importers of the bundled files of ``data/reference/observatory`` (see its PROVENANCE.md).

Each ``parse_*`` yields figure rows and records a French error per unreadable line in the report.
Roll-ups to the département, the région and France are computed here, once, from the finest
cells, and flagged ``is_lower_bound`` when a withheld (``*``) cell was left out: never a silent sum.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import transaction

from maillage.common_files import open_text

from .. import figures_cache
from ..models import DimensionKind, Level, Zone, ZoneCommune
from .store import DatasetSpec, ImportReport, Row, fingerprint_of, sync_dataset

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
DARES_FACTORS = {
    "Intensité d'embauches": "dares_hiring_intensity",
    "Lien formation-emploi": "dares_training_link",
    "Manque de main-d'œuvre disponible": "dares_labour_shortage",
    "Non-durabilité de l'emploi": "dares_non_durable",
    "Conditions de travail contraignantes": "dares_working_conditions",
    "Inadéquation géographique": "dares_geographic_mismatch",
}


def data_dir() -> Path:
    return Path(settings.REFERENCE_DATA_DIR) / "observatory"


def _number(text: str) -> float | None:
    text = (text or "").strip().replace("\u202f", "").replace(" ", "").replace(",", ".")
    if not text:
        return None
    return float(text)


def _rollup(cells: dict[tuple, list], rows: list[Row]) -> None:
    """Append one row per rolled-up key: the sum of known cells, a lower bound if one was withheld."""
    for (level, code, period, indicator, dim_kind, dim_code, unit), values in cells.items():
        known = [v for v in values if v is not None]
        rows.append(
            (
                level,
                code,
                period,
                indicator,
                dim_kind,
                dim_code,
                float(sum(known)) if known else None,
                unit,
                not known,
                len(known) < len(values),
            )
        )


# --- BMO 2024 --------------------------------------------------------------------------------------

BMO = DatasetSpec(
    key="bmo-2024",
    label="Besoins en main-d'œuvre 2024 (projets de recrutement par bassin × métier FAP 2021)",
    source="France Travail, enquête BMO 2024",
    vintage="2024",
    url="https://www.data.gouv.fr/fr/datasets/enquete-besoins-en-main-doeuvre-bmo/",
    method=(
        "Projets de recrutement, dont difficiles et saisonniers, par bassin BMO 2024 et métier BMO "
        "(codes FAP 2021). « * » = secret statistique : la cellule est masquée à la source. Les totaux "
        "département, région et France sont la somme des bassins ; quand une cellule secrète manque, "
        "le total est un minorant et l'écran le dit."
    ),
    file_name="bmo_2024_bassin_metier.csv.gz",
)
BMO_INDICATORS = (("met", "bmo_projects"), ("xmet", "bmo_difficult"), ("smet", "bmo_seasonal"))


def parse_bmo(path: Path, report: ImportReport, zones: dict | None = None) -> Iterator[Row]:
    rows: list[Row] = []
    cells: dict[tuple, list] = defaultdict(list)
    with open_text(path) as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            fap = (record.get("Code métier BMO") or "").strip()
            bassin = (record.get("BE24") or "").strip()
            dep = (record.get("Dept") or "").strip().zfill(2)
            reg = (record.get("REG") or "").strip()
            if not fap or not bassin:
                report.error(line, "code métier ou code bassin manquant")
                continue
            if zones is not None:
                zones[bassin] = (record.get("NOMBE24") or "").strip()
            for column, indicator in BMO_INDICATORS:
                raw = (record.get(column) or "").strip()
                secret = raw == "*"
                try:
                    value = None if secret else _number(raw)
                except ValueError:
                    report.error(line, f"colonne {column} : « {raw} » n'est pas un nombre")
                    continue
                rows.append(
                    (Level.BASSIN, bassin, "2024", indicator, DimensionKind.FAP, fap, value, "projets", secret, False)
                )
                for level, code in ((Level.DEPARTEMENT, dep), (Level.REGION, reg), (Level.FRANCE, "FR")):
                    cells[(level, code, "2024", indicator, DimensionKind.FAP, fap, "projets")].append(value)
                    cells[(level, code, "2024", indicator, "", "", "projets")].append(value)
                cells[(Level.BASSIN, bassin, "2024", indicator, "", "", "projets")].append(value)
    _rollup(cells, rows)
    yield from rows


# --- Job seekers (STMT) ----------------------------------------------------------------------------

DEFM = DatasetSpec(
    key="stmt-defm",
    label="Demandeurs d'emploi inscrits en fin de mois, janvier 2020 à décembre 2024",
    source="France Travail / DARES, STMT (mise en forme Data For Good)",
    vintage="2020-2024",
    url="https://statistiques.francetravail.org/stmt/defmexp",
    method=(
        "Demandeurs d'emploi inscrits en fin de mois, catégories A, B, C (probable : la catégorie "
        "n'est pas libellée dans le fichier), données brutes arrondies à la dizaine. Communes de "
        "5 000 habitants et plus, départements, régions. France = somme des régions."
    ),
    file_name="ft_defm_mensuel_commune_dep_reg_2020_2025.csv.gz",
)


def parse_defm(path: Path, report: ImportReport) -> Iterator[Row]:
    france: dict[str, list] = defaultdict(list)
    with open_text(path) as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            codgeo = (record.get("codgeo") or "").strip()
            month_text, _, year = (record.get("YEAR") or "").partition("_")
            month = MONTHS.get(month_text)
            if not codgeo or month is None or not year.isdigit():
                report.error(line, f"territoire ou mois illisible (« {codgeo} », « {record.get('YEAR')} »)")
                continue
            try:
                value = _number(record.get("Demandeurs_Emploi") or "")
            except ValueError:
                report.error(line, "nombre de demandeurs d'emploi illisible")
                continue
            if codgeo.startswith("reg"):
                level, code = Level.REGION, codgeo[3:]
            elif len(codgeo) == 5:
                level, code = Level.COMMUNE, codgeo
            else:
                level, code = Level.DEPARTEMENT, codgeo
            period = f"{year}-{month:02d}"
            if level == Level.REGION:
                france[period].append(value)
            yield (level, code, period, "job_seekers", DimensionKind.CATEGORY, "ABC", value, "personnes", False, False)
    for period, values in france.items():
        known = [v for v in values if v is not None]
        yield (
            Level.FRANCE,
            "FR",
            period,
            "job_seekers",
            DimensionKind.CATEGORY,
            "ABC",
            float(sum(known)),
            "personnes",
            False,
            len(known) < len(values),
        )


# --- Offers, job seekers and tension by bassin × ROME v3 (2020) -----------------------------------

TENSION_2020 = DatasetSpec(
    key="ft-tension-2020",
    label="Offres, demandeurs d'emploi et tension par bassin BMO × ROME v3 (2020)",
    source="Pôle emploi / DARES, indicateurs de tension (service Mobiville)",
    vintage="2020",
    url="https://github.com/France-Travail/mobiville",
    method=(
        "Offres d'emploi enregistrées, demandeurs d'emploi A, B, C et classe de tension (1 à 5) par "
        "bassin BMO 2019 et code ROME v3. Sélection de couples, pas exhaustive ; période exacte des "
        "offres et des demandeurs non documentée."
    ),
    file_name="ft_tension_bassin_rome_2020.csv.gz",
)


def parse_tension_2020(path: Path, report: ImportReport) -> Iterator[Row]:
    with open_text(path) as handle:
        for line, record in enumerate(csv.DictReader(handle, delimiter=";"), start=2):
            rome = (record.get("ROME") or "").strip()
            bassin = (record.get("cbassin") or "").strip()
            if not rome or not bassin:
                report.error(line, "code ROME ou bassin manquant")
                continue
            try:
                offers = _number(record.get("oee") or "")
                seekers = _number(record.get("defm_abc") or "")
                tension = _number(record.get("ind_tension_d") or "")
            except ValueError:
                report.error(line, "valeur non numérique")
                continue
            period = (record.get("annee") or "2020").strip()
            base = (Level.BASSIN_2019, bassin, period)
            yield (*base, "offers", DimensionKind.ROME, rome, offers, "offres", False, False)
            yield (*base, "job_seekers_abc", DimensionKind.ROME, rome, seekers, "personnes", False, False)
            yield (*base, "tension_class", DimensionKind.ROME, rome, tension, "classe 1-5", False, False)


# --- DARES tension 2019 by département × FAP ------------------------------------------------------

DARES = DatasetSpec(
    key="dares-tension-2019",
    label="Indicateur de tension DARES 2019 et ses six facteurs, par territoire × FAP 2009",
    source="DARES / France Travail, les tensions sur le marché du travail",
    vintage="2019",
    url="https://dares.travail-emploi.gouv.fr/",
    method=(
        "Indicateur de tension (écart à la moyenne), sa classe (1 à 5) et six facteurs explicatifs "
        "notés de 1 à 5 : intensité d'embauches, lien formation-emploi, manque de main-d'œuvre "
        "disponible, non-durabilité de l'emploi, conditions de travail contraignantes, "
        "inadéquation géographique. France, régions et départements × FAP 2009 (225)."
    ),
    file_name="../labour-market/tensions.csv.gz",
)


def parse_dares(path: Path, report: ImportReport) -> Iterator[Row]:
    with open_text(path) as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            record = {k.strip(): (v or "").strip() for k, v in record.items() if k}
            if record.get("niveau_fap") != "fap 225":
                continue
            geo = record.get("niveau_geo")
            if geo == "nat":
                level, code = Level.FRANCE, "FR"
            elif geo == "reg":
                level, code = Level.REGION, record.get("reg", "")
            elif geo == "dep":
                level, code = Level.DEPARTEMENT, record.get("dep", "").zfill(2)
            else:
                report.error(line, f"niveau géographique inconnu « {geo} »")
                continue
            fap = record.get("fap", "")
            period = record.get("Année") or "2019"
            values = {"dares_tension": ("Tension", "écart"), "dares_tension_class": ("Catégorie Tension", "classe 1-5")}
            values.update({indicator: (column, "note 1-5") for column, indicator in DARES_FACTORS.items()})
            values["dares_employment"] = ("Emploi moyen", "emplois")
            for indicator, (column, unit) in values.items():
                try:
                    value = _number(record.get(column, ""))
                except ValueError:
                    report.error(line, f"colonne « {column} » : valeur non numérique")
                    continue
                yield (level, code, period, indicator, DimensionKind.FAP, fap, value, unit, value is None, False)


BUNDLED = {
    BMO.key: (BMO, parse_bmo),
    DEFM.key: (DEFM, parse_defm),
    TENSION_2020.key: (TENSION_2020, parse_tension_2020),
    DARES.key: (DARES, parse_dares),
}


def import_bundled(key: str, *, dry_run: bool = False, force: bool = False, directory: Path | None = None):
    """Import one bundled file; skipped (nothing read) when the stored fingerprint matches."""
    from ..models import Dataset

    spec, parser = BUNDLED[key]
    path = (directory or data_dir()) / spec.file_name
    report = ImportReport(key=key, dry_run=dry_run)
    fingerprint = fingerprint_of([path])
    stored = Dataset.objects.filter(key=key).values_list("fingerprint", flat=True).first()
    if stored == fingerprint and not force and not dry_run:
        report.skipped = True
        return report
    zones: dict[str, str] = {}
    rows = list(parser(path, report, zones) if parser is parse_bmo else parser(path, report))
    sync_dataset(spec, rows, report, fingerprint=fingerprint)
    if parser is parse_bmo and not dry_run:
        _upsert_zones(Level.BASSIN, zones)
    return report


# --- Zonings ---------------------------------------------------------------------------------------

ZONINGS = (
    # level, file, delimiter, commune column, zone code column, zone name column
    (Level.BASSIN, "commune_bassin_bmo_2024.csv.gz", "code_commune_insee", "code_bassin_BMO", "lib_bassin_BMO"),
    (Level.BASSIN_2019, "ft_lexique_commune_bassin_bmo_2019.csv.gz", "CODE_COMMUNE_INSEE", "BE19", "NOMBE19"),
    (Level.ZONE_EMPLOI, "insee_zone_emploi_commune.csv.gz", "codgeo", "ze2020", "libze2020"),
    (Level.CLPE, "ft_commune_clpe.csv.gz", "commune_id", "territoire_id", "territoire_libelle"),
)


def _upsert_zones(level: str, names: dict[str, str]) -> dict[str, int]:
    existing = {z.code: z for z in Zone.objects.filter(level=level)}
    created = [Zone(level=level, code=c, name=n[:120]) for c, n in names.items() if c not in existing]
    Zone.objects.bulk_create(created)
    changed = []
    for code, name in names.items():
        zone = existing.get(code)
        if zone and name and zone.name != name[:120]:
            zone.name = name[:120]
            changed.append(zone)
    Zone.objects.bulk_update(changed, ["name"])
    return {z.code: z.pk for z in Zone.objects.filter(level=level)}


def import_zonings(*, dry_run: bool = False, directory: Path | None = None) -> dict[str, int]:
    """Commune → bassin BMO 2024 / 2019, zone d'emploi 2020, CLPE. Idempotent; returns counts."""
    counts: dict[str, int] = {}
    directory = directory or data_dir()
    for level, file_name, commune_col, code_col, name_col in ZONINGS:
        names: dict[str, str] = {}
        links: set[tuple[str, str]] = set()
        with open_text(directory / file_name) as handle:
            for record in csv.DictReader(handle):
                commune = (record.get(commune_col) or "").strip().zfill(5)
                code = (record.get(code_col) or "").strip()
                if not commune.strip("0") or not code:
                    continue
                if level == Level.ZONE_EMPLOI:
                    code = code.zfill(4)
                names[code] = (record.get(name_col) or "").strip()
                links.add((code, commune))
        counts[level] = len(links)
        if dry_run:
            continue
        with transaction.atomic():
            ids = _upsert_zones(level, names)
            stored = set(ZoneCommune.objects.filter(zone__level=level).values_list("zone__code", "commune_code"))
            ZoneCommune.objects.bulk_create(
                [ZoneCommune(zone_id=ids[c], commune_code=m) for c, m in links - stored], batch_size=5000
            )
            for code, commune in stored - links:
                ZoneCommune.objects.filter(zone_id=ids.get(code), commune_code=commune).delete()
            figures_cache.bump()
    return counts
