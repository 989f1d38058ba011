"""Tabular exports (CSV and XLSX) shared by every list a user takes to a meeting."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so spreadsheet software reads UTF-8 accents correctly
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = list(row)
        sheet.append(values)
        for index, value in enumerate(values):
            if index < len(widths):
                widths[index] = max(widths[index], min(60, len(str(value)) if value is not None else 0))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_response(filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(title, headers, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def tabular_response(fmt: str, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]):
    if fmt == "xlsx":
        return xlsx_response(filename, title, headers, rows)
    return csv_response(filename, headers, rows)
