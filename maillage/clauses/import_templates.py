"""Downloadable import templates: the French headers, a notes line (CSV) or sheet (XLSX), one example row.

The notes and the example start with « # »: the import skips such rows, so a template filled in below its
example imports as it is.
"""

from maillage.kernel.exports import XLSX_TYPE, add_sheet, csv_response, file_response, new_workbook, workbook_bytes

from .models import ImportKind
from .services.imports import COLUMNS, COMMENT

FILENAMES = {
    ImportKind.PARTICIPANTS: "modele-import-participants",
    ImportKind.CONTRACTS: "modele-import-contrats",
    ImportKind.HOURS: "modele-import-heures",
}


def _notes_row(kind: str) -> list[str]:
    cells = [f"{'obligatoire' if required else 'facultatif'} – {note}" for _, _, required, note, _ in COLUMNS[kind]]
    cells[0] = f"{COMMENT} {cells[0]}"
    return cells


def _example_row(kind: str) -> list[str]:
    cells = [example for *_, example in COLUMNS[kind]]
    cells[0] = f"{COMMENT} exemple – {cells[0]}"
    return cells


def headers(kind: str) -> list[str]:
    return [header for _, header, *_ in COLUMNS[kind]]


def template_response(kind: str, fmt: str):
    if fmt == "xlsx":
        workbook = new_workbook()
        add_sheet(workbook, "Import", headers(kind), [_example_row(kind)])
        notes = [
            [header, "oui" if required else "non", note, example]
            for _, header, required, note, example in COLUMNS[kind]
        ]
        notes.append(["#", "", "Une ligne dont la 1re cellule commence par # est ignorée (la ligne d'exemple).", ""])
        add_sheet(workbook, "Notes", ["Colonne", "Obligatoire", "Contenu attendu", "Exemple"], notes)
        return file_response(workbook_bytes(workbook), f"{FILENAMES[kind]}.xlsx", XLSX_TYPE)
    return csv_response(FILENAMES[kind], headers(kind), [_notes_row(kind), _example_row(kind)])
