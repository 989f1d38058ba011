"""Progress bars under the strict Content-Security-Policy (issue #9): a class sets the width, no style=."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.clauses import services

pytestmark = pytest.mark.django_db


def test_lot_progress_is_drawn_without_inline_style(client, scenario):
    lot = scenario["lot"]
    lot.target_hours = Decimal("1000")
    lot.save()
    services.rebuild_schedule(lot)
    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:lot_list")).content.decode()
    assert "style=" not in page
    assert re.search(r'class="progress-bar[^"]* bar-\d+"', page)
