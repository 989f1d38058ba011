"""The analyst's generic importer: a CSV or XLSX table, a column mapping, a preview, an import.

Bounded before reading (size and rows); each line is validated and refused with a French
message (which line, which column, why). The analyst chooses to import the valid lines with an
error report, or nothing when a line is wrong. The rows land in the same store as the bundled
files, under a dataset of their own, through the same diff (so re-importing is idempotent).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.utils.text import slugify

from ..models import DimensionKind, Level
from .store import DatasetSpec, ImportReport, Row, sync_dataset

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 200_000
PREVIEW_ROWS = 10
PERIOD_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
CODE_RE = re.compile(r"^[0-9A-Za-z]{1,12}$")
FIELDS = ("level", "code", "period", "indicator", "dim_kind", "dim_code", "value", "unit")
FIELD_LABELS = {
    "level": "Niveau territorial",
    "code": "Code du territoire",
    "period": "Période (AAAA ou AAAA-MM)",
    "indicator": "Indicateur",
    "dim_kind": "Dimension",
    "dim_code": "Modalité de la dimension",
    "value": "Valeur",
    "unit": "Unité",
}
REQUIRED_COLUMNS = ("code", "value")


class TableError(ValueError):
    """The file cannot be read at all (size, format, encoding)."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]

    @property
    def preview(self) -> list[list[str]]:
        return self.rows[:PREVIEW_ROWS]


def read_table(name: str, content: bytes) -> Table:
    if len(content) > MAX_BYTES:
        raise TableError(f"Le fichier dépasse {MAX_BYTES // (1024 * 1024)} Mo.")
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return _read_xlsx(content)
    if lower.endswith((".csv", ".txt")):
        return _read_csv(content)
    raise TableError("Format non pris en charge : déposez un fichier .csv ou .xlsx.")


def _read_csv(content: bytes) -> Table:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise TableError("Encodage illisible : enregistrez le fichier en UTF-8.")
    sample = text[:5000]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    headers = [h.strip() for h in next(reader, [])]
    if not any(headers):
        raise TableError("La première ligne doit contenir les noms de colonnes.")
    rows = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            raise TableError(f"Le fichier dépasse {MAX_ROWS:,} lignes.".replace(",", " "))
        rows.append([cell.strip() for cell in row])
    return Table(headers, rows)


def _read_xlsx(content: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise TableError("Classeur XLSX illisible.") from exc
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    headers = ["" if h is None else str(h).strip() for h in next(iterator, ())]
    if not any(headers):
        raise TableError("La première ligne doit contenir les noms de colonnes.")
    rows = []
    for values in iterator:
        if len(rows) >= MAX_ROWS:
            raise TableError(f"Le fichier dépasse {MAX_ROWS:,} lignes.".replace(",", " "))
        rows.append(["" if v is None else str(v).strip() for v in values])
    workbook.close()
    return Table(headers, rows)


@dataclass
class Mapping:
    """For each field: a column name (``column``) or a fixed value (``fixed``)."""

    columns: dict[str, str]
    fixed: dict[str, str]
    secret_marker: str = "*"

    def errors(self, headers: list[str]) -> list[str]:
        problems = []
        for name in REQUIRED_COLUMNS:
            if not self.columns.get(name):
                problems.append(f"Choisissez la colonne « {FIELD_LABELS[name]} ».")
        for name in ("level", "period", "indicator", "unit"):
            if not self.columns.get(name) and not self.fixed.get(name):
                problems.append(f"« {FIELD_LABELS[name]} » : choisissez une colonne ou saisissez une valeur fixe.")
        for column in self.columns.values():
            if column and column not in headers:
                problems.append(f"La colonne « {column} » n'existe pas dans le fichier.")
        return problems


def _number(text: str) -> float:
    return float(text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", "."))


def convert(table: Table, mapping: Mapping, report: ImportReport) -> list[Row]:
    index = {h: i for i, h in enumerate(table.headers)}
    levels = {value for value, _label in Level.choices}
    kinds = {value for value, _label in DimensionKind.choices}
    rows: list[Row] = []
    seen: set[tuple] = set()

    def get(row, name):
        column = mapping.columns.get(name)
        if column:
            position = index[column]
            return row[position].strip() if position < len(row) else ""
        return (mapping.fixed.get(name) or "").strip()

    for line, row in enumerate(table.rows, start=2):
        if not any(row):
            continue
        level, code, period = get(row, "level"), get(row, "code"), get(row, "period")
        indicator, dim_kind, dim_code = get(row, "indicator"), get(row, "dim_kind"), get(row, "dim_code")
        raw, unit = get(row, "value"), get(row, "unit")
        problems = []
        if level not in levels:
            problems.append(f"niveau « {level} » inconnu (attendu : {', '.join(sorted(levels))})")
        if not CODE_RE.match(code):
            problems.append(f"code de territoire « {code} » invalide (1 à 12 lettres ou chiffres)")
        if not PERIOD_RE.match(period):
            problems.append(f"période « {period} » invalide (AAAA ou AAAA-MM)")
        if not indicator or len(indicator) > 40:
            problems.append("indicateur vide ou trop long (40 caractères au plus)")
        if dim_kind not in kinds:
            problems.append(f"dimension « {dim_kind} » inconnue")
        if len(dim_code) > 12:
            problems.append("modalité trop longue (12 caractères au plus)")
        if not unit or len(unit) > 20:
            problems.append("unité vide ou trop longue (20 caractères au plus)")
        secret = bool(mapping.secret_marker) and raw == mapping.secret_marker
        value = None
        if not secret:
            try:
                value = _number(raw)
                if abs(value) > 1e12:
                    problems.append(f"valeur {raw} hors bornes")
            except ValueError:
                problems.append(f"colonne « {mapping.columns.get('value')} » : « {raw} » n'est pas un nombre")
        key = (level, code, period, indicator, dim_kind, dim_code)
        if key in seen:
            problems.append("ligne en double (même territoire, période, indicateur et modalité)")
        if problems:
            report.error(line, " ; ".join(problems))
            continue
        seen.add(key)
        rows.append((level, code, period, indicator[:40], dim_kind, dim_code, value, unit, secret, False))
    return rows


def dataset_key(label: str) -> str:
    return ("import-" + slugify(label))[:60]


def run_import(
    table: Table, mapping: Mapping, *, label: str, source: str, vintage: str, dry_run: bool,
    all_or_nothing: bool, user=None,
) -> ImportReport:  # fmt: skip
    key = dataset_key(label)
    report = ImportReport(key=key, dry_run=dry_run, max_errors=MAX_ROWS)  # every refused line, for the report
    rows = convert(table, mapping, report)
    if report.error_count and all_or_nothing:
        report.dry_run = True  # nothing is written when a line is wrong and the analyst chose so
    spec = DatasetSpec(
        key=key, label=label[:200], source=source[:300], vintage=vintage[:40], licence="", is_bundled=False,
        method="Importé par un analyste avec l'import générique (correspondance de colonnes).",
    )  # fmt: skip
    return sync_dataset(spec, rows, report, user=user)
