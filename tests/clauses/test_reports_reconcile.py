"""Totals reconcile across the bilan page, its XLSX/CSV/PDF exports, the consolidation and the API."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from maillage.clauses.models import CountingRule, Modality

from .factories import ContractFactory, StatementFactory

pytestmark = pytest.mark.django_db


def _sheet_values(content: bytes, sheet: str) -> dict:
    workbook = load_workbook(io.BytesIO(content))
    return {row[0]: row[1] for row in workbook[sheet].iter_rows(values_only=True)}


def test_yearly_totals_reconcile_across_screen_exports_and_api(client, scenario):
    # A rule with a bonus makes counted hours differ from raw hours: every output must apply it.
    CountingRule.objects.filter(pk=scenario["lot"].counting_rule_id).update(lasting_bonus_percent=Decimal("10"))
    client.force_login(scenario["facilitator"])
    params = {"annee": 2025}
    page = client.get(reverse("clauses:bilan_year"), params)
    screen = page.context["result"]
    # alice CDI (lasting): 220 h × 1.1 ; bob ETTI: 60 h ; far lot: 10 h ; bob's 35 h are not validated.
    assert screen.hours == 312.0 and screen.raw_hours == 290.0
    assert re.search(r'id="total-heures">312<', page.content.decode())

    api = client.get("/api/v1/clauses/bilans/", params).json()
    assert api["hours"] == screen.hours and api["participants"] == screen.participants == 3
    assert api["contracts"] == screen.contracts == 3

    xlsx = _sheet_values(client.get(reverse("clauses:bilan_year"), {**params, "format": "xlsx"}).content, "Synthèse")
    assert xlsx["Heures d'insertion comptabilisées"] == screen.hours
    assert xlsx["Participants"] == screen.participants

    csv_text = client.get(reverse("clauses:bilan_year"), {**params, "format": "csv"}).content.decode("utf-8-sig")
    assert "Heures d'insertion comptabilisées;312,0" in csv_text  # French decimal comma

    national = _sheet_values(
        client.get(reverse("clauses:consolidation"), {**params, "format": "xlsx"}).content, "Indicateurs"
    )
    assert national["Heures d'insertion comptabilisées"] == screen.hours
    assert national["Équivalents temps plein (1 ETP = 1\u202f607\u00a0h)"] == round(312 / 1607, 2)

    pdf = client.get(reverse("clauses:bilan_year"), {**params, "format": "pdf"})
    assert pdf.content.startswith(b"%PDF")

    # The lot page, the lots API and the operation bilan agree with the yearly bilan for the lot.
    lot = scenario["lot"]
    lot_api = client.get(f"/api/v1/clauses/lots/{lot.pk}/").json()
    lot_page = client.get(reverse("clauses:lot_detail", args=[lot.pk])).context["row"]
    operation = client.get(reverse("clauses:operation_bilan", args=[scenario["operation"].pk])).context["result"]
    assert lot_api["done_hours"] == lot_page["done"] == operation.hours == 302.0


def test_territory_filter_and_dimensions(client, scenario):
    client.force_login(scenario["facilitator"])
    result = client.get(reverse("clauses:bilan_year"), {"annee": 2025, "epci": scenario["epci"].code}).context["result"]
    assert result.hours == 280.0
    assert dict(result.by_sex) == {"Femme": 1, "Homme": 1}
    assert dict(result.by_age)["Moins de 26 ans"] == 1  # Bob, born 2003
    assert dict(result.by_modality)["Mise à disposition – ETTI"] == 60.0
    assert dict(result.by_public)["Demandeur d'emploi de longue durée (inscrit depuis plus de 12 mois)"] == 1
    assert result.by_epci == [(scenario["epci"].name, 280.0)]


def test_consolidation_counts_markets_by_amount_band_and_division(client, scenario):
    other = ContractFactory(
        lot__market__amount=Decimal("50000"),
        lot__cpv_code="90910000",
        lot__market__cpv_code="90910000",
        modality=Modality.SIAE_SUBCONTRACTING,
    )
    StatementFactory(contract=other, month=date(2025, 7, 1), hours=Decimal("12"))
    client.force_login(scenario["facilitator"])
    result = client.get(reverse("clauses:consolidation"), {"annee": 2025}).context["result"]
    bands = dict(result.markets_by_amount)
    assert bands["Moins de 90 k€"] == 1 and bands["De 221 k€ à 1 M€"] == 0
    assert bands["De 1 M€ au seuil des travaux (5 538 k€)"] == 2
    assert dict(result.markets_by_division) == {"45": 2, "90": 1}
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("clauses:consolidation"), {"annee": 2025, "format": "xlsx"}).content)
    )
    assert {"Indicateurs", "Heures par modalité", "Participants", "Marchés par montant", "Marchés par secteur"} <= set(
        workbook.sheetnames
    )


def test_buyers_cannot_export_the_national_consolidation(client, scenario):
    client.force_login(scenario["buyer_user"])
    assert client.get(reverse("clauses:consolidation"), {"annee": 2025, "format": "xlsx"}).status_code == 403


def test_consolidation_lists_facilitators_with_their_time_and_funding(client, scenario):
    from maillage.clauses.models import Coverage

    structure = scenario["facilitator"].memberships.get().organisation
    Coverage.objects.create(
        facilitator=scenario["facilitator"], structure=structure, fte=Decimal("0.8"), funding="État, FSE+"
    )
    client.force_login(scenario["facilitator"])
    content = client.get(reverse("clauses:consolidation"), {"annee": 2025, "format": "xlsx"}).content
    indicators = _sheet_values(content, "Indicateurs")
    assert indicators["Facilitateurs"] == 1 and indicators["Temps consacré (ETP)"] == 0.8
    # The national file carries no facilitator's name (issue #12).
    workbook = load_workbook(io.BytesIO(content))
    names = {scenario["facilitator"].get_full_name(), scenario["facilitator"].get_username()}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not names & {str(v) for v in row if v is not None}


def test_the_elected_officials_home_card_counts_hours_as_the_bilan_and_the_steering_do(client, scenario):
    # The card summed raw hours (290) while the bilan it links to and the steering plan count the
    # rules (312 with a 10 % bonus on lasting contracts): two figures under one name.
    from maillage.accounts.models import OrganisationKind, Role
    from maillage.clauses.dashboard import cards
    from maillage.clauses.models import HoursStatement
    from tests.factories import user_with_role

    year = date.today().year
    CountingRule.objects.filter(pk=scenario["lot"].counting_rule_id).update(lasting_bonus_percent=Decimal("10"))
    for statement in HoursStatement.objects.all():
        statement.month = statement.month.replace(year=year)
        statement.save(update_fields=["month"])
    elected = user_with_role(Role.VIEWER, OrganisationKind.FUNDER)
    card = next(c for c in cards(elected) if c.title.startswith("Heures d'insertion réalisées"))
    client.force_login(scenario["facilitator"])
    bilan = client.get(reverse("clauses:bilan_year"), {"annee": year}).context["result"]
    assert bilan.hours == 312.0
    assert card.figure == "312"
