"""Tabular exports (CSV and XLSX): one mechanism for every list a user takes to a meeting.

A module declares a ``Table`` (columns with their French headers and how to read each value) and
calls ``table.response(fmt, objects)``. Every cell goes through ``safe_cell``: a text starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with an apostrophe, so a
spreadsheet never runs it as a formula (CSV/formula injection, e.g. a company named
``=HYPERLINK(...)``); in XLSX it is also stored as text, never as a formula. Workbooks with several
sheets (bilans, company file) use ``add_sheet`` and ``workbook_bytes``, with the same guard.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOLD = Font(bold=True)


def safe_cell(value: Any) -> Any:
    """The value, with a text that a spreadsheet would read as a formula neutralised."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _xlsx_value(value: Any) -> Any:
    value = safe_cell(value)
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)  # XLSX has no time zones
    return value


@dataclass(frozen=True)
class Column:
    """One column: its French header and how to read it from a row object.

    ``value`` is an attribute path (``"commune.name"``, ``"get_status_display"``: callables are
    called; a dict row is read by key), an index (rows that are tuples) or a function of the row;
    ``format`` turns the value into what the cell shows.
    """

    header: str
    value: str | int | Callable[[Any], Any]
    format: Callable[[Any], Any] | None = None

    def read(self, obj: Any) -> Any:
        if isinstance(self.value, int):
            value = obj[self.value]
        elif callable(self.value):
            value = self.value(obj)
        else:
            value = obj
            for part in self.value.split("."):
                value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
                if callable(value):
                    value = value()
                if value is None:
                    break
        return self.format(value) if self.format else value


@dataclass(frozen=True)
class Table:
    """A declared export: the file name (no extension), the sheet title and the columns."""

    filename: str
    title: str
    columns: Sequence[Column]

    @classmethod
    def positional(cls, filename: str, title: str, headers: Sequence[str]) -> "Table":
        """A table whose columns are known only at run time (rows are sequences, one cell per header)."""
        return cls(filename, title, [Column(header, index) for index, header in enumerate(headers)])

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def rows(self, objects: Iterable[Any]) -> Iterable[list[Any]]:
        for obj in objects:
            yield [column.read(obj) for column in self.columns]

    def response(
        self, fmt: str, objects: Iterable[Any], filename: str | None = None, title: str | None = None
    ) -> HttpResponse:
        """CSV (the default) or XLSX (``fmt == "xlsx"``); ``filename`` and ``title`` may name this one file."""
        return tabular_response(fmt, filename or self.filename, title or self.title, self.headers, self.rows(objects))

    def streaming_csv(self, objects: Iterable[Any], filename: str | None = None) -> StreamingHttpResponse:
        """The CSV written while it is sent: for files too long to hold in memory (``objects`` read lazily)."""
        return csv_streaming_response(filename or self.filename, self.headers, self.rows(objects))


def yes_no(value: Any) -> str:
    return "oui" if value else "non"


def blank(value: Any) -> Any:
    """``None`` as an empty text (a missing commune, EPCI or date)."""
    return "" if value is None else value


def number(value: Any) -> Any:
    """Decimals as floats (spreadsheets sum them), ``None`` as an empty cell."""
    return float(value) if isinstance(value, Decimal) else value


def iso_date(value: date | datetime | None) -> str:
    return value.isoformat() if value else ""


def csv_value(value: Any) -> Any:
    """A CSV cell for a French spreadsheet: formulas neutralised, decimals with a comma (« 12,5 »).

    The separator is « ; » and decimals take a comma, as a French Excel or LibreOffice expects, so
    numbers stay numbers when the file is opened (``MAILLAGE_CSV_DECIMAL_COMMA = False`` gives points)."""
    value = safe_cell(value)
    if isinstance(value, bool) or not isinstance(value, float | Decimal):
        return value
    text = format(value, "f") if isinstance(value, Decimal) else repr(value)
    if "e" in text.lower():
        text = format(value, "f")
    return text.replace(".", ",") if getattr(settings, "MAILLAGE_CSV_DECIMAL_COMMA", True) else text


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so spreadsheet software reads UTF-8 accents correctly
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(h) for h in headers])
    writer.writerows([csv_value(value) for value in row] for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


CSV_ROWS_PER_CHUNK = 1000


def csv_streaming_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """``csv_response``'s file, sent by chunks of ``CSV_ROWS_PER_CHUNK`` rows as ``rows`` are read."""

    def chunks() -> Iterator[bytes]:
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([safe_cell(h) for h in headers])
        for index, row in enumerate(rows, start=1):
            writer.writerow([csv_value(value) for value in row])
            if index % CSV_ROWS_PER_CHUNK == 0:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode()

    response = StreamingHttpResponse(chunks(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def add_sheet(workbook: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence]):
    """A sheet with a bold, frozen header row, columns sized to their content (60 characters at most)."""
    sheet = workbook.create_sheet(title[:31])
    _fill(sheet, headers, rows)
    return sheet


def _fill(sheet, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    sheet.append([safe_cell(h) for h in headers])
    for cell in sheet[1]:
        cell.font = BOLD
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = [_xlsx_value(value) for value in row]
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text never becomes a formula
                cell.data_type = "s"
        for index, value in enumerate(values):
            if index < len(widths):
                widths[index] = max(widths[index], min(60, len(str(value)) if value is not None else 0))
            else:
                widths.append(min(60, len(str(value)) if value is not None else 0))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    workbook = new_workbook()
    add_sheet(workbook, title, headers, rows)
    return workbook_bytes(workbook)


def xlsx_response(filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    return file_response(xlsx_bytes(title, headers, rows), f"{filename}.xlsx", XLSX_TYPE)


def file_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def tabular_response(fmt: str, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]):
    """CSV (the default) or XLSX (``fmt == "xlsx"``) of ``rows`` under ``headers``."""
    if fmt == "xlsx":
        return xlsx_response(filename, title, headers, rows)
    return csv_response(filename, headers, rows)
