"""Roll-ups with population weights, comparisons, secrecy on the diagnostic pages and exports."""

import pytest

from maillage.observatory.models import Level
from maillage.observatory.selectors import diagnostic as diag
from maillage.observatory.selectors.scope import epci_scope, perimeter_scope

from .conftest import EPCI_A, EPCI_B


def test_straddling_bassin_is_weighted_by_population(territory):
    weights = {w.code: w for w in epci_scope(EPCI_A).zone_weights(Level.BASSIN)}
    # bassin 2811 = Alphaville 10,000 + Petit-Alpha 2,000 + Betaville 6,000: 12/18 in EPCI A
    assert weights["2811"].population_in_scope == 12000 and weights["2811"].population == 18000
    assert "2810" not in weights
    bmo = diag.bmo(epci_scope(EPCI_A))
    assert bmo["summary"]["projects"] == 120  # 180 × 12/18, never the whole bassin
    assert bmo["summary"]["difficult_pct"] == 50.0
    b = diag.bmo(epci_scope(EPCI_B))
    assert b["summary"]["projects"] == 100  # 180 × 6/18 + 40 × 1
    perimeter = diag.bmo(perimeter_scope())
    assert perimeter["summary"]["projects"] == 220  # the two EPCI add up to the whole


def test_secret_cell_makes_the_rollup_a_lower_bound(territory):
    rows = {r["code"]: r for r in diag.bmo(epci_scope(EPCI_A))["all_rows"]}
    assert rows["A0X40"]["lower_bound"] is True


def test_job_seekers_cover_large_communes_and_compare_with_departement(territory):
    seekers = diag.job_seekers(epci_scope(EPCI_A))
    assert seekers["covered_communes"] == ["27001"]
    assert seekers["coverage"] == pytest.approx(83.3)
    labels = [r["label"] for r in seekers["comparisons"]]
    assert labels[0].startswith("CA Alpha") and "Eure" in labels and "France" in labels
    scope_row = seekers["comparisons"][0]
    assert scope_row["latest"] == 950 and scope_row["per_thousand"] == 95.0
    assert scope_row["change_1y"] == pytest.approx(5.6)


def test_small_count_of_job_seekers_is_masked_on_screen_and_in_exports(territory, client, charge_mission, settings):
    settings.OBSERVATORY_SECRECY_THRESHOLD = 5
    assert diag.job_seekers(epci_scope(EPCI_B))["comparisons"][0]["latest"] is None
    client.force_login(charge_mission)
    page = client.get(f"/observatoire/diagnostic/epci/{EPCI_B}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="secret"' in html
    export = client.get(f"/observatoire/export/epci/{EPCI_B}.csv").content.decode("utf-8-sig")
    line = next(li for li in export.splitlines() if li.startswith("Demandeurs d'emploi;Inscrits") and "CC Beta" in li)
    assert ";secret;" in line and ";3;" not in line
    pdf = client.get(f"/observatoire/export/epci/{EPCI_B}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_map_geojson_and_chart_tables(territory, client, charge_mission):
    client.force_login(charge_mission)
    page = client.get("/observatoire/")
    assert page.status_code == 200
    assert "Poids de chaque bassin BMO" in page.content.decode()
    assert 'id="seekers-chart-data"' in page.content.decode()
    data = client.get("/observatoire/carte/perimetre/").json()
    assert data["type"] == "FeatureCollection"
