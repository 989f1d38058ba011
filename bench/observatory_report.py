"""The observatory import's error report at its bound: a file of 200,000 lines, every one refused, previewed
through the pages (upload, mapping, preview), then the report page read at its first, middle and last page,
and the CSV of every line downloaded. Prints the milliseconds of a page view (median of ``BENCH_REPEAT``,
7 by default) and the peak of Python memory allocated during one view (``tracemalloc``), and the same for
the CSV.

    python bench/observatory_report.py               # SQLite in /tmp/maillage-bench-observatory-report

Everything is created in the dedicated database and media folder of ``MAILLAGE_VAR_DIR``.
"""

import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MAILLAGE_VAR_DIR", "/tmp/maillage-bench-observatory-report")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

LINES = 200_000
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))
REPORT = "/observatoire/donnees/import/erreurs/"
CSV_URL = "/observatoire/donnees/import/erreurs.csv"


def _analyst():
    from maillage.accounts.models import Membership, Organisation, OrganisationKind, Role, User

    user = User.objects.filter(email="bench-report@exemple.invalid").first()
    if user is None:
        user = User.objects.create_user(email="bench-report@exemple.invalid", password=None)
        mde = Organisation.objects.create(name="MDE banc d'essai", kind=OrganisationKind.MDE)
        Membership.objects.create(user=user, organisation=mde, role=Role.CHARGE_MISSION)
    return user


def _body(response) -> int:
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def _measure(client, label, url, params=None):
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url, params or {})
        size = _body(response)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    tracemalloc.start()
    response = client.get(url, params or {})
    _body(response)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<34} {statistics.median(times):9.1f} ms   pic mémoire {peak / 1e6:7.1f} Mo   ({size:,} octets)")


def main():
    call_command("migrate", verbosity=0)
    client = Client()
    client.force_login(_analyst())
    lines = ["commune;annee;effectif"] + [f"{27000 + n % 1000};2023;x{n}" for n in range(LINES)]
    upload = SimpleUploadedFile("refus.csv", "\n".join(lines).encode(), content_type="text/csv")
    data = {"file": upload, "label": "Banc rapport", "source": "Banc", "vintage": "2023"}
    assert client.post("/observatoire/donnees/import/", data).status_code == 302
    mapping = {
        "col_code": "commune", "col_period": "annee", "col_value": "effectif", "fixed_level": "commune",
        "fixed_indicator": "salaried_jobs", "fixed_dim_kind": "", "fixed_unit": "salariés", "secret_marker": "*",
        "action": "preview",
    }  # fmt: skip
    start = time.perf_counter()
    assert client.post("/observatoire/donnees/import/colonnes/", mapping).status_code == 200
    print(f"{LINES:,} lignes refusées, prévisualisation en {time.perf_counter() - start:.1f} s")
    pages = (LINES + 99) // 100
    for number in (1, pages // 2, pages):
        _measure(client, f"page {number} du rapport", REPORT, {"page": number})
    _measure(client, "CSV de toutes les lignes", CSV_URL)


if __name__ == "__main__":
    main()
