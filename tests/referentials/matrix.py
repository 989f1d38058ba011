"""Permission matrix of the referentials (ROME, NAF, CPV)."""

from tests.matrix import row

# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "referentials:fiche_list": row({}, "302 200 200 200 200 200 200 200 200 200 403"),
    "referentials:fiche_detail": row({"code": "=H2605"}, "302 200 200 200 200 200 200 200 200 200 403"),
    "referentials:appellation_search": row({}, "302 200 200 200 200 200 200 200 200 200 403", query="q=cab"),
    "referentials:appellation_autocomplete": row({}, "302 200 200 200 200 200 200 200 200 200 403", query="q=cab"),
    "referentials:fiche_autocomplete": row({}, "302 200 200 200 200 200 200 200 200 200 403", query="q=cab"),
    "referentials:naf_autocomplete": row({}, "302 200 200 200 200 200 200 200 200 200 403", query="q=mac"),
    "referentials:cpv_autocomplete": row({}, "302 200 200 200 200 200 200 200 200 200 403", query="q=trav"),
    "rome-fiche-list": row({}, "401 200 200 200 200 200 200 200 200 200 403"),
    "rome-fiche-detail": row({"code": "=H2605"}, "401 200 200 200 200 200 200 200 200 200 403"),
    "appellation-list": row({}, "401 200 200 200 200 200 200 200 200 200 403"),
    "appellation-detail": row({"pk": "=10004"}, "401 200 200 200 200 200 200 200 200 200 403"),
    "cpv-list": row({}, "401 200 200 200 200 200 200 200 200 200 403"),
    "cpv-detail": row({"pk": "=45000000"}, "401 404 404 404 404 404 404 404 404 404 403"),
    "naf-list": row({}, "401 200 200 200 200 200 200 200 200 200 403"),
    "naf-detail": row({"pk": "=43.99C"}, "401 404 404 404 404 404 404 404 404 404 403"),
}

# Query-count guards (tests/matrix/test_query_counts.py): at most this many SQL queries for the
# MDE administrator on the grown world.
QUERIES = {
    "referentials:fiche_list": 10,
    "referentials:fiche_detail": 13,
    "referentials:appellation_search": 6,
    "referentials:appellation_autocomplete": 5,
    "referentials:fiche_autocomplete": 5,
    "referentials:naf_autocomplete": 5,
    "referentials:cpv_autocomplete": 5,
    "rome-fiche-list": 6,
    "rome-fiche-detail": 9,
    "appellation-list": 6,
    "appellation-detail": 5,
    "cpv-list": 5,
    "naf-list": 5,
    "referentials:fiche_list?export=csv": 5,
}
