"""Long clause tables are paged on the server and sortable by accessible column headers."""

from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.clauses import services
from maillage.kernel.pagination import PER_PAGE
from tests.clauses.factories import LotFactory, MarketFactory

pytestmark = pytest.mark.django_db
LAST, BEFORE_LAST = f"Essai {PER_PAGE + 9:03d}", f"Essai {PER_PAGE + 8:03d}"  # the largest targets
FAR_DOWN = "Essai 010"  # on the second page when sorted by target, largest first


@pytest.fixture
def many_lots(scenario):
    market = MarketFactory(operation=scenario["operation"])
    lots = [
        LotFactory(market=market, label=f"Essai {n:03d}", target_hours=Decimal(100 + n)) for n in range(PER_PAGE + 10)
    ]
    for lot in lots:
        services.assign_counting_rule(lot)
    return lots


def test_the_dashboard_table_is_paged_and_sorted_by_a_figure(client, scenario, many_lots):
    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:dashboard")).content.decode()
    assert page.count('<a href="/clauses/lots/') <= PER_PAGE + 15  # one page of rows, plus the alerts
    assert "Page 1 sur 2" in page
    sorted_page = client.get(reverse("clauses:dashboard"), {"tri": "-prevues"}).content.decode()
    first_rows = sorted_page.split("<tbody>")[1]
    assert first_rows.index(LAST) < first_rows.index(BEFORE_LAST)
    assert 'aria-sort="descending"' in sorted_page
    second = client.get(reverse("clauses:dashboard"), {"tri": "-prevues", "page": 2}).content.decode()
    assert "Essai 000" in second.split("<tbody>")[1] and LAST not in second.split("<tbody>")[1]


def test_sort_headers_are_links_that_keep_the_filters_and_say_the_direction(client, scenario, many_lots):
    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:lot_list"), {"q": "essai", "page": 2}).content.decode()
    assert 'aria-sort="ascending"' in page  # the default order (by operation) is announced
    assert 'href="?q=essai&amp;tri=-prevues"' in page  # figures sort the largest first; back to page 1
    assert "trier par ordre décroissant" in page and "(trié par ordre croissant)" in page
    by_rate = client.get(reverse("clauses:lot_list"), {"q": "essai", "tri": "-prevues"}).content.decode()
    body = by_rate.split("<tbody>")[1]
    assert body.index(LAST) < body.index(FAR_DOWN)
    unknown = client.get(reverse("clauses:lot_list"), {"tri": "'; drop table"})
    assert unknown.status_code == 200


def test_operations_and_participants_sort_by_their_headers(client, scenario):
    from tests.clauses.factories import OperationFactory

    OperationFactory(name="Aaa première", commune=scenario["operation"].commune)
    OperationFactory(name="Zzz dernière", commune=scenario["operation"].commune)
    client.force_login(scenario["facilitator"])
    body = client.get(reverse("clauses:operation_list"), {"tri": "-operation"}).content.decode().split("<tbody>")[1]
    assert body.index("Zzz dernière") < body.index("Groupe scolaire") < body.index("Aaa première")
    page = client.get(reverse("clauses:participant_list"), {"tri": "-nom"}).content.decode()
    assert 'aria-sort="descending"' in page
    body = page.split("<tbody>")[1]
    assert body.index("MARTIN") < body.index("BERNARD")


def test_participants_sort_by_name_as_people_read_it(client, scenario):
    """SQL sorts the raw bytes: « Écalard » came after « Zola ». The folded name puts it among the E."""
    from tests.clauses.factories import ContractFactory

    lot = scenario["lot"] if "lot" in scenario else scenario["operation"].markets.first().lots.first()
    for name in ("Zola", "Écalard", "Dupont"):
        ContractFactory(lot=lot, participant__last_name=name)
    client.force_login(scenario["facilitator"])
    body = client.get(reverse("clauses:participant_list"), {"tri": "nom"}).content.decode().split("<tbody>")[1]
    assert body.index("DUPONT") < body.index("ÉCALARD") < body.index("MARTIN") < body.index("ZOLA")
