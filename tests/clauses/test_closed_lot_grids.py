"""The hours grids of a closed lot say it is closed (with the date), never « not your lot »."""

from datetime import UTC, datetime

from django.urls import reverse

from maillage.clauses import services
from maillage.clauses.models import HoursStatement


def _close(lot):
    closing = services.close_lot(None, lot)
    type(closing).objects.filter(pk=closing.pk).update(closed_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC))


def test_company_grid_of_a_closed_lot_says_closed_not_unassigned(client, scenario):
    _close(scenario["lot"])
    client.force_login(scenario["company_user"])
    response = client.get(reverse("clauses:company_grid"), {"mois": "2025-06", "lot": scenario["lot"].pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Lot clôturé le 1er mars 2026" in page
    assert "pas attribué" not in page
    assert f'name="heures-{scenario["alice"].pk}"' not in page


def test_company_grid_still_refuses_a_lot_of_another_company_even_closed(client, scenario):
    _close(scenario["far_lot"])
    client.force_login(scenario["company_user"])
    response = client.get(reverse("clauses:company_grid"), {"lot": scenario["far_lot"].pk})
    assert response.status_code == 403


def test_facilitator_grid_of_a_closed_lot_says_closed_and_takes_no_hours(client, scenario):
    lot, alice = scenario["lot"], scenario["alice"]
    _close(lot)
    client.force_login(scenario["facilitator"])
    url = reverse("clauses:lot_hours", args=[lot.pk])
    page = client.get(url, {"mois": "2025-06"}).content.decode()
    assert "Lot clôturé le 1er mars 2026" in page
    assert f'name="heures-{alice.pk}"' not in page
    before = HoursStatement.objects.count()
    response = client.post(url, {"mois": "2025-06", f"heures-{alice.pk}": "10"})
    assert response.status_code == 302
    assert HoursStatement.objects.count() == before
    assert "clôturé" in client.get(response["Location"]).content.decode()


def test_lot_page_groups_thousands_and_keeps_units_with_their_number(client, scenario):
    """« 12 345 h » with a narrow no-break space between thousands and a no-break space before the unit."""
    lot = scenario["lot"]
    closing = services.close_lot(None, lot)
    type(closing).objects.filter(pk=closing.pk).update(figures={**closing.figures, "done": 12345.5, "target": 20000})
    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:lot_detail", args=[lot.pk])).content.decode()
    assert "12\u202f345,5&nbsp;h sur 20\u202f000&nbsp;h" in page
    assert "12345" not in page
