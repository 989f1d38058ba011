"""Querysets compiled once per process, run again with another list of ids.

Django resolves and compiles a queryset's expressions on every evaluation. For a heavy expression
evaluated on every page (the clauses' counting rules: a CASE of five branches with a correlated
subquery, about 5 ms of Python per query for 2 ms of SQL), the SQL is built once with a marker id
and only the list of ids changes between runs. The marker's placeholder becomes one placeholder per id.
"""

from collections.abc import Callable, Sequence

from django.db import connections
from django.db.models import QuerySet

MARKER = -73_401_979  # an id no table holds (primary keys are positive)


class IdListQuery:
    """``build(ids)`` returns the queryset for a list of ids (``…__in=ids``, once); ``rows(ids)`` runs it.

    The rows are the database's own tuples: no field converters are applied, so the selected columns
    must not need any (integers, floats, text — not decimals, dates or JSON on SQLite).
    """

    def __init__(self, build: Callable[[Sequence[int]], QuerySet]):
        self.build = build
        self._compiled: tuple[list[str], list, int, str] | None = None

    def _compile(self) -> tuple[list[str], list, int, str]:
        queryset = self.build([MARKER])
        sql, params = queryset.query.sql_with_params()
        pieces = sql.split("%s")
        if len(pieces) - 1 != len(params) or list(params).count(MARKER) != 1:
            raise ValueError("La requête doit porter la liste d'identifiants une seule fois.")
        return pieces, list(params), list(params).index(MARKER), queryset.db

    def rows(self, ids: Sequence[int]) -> list[tuple]:
        if not ids:
            return []
        if self._compiled is None:
            self._compiled = self._compile()
        pieces, params, position, alias = self._compiled
        placeholders = ", ".join(["%s"] * len(ids))
        sql = "%s".join(pieces[: position + 1]) + placeholders + "%s".join(pieces[position + 1 :])
        values = [*params[:position], *ids, *params[position + 1 :]]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, values)
            return cursor.fetchall()
