from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.clauses.models import CountingRule, Coverage, EligibilityCriterion, Lot
from maillage.clauses.selectors import progress_rows
from tests.factories import EpciFactory

pytestmark = pytest.mark.django_db


def test_coverage_shows_overlaps_and_gaps(client, scenario):
    from maillage.kernel.models import MdeSettings

    square = [[[1, 49], [1.1, 49], [1.1, 49.1], [1, 49]]]
    uncovered = EpciFactory(name="CC Sans Facilitateur", outline={"type": "Polygon", "coordinates": square})
    MdeSettings.current().perimeter.add(scenario["epci"], uncovered)
    scenario["lot"].clauses.create(kind="insertion")
    facilitator = scenario["facilitator"]
    structure = facilitator.memberships.get().organisation
    other = scenario["far_operation"].buyer  # any organisation will do as a second structure
    for user, org in ((facilitator, structure), (facilitator, other)):
        Coverage.objects.create(facilitator=user, structure=org).epcis.add(scenario["epci"])
    client.force_login(facilitator)
    rows = {r["epci"].name: r for r in client.get(reverse("clauses:coverage")).context["rows"]}
    assert rows["CA Évreux Portes de Normandie"]["overlap"] is True
    assert rows["CC Sans Facilitateur"]["uncovered"] is True
    assert rows["CC Sans Facilitateur"]["missing_kinds"] == ["travaux", "services", "fournitures"]
    assert rows["CA Évreux Portes de Normandie"]["missing_kinds"] == ["services", "fournitures"]
    geojson = client.get(reverse("clauses:coverage_geojson")).json()
    assert geojson["features"][0]["properties"]["status"] == "non couvert"
    export = client.get(reverse("clauses:coverage"), {"export": "csv"}).content.decode("utf-8-sig")
    assert "CC Sans Facilitateur" in export


def test_changing_a_rule_in_the_page_recomputes_without_touching_statements(client, scenario):
    client.force_login(scenario["facilitator"])
    lot = scenario["lot"]
    before = progress_rows(Lot.objects.filter(pk=lot.pk))[0]["done"]
    response = client.post(
        reverse("clauses:catalogue_create", args=["regles"]),
        {
            "name": "Règle de la ville",
            "buyer": scenario["buyer"].pk,
            "lasting_bonus_percent": "50",
            "subcontracting_mode": "declarees",
            "conversion_labour_share": "50",
            "conversion_hourly_cost": "30",
            "monthly_hours_max": "208",
        },
    )
    assert response.status_code == 302
    lot.refresh_from_db()
    assert lot.counting_rule.name == "Règle de la ville"
    after = progress_rows(Lot.objects.filter(pk=lot.pk))[0]["done"]
    assert after == before + 110.0  # Alice's 220 CDI hours get +50 %
    duplicate = client.post(
        reverse("clauses:catalogue_create", args=["regles"]),
        {
            "name": "Doublon",
            "buyer": scenario["buyer"].pk,
            "lasting_bonus_percent": "0",
            "subcontracting_mode": "declarees",
            "conversion_labour_share": "50",
            "conversion_hourly_cost": "30",
            "monthly_hours_max": "208",
        },
    )
    assert "existe déjà" in duplicate.content.decode()
    assert CountingRule.objects.filter(buyer=scenario["buyer"]).count() == 1


def test_criteria_and_presets_are_editable(client, scenario):
    client.force_login(scenario["facilitator"])
    criterion = EligibilityCriterion.objects.get(code="qpv")
    client.post(
        reverse("clauses:catalogue_edit", args=["criteres", criterion.pk]),
        {"code": "qpv", "label": criterion.label, "validity_months": 12, "order": 1, "is_active": "on"},
    )
    criterion.refresh_from_db()
    assert criterion.validity_months == 12
    response = client.post(
        reverse("clauses:catalogue_create", args=["prereglages"]),
        {
            "cpv_division": "4",
            "trade": "X",
            "method": "ratio",
            "labour_share": "50",
            "insertion_rate": "5",
            "hourly_cost": "30",
        },
    )
    content = response.content.decode()
    assert "2 chiffres" in content and "ratio exige" in content
    client.post(
        reverse("clauses:catalogue_create", args=["prereglages"]),
        {
            "epci": scenario["epci"].code,
            "cpv_division": "45",
            "trade": "Bâtiment – gros œuvre, maçonnerie",
            "method": "taux",
            "labour_share": "60",
            "insertion_rate": "7",
            "hourly_cost": "28",
        },
    )
    from maillage.clauses.services import presets_for

    local = {p.trade: p for p in presets_for("45262500", scenario["epci"].code)}
    assert local["Bâtiment – gros œuvre, maçonnerie"].labour_share == Decimal("60")


def test_only_facilitators_edit_catalogues(client, scenario):
    client.force_login(scenario["buyer_user"])
    assert client.get(reverse("clauses:catalogue_list", args=["regles"])).status_code == 403
