"""Pages read ids first, then their rows: the same rows in the same order as one query, with their
annotations and joined relations, in two queries whose wide one has neither ORDER BY nor LIMIT."""

import pytest
from django.db import connection
from django.db.models import Count, F
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from maillage.kernel.pagination import page_of
from maillage.territories.models import Commune
from tests.factories import CommuneFactory, EpciFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes():
    big, small = EpciFactory(name="CA Grande"), EpciFactory(name="CC Petite")
    rows = [CommuneFactory(name=f"Commune {n:02d}", epci=big if n % 3 else small) for n in range(30)]
    return rows


def _page(number, queryset, per_page=7):
    return page_of(RequestFactory().get("/", {"page": number}), queryset, per_page)


def test_same_rows_in_the_same_order_as_one_query(communes):
    queryset = Commune.objects.select_related("epci").annotate(twin=F("name")).order_by("epci__name", "-name")
    expected = list(queryset)
    seen = []
    for number in range(1, 6):
        page = _page(number, queryset)
        seen += list(page.object_list)
    assert [c.code for c in seen] == [c.code for c in expected]
    assert all(c.twin == c.name for c in seen)
    with CaptureQueriesContext(connection) as queries:
        assert seen[0].epci.name == "CA Grande"  # joined with the rows: no further query
    assert len(queries) == 0


def test_the_wide_query_is_neither_sorted_nor_cut(communes):
    with CaptureQueriesContext(connection) as queries:
        page = _page(2, Commune.objects.select_related("epci").order_by("name"))
        list(page.object_list)
    ids_query, rows_query = (q["sql"] for q in queries.captured_queries[-2:])
    assert "LIMIT" in ids_query and "ORDER BY" in ids_query and "territories_epci" not in ids_query.split("FROM")[0]
    assert "LIMIT" not in rows_query and "ORDER BY" not in rows_query and "territories_epci" in rows_query
    assert [c.name for c in page.object_list] == [f"Commune {n:02d}" for n in range(7, 14)]


def test_aggregates_distinct_values_and_lists_still_page(communes):
    from maillage.territories.models import Epci

    by_size = Epci.objects.annotate(n=Count("communes")).filter(n__gt=0).order_by("-n")
    assert [(e.name, e.n) for e in _page(1, by_size).object_list] == [("CA Grande", 20), ("CC Petite", 10)]
    distinct = Commune.objects.filter(epci__name__startswith="C").distinct().order_by("-code")
    assert len(_page(1, distinct, 50).object_list) == 30
    by_epci = Commune.objects.filter(epci__communes__name__startswith="C").distinct().order_by("-epci__name", "code")
    rows = list(_page(1, by_epci, 50).object_list)
    assert len(rows) == 30 and rows[0].epci.name == "CC Petite" and rows[-1].epci.name == "CA Grande"
    values = Commune.objects.order_by("name").values("name")
    assert _page(1, values).object_list[0] == {"name": "Commune 00"}
    assert list(_page(2, list(range(10)), 4).object_list) == [4, 5, 6, 7]


def test_empty_and_out_of_range_pages():
    assert list(_page(1, Commune.objects.order_by("name")).object_list) == []
    assert _page("abc", Commune.objects.order_by("name")).number == 1
