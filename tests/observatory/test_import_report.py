"""The generic import's refused lines: every one of them on screen (pages of 100) and in the CSV,
after a dry run as after a real import, kept on the server and not in the session."""

import csv
import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from maillage.observatory import import_files, retention
from maillage.observatory.importers.store import ImportReport
from maillage.observatory.models import Figure
from maillage.observatory.views import data as data_views
from tests.observatory.test_views import mapping

UPLOAD = "/observatoire/donnees/import/"
MAPPING = "/observatoire/donnees/import/colonnes/"
REPORT = "/observatoire/donnees/import/erreurs/"
CSV_URL = "/observatoire/donnees/import/erreurs.csv"
BAD = 650  # beyond the 500 the session used to keep and the 50 the page used to show


def big_file() -> bytes:
    lines = ["commune;annee;effectif", "=1+1;2023;5"]  # line 2: a bad code
    lines += [f"27{n:03d};2023;{n}" for n in range(100)]  # lines 3 to 102: valid
    lines += [f"28{n:03d};2023;x{n}" for n in range(BAD - 1)]  # lines 103 to 751: not a number
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def uploaded(client, charge_mission):
    client.force_login(charge_mission)
    upload = SimpleUploadedFile("gros.csv", big_file(), content_type="text/csv")
    response = client.post(UPLOAD, {"file": upload, "label": "Gros fichier", "source": "URSSAF", "vintage": "2023"})
    assert response.status_code == 302
    return client


def csv_rows(client) -> list[list[str]]:
    response = client.get(CSV_URL)
    assert response.streaming  # written while it is sent, never held whole in memory
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body), delimiter=";"))


def every_line_on_screen(client) -> set[int]:
    seen: set[int] = set()
    first = client.get(REPORT)
    assert first.status_code == 200
    pages = first.context["page"].paginator.num_pages
    assert pages == 7
    for number in range(1, pages + 1):
        seen |= {line for line, _message in client.get(REPORT, {"page": number}).context["page"]}
    return seen


def test_a_dry_run_shows_and_downloads_every_refused_line(uploaded):
    page = uploaded.post(MAPPING, mapping("preview", False)).content.decode()
    assert "Les 50 premières lignes refusées sur 650" in page
    assert REPORT in page and CSV_URL in page
    assert not Figure.objects.exists()
    assert every_line_on_screen(uploaded) == {2, *range(103, 752)}
    rows = csv_rows(uploaded)
    assert rows[0] == ["ligne", "erreur"] and len(rows) == 1 + BAD
    assert rows[-1][0] == "751" and "« x648 » n'est pas un nombre" in rows[-1][1]
    assert rows[1][0] == "2" and "code de territoire « =1+1 » invalide" in rows[1][1]
    # The session holds a token, not the lines.
    assert isinstance(uploaded.session["observatory_import_errors"], str)


def test_a_real_import_leads_to_every_refused_line(uploaded):
    done = uploaded.post(MAPPING, mapping("import", False))
    assert Figure.objects.count() == 100
    assert len(csv_rows(uploaded)) == 1 + BAD  # the file used to stop at 500
    assert done.status_code == 302 and done["Location"] == REPORT
    page = uploaded.get(REPORT).content.decode()
    assert "import appliqué" in page and "Lignes refusées 1 à 100 sur 650" in page
    assert every_line_on_screen(uploaded) == {2, *range(103, 752)}


def test_a_new_run_replaces_the_previous_report_on_the_server(uploaded):
    uploaded.post(MAPPING, mapping("preview", False))
    first = uploaded.session["observatory_import_errors"]
    uploaded.post(MAPPING, mapping("preview", False))
    assert uploaded.session["observatory_import_errors"] != first
    assert not default_storage.exists(f"{import_files.REPORTS_DIR}/{first}.jsonl")


def test_the_report_is_the_session_owner_s_and_needs_the_import_right(uploaded, client, partner):
    uploaded.post(MAPPING, mapping("preview", False))
    client.logout()
    client.force_login(partner)
    assert client.get(REPORT).status_code == 403 and client.get(CSV_URL).status_code == 403


def test_without_a_run_the_report_is_empty(client, charge_mission):
    client.force_login(charge_mission)
    assert "Aucun import" in client.get(REPORT).content.decode()
    assert csv_rows(client) == [["ligne", "erreur"]]
    session = client.session
    session["observatory_import_errors"] = [[3, "as sessions held them before"]]
    session.save()
    assert "Aucun import" in client.get(REPORT).content.decode()


def test_a_forged_token_is_refused(client, charge_mission):
    client.force_login(charge_mission)
    session = client.session
    session["observatory_import_errors"] = "../../settings"
    session.save()
    assert client.get(REPORT).status_code == 404 and client.get(CSV_URL).status_code == 404


def test_retention_deletes_the_reports_after_a_week(uploaded):
    uploaded.post(MAPPING, mapping("preview", False))
    token = uploaded.session["observatory_import_errors"]
    path = f"{import_files.REPORTS_DIR}/{token}.jsonl"
    now = timezone.now()
    reports = "rapports d'erreurs d'import de l'observatoire"
    assert retention.purge(now, dry_run=False)[reports] == 0
    later = now + datetime.timedelta(days=8)
    assert retention.purge(later, dry_run=True)[reports] == 1
    assert default_storage.exists(path)
    retention.purge(later, dry_run=False)
    assert not default_storage.exists(path)
    assert "Aucun import" in uploaded.get(REPORT).content.decode()


def test_a_page_of_the_report_reads_only_the_lines_it_shows(uploaded, monkeypatch):
    """200,000 refused lines made the page load the whole report for 100 of them (``bench/observatory_report.py``)."""
    uploaded.post(MAPPING, mapping("preview", False))
    path = f"{import_files.REPORTS_DIR}/{uploaded.session['observatory_import_errors']}.jsonl"
    size = default_storage.size(path)
    read = []

    class Counting:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def seek(self, offset):
            return self.handle.seek(offset)

        def read(self, *args):
            data = self.handle.read(*args)
            read.append(len(data))
            return data

        def readline(self, *args):
            data = self.handle.readline(*args)
            read.append(len(data))
            return data

    class CountingStorage:
        def __getattr__(self, name):
            return getattr(default_storage, name)

        def open(self, name, mode="rb"):
            return Counting(default_storage.open(name, mode))

    monkeypatch.setattr(import_files, "default_storage", CountingStorage())
    monkeypatch.setattr(data_views, "default_storage", CountingStorage(), raising=False)  # where the old code read
    page = uploaded.get(REPORT, {"page": 4}).context["page"]
    assert [line for line, _message in page][:2] == [402, 403] and len(page) == 100
    assert 0 < sum(read) < size / 4  # the first line (the index) and the page's own lines


def test_report_lines_slice_across_blocks_like_a_list():
    report = ImportReport(key="k", dry_run=True, max_errors=1000)
    for line in range(2, 352):
        report.error(line, f"motif {line} « é »")
    stored = import_files.open_report(import_files.save_report(report, "f.csv"))
    expected = [[line, f"motif {line} « é »"] for line in range(2, 352)]
    assert len(stored.lines) == 350 and stored.error_count == 350
    for start, stop in ((0, 100), (95, 105), (199, 201), (300, 350), (340, 400), (350, 360), (10, 5)):
        assert stored.lines[start:stop] == expected[start:stop]
    assert stored.lines[0] == expected[0] and stored.lines[-1] == expected[-1]
    assert list(stored.lines) == expected
    empty = import_files.open_report(import_files.save_report(ImportReport(key="k", dry_run=True), "vide.csv"))
    assert len(empty.lines) == 0 and empty.lines[0:100] == [] and list(empty.lines) == []
