"""File helpers shared by every module (the bundled reference data is gzip-compressed)."""

import csv
import gzip
import io
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError


def open_text(path: Path) -> io.TextIOBase:
    """Open a UTF-8 text file, gzip-compressed when its name ends with ``.gz``; a BOM is dropped.

    ``newline=""`` so that the ``csv`` module reads quoted multi-line fields correctly.
    """
    path = Path(path)
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - the caller closes it


# --- Uploaded tables (CSV / XLSX imports) ---------------------------------------------------------
# The work is bounded *before* reading: the file's size, then for an XLSX (a zip of XML) the
# uncompressed size of its parts and their compression ratio (a 5 KB "zip bomb" cost minutes of
# CPU), then rows and columns while reading, in openpyxl's read-only mode. Every cell is checked:
# NUL bytes and over-long values are refused with a French message per line, NaN/infinite numbers
# too; old Mac line endings (``\r`` alone) read like any other.


MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_XLSX_RATIO = 120
MAX_ROWS = 20_000
MAX_COLUMNS = 60
MAX_CELL_CHARS = 1_000
MAX_LINE_ERRORS = 50


@dataclass(frozen=True)
class TableLimits:
    max_bytes: int = MAX_UPLOAD_BYTES
    max_rows: int = MAX_ROWS
    max_columns: int = MAX_COLUMNS
    max_cell_chars: int = MAX_CELL_CHARS
    max_xlsx_uncompressed: int = MAX_XLSX_UNCOMPRESSED


def _size_of(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        position = upload.tell()
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
        upload.seek(position)
    return size


def _check_xlsx_container(upload, limits: TableLimits) -> None:
    try:
        with zipfile.ZipFile(upload) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if total > limits.max_xlsx_uncompressed or (info.file_size > 1_000_000 and ratio > MAX_XLSX_RATIO):
                    raise ValidationError(
                        "Le fichier XLSX est anormalement volumineux une fois décompressé : enregistrez-le en CSV."
                    )
    except zipfile.BadZipFile as exc:
        raise ValidationError("Le fichier XLSX est illisible ou endommagé.") from exc
    finally:
        upload.seek(0)


def _xlsx_rows(upload, limits: TableLimits):
    from openpyxl import load_workbook

    _check_xlsx_container(upload, limits)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        raise ValidationError("Le fichier XLSX est illisible ou endommagé.") from exc
    try:
        sheet = workbook.active
        for row in sheet.iter_rows(values_only=True, max_col=limits.max_columns + 1):
            yield list(row)
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError("Le fichier XLSX est illisible ou endommagé.") from exc
    finally:
        workbook.close()


def _csv_rows(upload, limits: TableLimits):
    raw = upload.read(limits.max_bytes + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    # Old Mac files end lines with "\r" alone: read them like the others.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    csv.field_size_limit(max(limits.max_cell_chars * 4, 131072))
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as exc:
        raise ValidationError(f"Le fichier CSV est mal formé : {exc}.") from exc


def _cell_problem(value, limits: TableLimits) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return "nombre invalide (NaN ou infini)"
    if isinstance(value, str):
        if "\x00" in value:
            return "caractère nul (octet 0) refusé"
        if len(value) > limits.max_cell_chars:
            return f"valeur trop longue ({len(value)} caractères, {limits.max_cell_chars} au plus)"
    return None


def read_upload_table(upload, limits: TableLimits | None = None) -> list[list]:
    """Rows of an uploaded CSV (``;`` or ``,``; UTF-8 or Windows-1252) or XLSX file, header first.

    Empty rows are dropped. Raises ``ValidationError`` (French) when the file is too large, damaged,
    has too many rows or columns, or when cells hold NUL bytes, over-long values or NaN — one
    message per line concerned (``ligne 3, colonne 2 : …``), nothing is returned then.
    """
    limits = limits or TableLimits()
    if _size_of(upload) > limits.max_bytes:
        raise ValidationError(f"Le fichier dépasse {limits.max_bytes // (1024 * 1024)} Mo.")
    upload.seek(0)
    name = (getattr(upload, "name", "") or "").lower()
    rows_iter = _xlsx_rows(upload, limits) if name.endswith(".xlsx") else _csv_rows(upload, limits)
    rows: list[list] = []
    errors: list[str] = []
    for line, row in enumerate(rows_iter, start=1):
        if not any(cell not in (None, "") for cell in row):
            continue
        if len(rows) > limits.max_rows:
            raise ValidationError(f"Le fichier dépasse {limits.max_rows} lignes : découpez-le.")
        while row and row[-1] in (None, ""):
            row = row[:-1]
        if len(row) > limits.max_columns:
            raise ValidationError(f"Ligne {line} : plus de {limits.max_columns} colonnes.")
        for column, value in enumerate(row, start=1):
            problem = _cell_problem(value, limits)
            if problem and len(errors) < MAX_LINE_ERRORS:
                errors.append(f"Ligne {line}, colonne {column} : {problem}.")
            elif problem:
                errors.append("…")
                break
        if len(errors) > MAX_LINE_ERRORS:
            break
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError("Le fichier est vide.")
    return rows
