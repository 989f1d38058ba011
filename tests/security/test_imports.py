"""Issue #9: imports bound the work before reading and never answer 500 on odd input."""

import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from maillage.clauses.services import import_rows, imports
from maillage.common_files import TableLimits, read_upload_table


def _csv(content: bytes, name="import.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_bomb(rows: int = 150_000) -> bytes:
    """A small XLSX whose sheet inflates to megabytes of rows (it costs minutes to read cell by cell)."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx([["nom", "prenom"]])))
    body = '<row><c t="inlineStr"><is><t>a</t></is></c></row>' * rows
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>nom</t></is></c></row>'
        f"{body}</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            data = sheet.encode() if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            target.writestr(item.filename, data)
    return out.getvalue()


def test_xlsx_zip_bomb_refused_before_reading():
    """Finding: a 5 KB XLSX cost minutes of CPU."""
    bomb = _xlsx_bomb()
    assert len(bomb) < 50_000
    start = time.monotonic()
    with pytest.raises(ValidationError) as error:
        imports.read_table(SimpleUploadedFile("bombe.xlsx", bomb))
    assert time.monotonic() - start < 2
    assert "décompressé" in " ".join(error.value.messages)


def test_old_mac_line_endings_are_read():
    """Finding: a CSV with "\\r" line endings (old Mac) answered 500."""
    headers, rows = imports.read_table(_csv(b"nom;prenom;heures\rDupont;Jean;35\rMartin;Zo\xc3\xa9;7\r"))
    assert headers == ["nom", "prenom", "heures"]
    assert rows == [
        (2, {"nom": "Dupont", "prenom": "Jean", "heures": "35"}),
        (3, {"nom": "Martin", "prenom": "Zoé", "heures": "7"}),
    ]


@pytest.mark.parametrize("value", ["NaN", "nan", "Infinity", "-inf", "sNaN"])
def test_nan_is_not_a_number_of_hours(value):
    """Finding: "NaN" in a number column was accepted, then every bilan failed."""
    with pytest.raises(ValueError, match="nombre attendu"):
        import_rows.parse_decimal(value)


def test_nul_bytes_and_overlong_values_refused_with_a_french_error_per_line():
    """Finding: NUL bytes and over-long names were stored and broke the exports."""
    content = "nom;prenom\nDu\x00pont;Jean\nMartin;" + "x" * 5000 + "\nBon;Ligne\n"
    with pytest.raises(ValidationError) as error:
        imports.read_table(_csv(content.encode()))
    messages = error.value.messages
    assert "Ligne 2, colonne 1 : caractère nul (octet 0) refusé." in messages
    assert any(m.startswith("Ligne 3, colonne 2 : valeur trop longue (5000 caractères") for m in messages)
    assert len(messages) == 2


def test_size_bounded_before_reading():
    class Huge(io.BytesIO):
        name = "gros.csv"
        size = 6 * 1024 * 1024

        def read(self, *args):  # pragma: no cover - must not be called
            raise AssertionError("read before the size check")

    with pytest.raises(ValidationError, match="dépasse 5 Mo"):
        read_upload_table(Huge())


def test_rows_and_columns_bounded():
    limits = TableLimits(max_rows=3, max_columns=4)
    with pytest.raises(ValidationError, match="dépasse 3 lignes"):
        read_upload_table(_csv(b"a\n" * 10), limits)
    with pytest.raises(ValidationError, match="plus de 4 colonnes"):
        read_upload_table(_csv(b"a;b;c;d;e;f\n"), limits)


def test_xlsx_read_normally():
    data = _xlsx([["nom", "prenom"], ["Dupont", "Jean"], [None, None], ["Martin", 12.5]])
    assert read_upload_table(SimpleUploadedFile("ok.xlsx", data)) == [
        ["nom", "prenom"],
        ["Dupont", "Jean"],
        ["Martin", 12.5],
    ]


def test_damaged_xlsx_is_a_french_error():
    with pytest.raises(ValidationError, match="illisible"):
        read_upload_table(SimpleUploadedFile("casse.xlsx", b"PK\x03\x04 pas un zip"))
