"""The import report page: every flagged line of a big file can be read, page after page, by status."""

import pytest

from maillage.accounts.models import OrganisationKind, Role
from maillage.directory.importers import Outcome, Report
from maillage.directory.models import ImportRun
from tests.factories import user_with_role


def _line(number: int) -> dict:
    rejected = number % 3 == 0
    return {
        "line": number,
        "id": f"src--{number:05d}",
        "status": "rejeté" if rejected else "enregistré",
        "errors": ["nom manquant"] if rejected else [],
        "warnings": [] if rejected else ["thématique inconnue du schéma"],
    }


@pytest.fixture
def big_run(db):
    return ImportRun.objects.create(
        kind="services", filename="national.json", dry_run=True, counts={"rows": 350},
        report=[_line(n) for n in range(1, 351)],
    )  # fmt: skip


@pytest.fixture
def facilitator_client(client, db):
    client.force_login(user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE))
    return client


def test_every_flagged_line_is_reachable_page_after_page(facilitator_client, big_run):
    url = f"/annuaire/imports/{big_run.pk}/"
    first = facilitator_client.get(url).content.decode()
    assert "src--00001" in first and "src--00101" not in first
    assert "Lignes 1 à 100 sur 350" in first and "Page 1 sur 4" in first
    last = facilitator_client.get(url, {"page": 4}).content.decode()
    # Line 350 was beyond the 300 the page used to show.
    assert "src--00350" in last and "src--00300" not in last and "Lignes 301 à 350 sur 350" in last
    seen = set()
    for number in range(1, 5):
        seen |= {line["id"] for line in facilitator_client.get(url, {"page": number}).context["page"]}
    assert len(seen) == 350


def test_the_report_filters_by_status_and_keeps_the_filter_across_pages(facilitator_client, big_run):
    url = f"/annuaire/imports/{big_run.pk}/"
    rejected = facilitator_client.get(url, {"statut": "rejete"})
    html = rejected.content.decode()
    assert "sur 116" in html and "src--00003" in html and "src--00001" not in html
    assert 'value="rejete" selected' in html
    assert "statut=rejete&page=2" in html
    stored = facilitator_client.get(url, {"statut": "enregistre", "page": 3}).context["page"]
    assert stored.paginator.count == 234 and all(line["status"] == "enregistré" for line in stored)
    # An unknown status or page shows every line, from the first or last page, never an error.
    assert facilitator_client.get(url, {"statut": "tout"}).context["page"].paginator.count == 350
    assert facilitator_client.get(url, {"page": "x"}).context["page"].number == 1
    assert facilitator_client.get(url, {"page": 99}).context["page"].number == 4


def test_an_empty_report_says_so(facilitator_client, db):
    run = ImportRun.objects.create(kind="services", filename="ok.json", counts={"rows": 2}, report=[])
    assert "Aucune ligne signalée" in facilitator_client.get(f"/annuaire/imports/{run.pk}/").content.decode()


def test_the_report_page_stays_closed_to_partners(client, big_run):
    client.force_login(user_with_role(Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL))
    assert client.get(f"/annuaire/imports/{big_run.pk}/", {"page": 2}).status_code == 403
    assert client.get(f"/annuaire/imports/{big_run.pk}/rapport.csv").status_code == 403


def test_the_report_keeps_every_flagged_line_of_a_big_file():
    """The stored report (page and CSV) used to stop at 20 000 flagged lines of a 60 000-line file."""
    report = Report()
    for number in range(1, 20_006):
        report.add(Outcome(number, f"src--{number}", True, [], ["thématique inconnue du schéma"]))
    report.add(Outcome(20_006, "src--20006", True, [], []))
    assert len(report.lines) == 20_005 and report.lines[-1]["line"] == 20_005
