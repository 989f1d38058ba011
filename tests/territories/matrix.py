"""Permission matrix of territories (perimeter, map, commune search, EPCI)."""

from tests.matrix import row

# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "territories:perimeter": row({}, "302 200 200 200 200 200 200 200 200 200 403"),
    "territories:perimeter_geojson": row({}, "302 200 200 200 200 200 200 200 200 200 403"),
    "territories:commune_search": row({}, "302 200 200 200 200 200 200 200 200 200 403", query="q=evr"),
    "territories:epci_detail": row({"code": "epci_a.code"}, "302 200 200 200 200 200 200 200 200 200 403"),
    "territories:epci_autocomplete": row({}, "302 200 200 200 200 200 200 200 200 200 403", query="q=evr"),
    "commune-list": row({}, "401 200 200 200 200 200 200 200 200 200 403"),
    "commune-detail": row({"pk": "commune_a.code"}, "401 200 200 200 200 200 200 200 200 200 403"),
    "epci-list": row({}, "401 200 200 200 200 200 200 200 200 200 403"),
    "epci-detail": row({"pk": "epci_a.code"}, "401 200 200 200 200 200 200 200 200 200 403"),
}

# Query-count guards (tests/matrix/test_query_counts.py): at most this many SQL queries for the
# MDE administrator on the grown world.
QUERIES = {
    "territories:perimeter": 7,
    "territories:perimeter_geojson": 7,  # the contours are read by the map alone, in their own query
    "territories:commune_search": 7,
    "territories:epci_detail": 7,
    "commune-list": 6,
    "commune-detail": 5,
    "epci-list": 6,
    "epci-detail": 5,
}
