"""Permission matrix of the referentials (ROME, NAF, CPV)."""

from tests.matrix import row

# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "referentials:fiche_list": row({}, "302 200 200 200 200 200 200 200 200 200 403"),
    "referentials:fiche_detail": row({"code": "=H2605"}, "302 200 200 200 200 200 200 200 200 200 403"),
    "referentials:appellation_search": row({}, "302 200 200 200 200 200 200 200 200 200 403", query="q=cab"),
    "referentials:appellation_autocomplete": row({}, "302 200 200 200 200 200 200 200 200 200 403", query="q=cab"),
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
