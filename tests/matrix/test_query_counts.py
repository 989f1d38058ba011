"""Query-count guards: every list, detail, dashboard, export and API list runs a pinned number of
queries at most, on the matrix world grown with more rows (so an N+1 query shows as a failure).

Each module keeps its counts in ``QUERIES`` in its ``tests/<module>/matrix.py``: the key is the URL
name (with ``?query`` for exports), the value the maximum number of queries for the MDE's
administrator, who sees every row. The URL's arguments come from the module's ``MATRIX`` row.
``QUERIES_RECORD=path pytest tests/matrix/test_query_counts.py`` writes the observed counts.
A module grows the world with ``grow(world)`` (more rows of each kind it lists).
"""

import os
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .test_permission_matrix import matrix_modules, resolve_value
from .world import build_world


def guarded(modules) -> dict[str, tuple[object, int]]:
    found = {}
    for module in modules:
        for key, limit in getattr(module, "QUERIES", {}).items():
            name = key.split("?")[0]
            found[key] = (module.MATRIX[name], limit)
    return found


def test_every_guard_names_a_matrix_row():
    for module in matrix_modules():
        for key in getattr(module, "QUERIES", {}):
            assert key.split("?")[0] in module.MATRIX, f"{module.__name__}: {key} absent de MATRIX"


@pytest.mark.django_db
def test_query_counts():
    modules = matrix_modules()
    world = build_world(modules)
    for module in modules:
        grow = getattr(module, "grow", None)
        if grow is not None:
            grow(world)
    client = Client()
    client.force_login(world.users["admin"])
    client.get(reverse("core:home"))  # warm the per-process caches (referential vocabularies, settings)
    record = os.environ.get("QUERIES_RECORD")
    lines, over = [], []
    for key, (spec, limit) in sorted(guarded(modules).items()):
        name, _, query = key.partition("?")
        url = reverse(name, kwargs={k: resolve_value(world, path) for k, path in spec.kwargs.items()})
        query = query or spec.query
        if query:
            url += "?" + query
        client.get(url)  # the first call fills per-process caches; the guard is on the steady state
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, f"{key} : HTTP {response.status_code}"
        count = len(queries.captured_queries)
        lines.append(f'    "{key}": {count},')
        if count > limit:
            over.append(f"{key} : {count} requêtes (au plus {limit})")
    if record:
        Path(record).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    assert not over, "trop de requêtes SQL (N+1 ?) :\n" + "\n".join(over)
