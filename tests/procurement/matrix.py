"""Permission matrix of public procurement (open DECP data; imports and prospects for staff)."""

from maillage.procurement.models import DecpImport
from tests.matrix import row
from tests.procurement.factories import contract


def build(world):
    world.decp_contract = contract(epci=world.epci_a.code, commune=world.commune_a.code)
    world.decp_import = DecpImport.objects.create(label="decp.json", created_by=world.user("facilitator"))


def grow(world):
    """Eight more DECP contracts of the perimeter."""
    for index in range(8):
        contract(epci=world.epci_a.code, commune=world.commune_a.code, amount=50000 + index)


# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "procurement:radar": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "procurement:radar_map": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "procurement:settings": row({}, "302 200 403 403 403 403 403 403 403 403 403"),
    "procurement:contract_list": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "procurement:contract_detail": row({"pk": "decp_contract"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "procurement:contract_follow": row({"pk": "decp_contract"}, "302 200 200 403 403 403 403 403 403 200 403"),
    "procurement:prospects": row({}, "302 200 200 200 403 403 403 403 403 200 403"),
    "procurement:import_list": row({}, "302 200 200 200 403 403 403 403 403 200 403"),
    "procurement:import_detail": row({"pk": "decp_import"}, "302 200 200 200 403 403 403 403 403 200 403"),
    "procurement:import_report": row({"pk": "decp_import"}, "302 404 404 404 403 403 403 403 403 404 403"),
    "procurement-contract-list": row({}, "401 200 200 200 200 403 200 200 403 200 403"),
    "procurement-contract-detail": row({"pk": "decp_contract"}, "401 200 200 200 200 403 200 200 403 200 403"),
    "procurement-radar-list": row({}, "401 200 200 200 200 403 200 200 403 200 403"),
}

# Query-count guards (tests/matrix/test_query_counts.py): at most this many SQL queries for the
# MDE administrator on the grown world.
QUERIES = {
    "procurement:radar": 18,
    "procurement:radar_map": 12,
    "procurement:settings": 6,
    "procurement:contract_list": 13,
    "procurement:contract_detail": 8,
    "procurement:contract_follow": 7,
    "procurement:prospects": 16,
    "procurement:import_list": 6,
    "procurement:import_detail": 6,
    "procurement-contract-list": 10,
    "procurement-contract-detail": 5,
    "procurement-radar-list": 15,
    "procurement:contract_list?export=csv": 9,
    "procurement:prospects?export=csv": 11,
    "procurement:radar?export=csv": 15,
}
