"""Permission matrix of the shared identity (duplicates and merge: platform administrators only)."""

from tests.matrix import row

# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "people:duplicates": row({}, "302 200 403 403 403 403 403 403 403 403 403"),
    "people:merge": row({}, "302 302 403 403 403 403 403 403 403 403 403", method="POST"),
}

# Query-count guards (tests/matrix/test_query_counts.py): at most this many SQL queries for the
# MDE administrator on the grown world.
QUERIES = {
    "people:duplicates": 9,
}
