from datetime import date, timedelta

import pytest
from django.urls import reverse

from maillage.clauses.models import Eligibility
from maillage.clauses.selectors import dashboard

pytestmark = pytest.mark.django_db


def test_alerts_for_late_lots_and_expiring_eligibilities(client, scenario):
    today = date.today()
    alice = scenario["alice"].participant
    Eligibility.objects.filter(participant=alice).update(valid_until=today + timedelta(days=20))
    data = dashboard(scenario["facilitator"], scenario["lot"].__class__.objects.all(), today=today)
    assert [row["lot"] for row in data["behind"]] == [scenario["lot"]]
    assert [e["participant_id"] for e in data["expiring"]] == [alice.pk]
    assert data["totals"]["lots"] == 1 and data["totals"]["done"] == 280.0 and data["totals"]["pending"] == 1

    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:dashboard")).content.decode()
    assert "Lots en retard sur le calendrier (1)" in page
    assert reverse("clauses:participant_detail", args=[alice.pk]) in page


def test_other_roles_land_on_what_they_may_see(client, scenario):
    client.force_login(scenario["buyer_user"])
    assert client.get(reverse("clauses:dashboard"))["Location"] == reverse("clauses:operation_list")
    client.force_login(scenario["company_user"])
    assert client.get(reverse("clauses:dashboard"))["Location"] == reverse("clauses:company_space")
