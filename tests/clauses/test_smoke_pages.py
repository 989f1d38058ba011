import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_facilitator_pages_render(client, scenario):
    client.force_login(scenario["facilitator"])
    lot, operation = scenario["lot"], scenario["operation"]
    participant = scenario["alice"].participant
    urls = [
        reverse("clauses:dashboard"),
        reverse("clauses:operation_list"),
        reverse("clauses:operation_create"),
        reverse("clauses:operation_detail", args=[operation.pk]),
        reverse("clauses:operation_edit", args=[operation.pk]),
        reverse("clauses:operation_bilan", args=[operation.pk]),
        reverse("clauses:market_detail", args=[lot.market_id]),
        reverse("clauses:market_create", args=[operation.pk]),
        reverse("clauses:lot_create", args=[lot.market_id]),
        reverse("clauses:lot_list"),
        reverse("clauses:lot_detail", args=[lot.pk]),
        reverse("clauses:lot_edit", args=[lot.pk]),
        reverse("clauses:lot_sizing", args=[lot.pk]),
        reverse("clauses:lot_hours", args=[lot.pk]) + "?mois=2025-03",
        reverse("clauses:sizing"),
        reverse("clauses:participant_list"),
        reverse("clauses:participant_create"),
        reverse("clauses:participant_detail", args=[participant.pk]),
        reverse("clauses:participant_edit", args=[participant.pk]),
        reverse("clauses:statement_queue"),
        reverse("clauses:import_upload"),
        reverse("clauses:bilan_year") + "?annee=2025",
        reverse("clauses:consolidation") + "?annee=2025",
        reverse("clauses:outcomes_due"),
        reverse("clauses:coverage"),
        reverse("clauses:coverage_create"),
        reverse("clauses:catalogue_list", args=["criteres"]),
        reverse("clauses:catalogue_list", args=["prereglages"]),
        reverse("clauses:catalogue_list", args=["regles"]),
        reverse("clauses:catalogue_create", args=["regles"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_company_pages_render(client, scenario):
    client.force_login(scenario["company_user"])
    assert client.get(reverse("clauses:company_space")).status_code == 200
    assert client.get(reverse("clauses:company_lot", args=[scenario["lot"].pk])).status_code == 200
