"""The operations list counts each operation's lots over all its markets (a subquery per row since
the GROUP BY over the joined lots was dropped for speed): right figures, zero included, and sortable."""

import re

import pytest
from django.urls import reverse

from tests.clauses.factories import LotFactory, MarketFactory, OperationFactory

pytestmark = pytest.mark.django_db


def _lots_by_operation(page: str) -> dict[str, str]:
    rows = re.findall(r"<tr><td><a [^>]*>([^<]+)</a>.*?<td class=\"text-end\">([^<]*)</td></tr>", page)
    return dict(rows)


def test_lot_counts_over_every_market_and_sorted_by_them(client, scenario):
    commune = scenario["operation"].commune
    busy = OperationFactory(name="Médiathèque", commune=commune)
    for lots in (2, 1):
        market = MarketFactory(operation=busy)
        LotFactory.create_batch(lots, market=market)
    OperationFactory(name="Voirie sans lot", commune=commune)
    client.force_login(scenario["facilitator"])

    counts = _lots_by_operation(client.get(reverse("clauses:operation_list")).content.decode())
    assert counts == {"Médiathèque": "3", "Groupe scolaire": "1", "Voirie sans lot": "0"}

    by_lots = client.get(reverse("clauses:operation_list"), {"tri": "-lots"}).content.decode()
    assert list(_lots_by_operation(by_lots)) == ["Médiathèque", "Groupe scolaire", "Voirie sans lot"]
    export = client.get(reverse("clauses:operation_list"), {"export": "csv", "tri": "-lots"}).content.decode()
    assert re.search(r"Médiathèque.*;3\b", export) or re.search(r"Médiathèque.*,3\b", export)
