"""Permission matrix of the shell (home, tasks, module pages) and the API's own pages."""

from tests.matrix import row

# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "healthz": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "core:home": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "core:sources": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "core:module": row({"key": "=clauses"}, "302 302 302 302 302 302 302 302 302 302 302"),
    "core:task_list": row({}, "302 200 200 200 403 403 403 403 403 200 403"),
    "core:task_demo_start": row({}, "302 302 302 302 403 403 403 403 403 302 403", method="POST"),
    "core:task_detail": row({"pk": "task_run"}, "302 200 404 404 404 404 404 404 404 404 404"),
    "api-root": row({}, "401 200 200 200 200 200 200 200 200 200 200"),
    "api-schema": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "api-docs": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
}

# Query-count guards (tests/matrix/test_query_counts.py): at most this many SQL queries for the
# MDE administrator on the grown world.
QUERIES = {
    "healthz": 3,
    "core:home": 35,
    "core:sources": 5,
    "core:task_list": 6,
    "core:task_detail": 6,
    "api-root": 2,
    "api-schema": 4,
    "api-docs": 5,
}
