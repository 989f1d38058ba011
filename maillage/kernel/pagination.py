"""One paginator for every list page.

A page is read in two queries: the ids of its rows (filtered, sorted, cut), then those rows with
everything the table shows (joined relations, annotations). PostgreSQL planned the one-query form
slowly: with five joined tables and a wide row, finding the join order for ``ORDER BY … LIMIT``
took 10–25 ms, several times the query itself, where the ids alone plan in 1–2 ms (issue #9,
``bench/load.py``).
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable

PER_PAGE = 25  # a screen or two of rows; lists are searched, filtered and sorted rather than scrolled
BULK_PER_PAGE = 50  # pages whose rows are acted on together (the declarations to validate)


def _reads_ids_first(rows) -> bool:
    return (
        isinstance(rows, QuerySet)
        and rows._iterable_class is ModelIterable
        and not rows.query.combinator
        and not rows.query.distinct_fields
    )


class IdsFirstPaginator(Paginator):
    def _get_page(self, object_list, number, paginator) -> Page:
        if _reads_ids_first(object_list):
            object_list = self._rows_of(object_list)
        return super()._get_page(object_list, number, paginator)

    def _rows_of(self, page_slice: QuerySet) -> list:
        ids = list(dict.fromkeys(page_slice.values_list("pk", flat=True)))
        if not ids:
            return []
        found = {row.pk: row for row in self.object_list.filter(pk__in=ids).order_by()}
        return [found[pk] for pk in ids if pk in found]


def page_of(request, queryset, per_page: int = PER_PAGE) -> Page:
    """The page asked by ``?page=`` (the last one when out of range, the first one when invalid)."""
    return IdsFirstPaginator(queryset, per_page).get_page(request.GET.get("page"))
