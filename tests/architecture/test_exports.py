"""One export mechanism: a page never writes CSV or XLSX rows itself, it answers with a declared
``maillage.kernel.exports.Table`` (columns, French headers, decimal comma, formula-injection safety)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "maillage"
OWN_ROWS = re.compile(r"csv\.writer\(|Workbook\(|\b(tabular|csv|xlsx)_response\(")
# Files that are not pages: the mechanism itself, the API's CSV renderer, importers writing their report
# and management commands writing a file for the operator.
ALLOWED = {"kernel/exports.py", "observatory/api.py", "procurement/decp/importer.py"}


def _offenders() -> list[str]:
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative in ALLOWED or "/management/commands/" in relative or "/migrations/" in relative:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if OWN_ROWS.search(line) and not line.lstrip().startswith(("#", "def ")):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    return offenders


def test_pages_export_through_a_declared_table():
    assert _offenders() == []
