"""Sortable columns for every long table: ``?tri=key`` (ascending) or ``?tri=-key`` (descending).

A view declares its columns once (``Sorting(request, columns, default)``), then sorts a queryset
(``sorting.order(queryset)``) or a list of rows (``sorting.sort(rows)``) before paging it with
``kernel.pagination.page_of``. The template renders each header with ``includes/sort_header.html``: a link
(keyboard-reachable) that keeps the other filters and goes back to page 1, the direction in words for
screen readers, and ``aria-sort`` on the header currently sorted.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, F, Func, IntegerField, Value, When

from maillage.common_text import fold

PARAM = "tri"
SQLITE_FOLD = "maillage_fold"  # ``common_text.fold``, registered on each SQLite connection (kernel.apps)


def choice_rank(field: str, choices, *, by_label: bool = False) -> Case:
    """An expression that ranks a choice field the way people read it, to annotate and sort on: in the
    declared order (a workflow, a scale: « Nouvelle » before « Refusée ») or, ``by_label``, in the
    alphabetical order of the French labels (never of the stored codes); unknown values last."""
    if by_label:
        choices = sorted(choices, key=lambda choice: fold(str(choice[1])))
    values = [value for value, _label in choices]
    return Case(
        *(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


# PostgreSQL compares with ICU's root collation (accents and case second: « Évreux » among the E). Folding
# the text there instead (translate, replace) cost 30 times more: 1 060 ms against 32 ms to sort 21 000 names.
ICU_COLLATION = "und-x-icu"


class Folded(Func):
    """A sort key of ``field`` as people read it: accents and case aside (« Évreux » among the E; SQL sorts the
    raw bytes, É after Z), for names of organisations, structures or conventions, on SQLite and PostgreSQL
    alike. SQLite calls ``common_text.fold`` row by row (fine for lists of thousands, not for the 35,000 DECP
    contracts, which would store a folded column like ``Commune.search_name``); PostgreSQL compares in its ICU
    collation. Sort on it, never show it. People's names use ``people.selectors.name_sort_keys``."""

    function = SQLITE_FOLD
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f'({sql})::text COLLATE "{ICU_COLLATION}"', params


@dataclass(frozen=True)
class SortColumn:
    """A sortable column: its key in the URL, its header, how to sort (fields of a queryset, or a function
    of a row for a list); ``descending_first`` for figures, where the largest is what one looks for;
    ``nulls_last`` puts rows without a value after the others in both directions (SQLite sorts NULL
    first, PostgreSQL last: without it, a descending sort of amounts opens on the unknown ones there)."""

    key: str
    label: str
    fields: Sequence[str] = ()
    row_key: Callable[[Any], Any] | None = None
    descending_first: bool = False
    nulls_last: bool = False


class Sorting:
    def __init__(self, request, columns: Sequence[SortColumn], default: str):
        self.columns = {column.key: column for column in columns}
        self.request = request
        asked = request.GET.get(PARAM, "") or default
        descending = asked.startswith("-")
        key = asked[1:] if descending else asked  # one minus at most: « --montant » is malformed, not « -montant »
        if key not in self.columns:  # unknown or malformed: the default order, never a lenient reading
            descending = default.startswith("-")
            key = default[1:] if descending else default
        self.key, self.descending = key, descending

    @property
    def column(self) -> SortColumn:
        return self.columns[self.key]

    def order(self, queryset):
        """The queryset in the chosen order, ties broken by primary key (stable pages)."""
        sign = "-" if self.descending else ""
        if self.column.nulls_last:
            way = "desc" if self.descending else "asc"
            keys = [getattr(F(field), way)(nulls_last=True) for field in self.column.fields]
        else:
            keys = [f"{sign}{field}" for field in self.column.fields]
        return queryset.order_by(*keys, f"{sign}pk")

    def sort(self, rows: list) -> list:
        """A list of rows in the chosen order; empty values (``None``) last whatever the direction."""
        key = self.column.row_key
        present = [row for row in rows if key(row) is not None]
        missing = [row for row in rows if key(row) is None]
        return sorted(present, key=key, reverse=self.descending) + missing

    def header(self, key: str) -> dict:
        """What the header template needs: label, link, ``aria-sort`` value and the direction in words."""
        column = self.columns[key]
        current = key == self.key
        next_descending = not self.descending if current else column.descending_first
        query = self.request.GET.copy()
        query.pop("page", None)
        query[PARAM] = f"-{key}" if next_descending else key
        return {
            "label": column.label,
            "url": f"?{query.urlencode()}",
            "aria_sort": ("descending" if self.descending else "ascending") if current else "",
            "state": ("décroissant" if self.descending else "croissant") if current else "",
            "next": "décroissant" if next_descending else "croissant",
        }

    @property
    def headers(self) -> dict:
        return {key: self.header(key) for key in self.columns}
