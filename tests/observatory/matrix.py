"""Permission matrix of the observatory module (see tests/matrix/__init__.py).

Written by the structure engineer when the module landed without one: rows whose arguments are
``999999`` or ``"=inconnu"`` ask for an object that does not exist, so they only pin who is sent to
the login page, refused or told « introuvable ». The module's owner replaces them with real objects
(``build(world)``) and records the codes again (``MATRIX_RECORD=path pytest tests/matrix``).
"""

from tests.matrix import row

# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "observatory-diagnostics": row(
        {"kind": "=epci", "code": "=200071454"}, "401 200 200 200 200 403 200 200 403 200 403"
    ),
    "observatory-indicators": row({}, "401 400 400 400 400 403 400 400 403 400 403"),
    "observatory-tension": row({}, "401 200 200 200 200 403 200 200 403 200 403"),
    "observatory:action_edit": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"),
    "observatory:branch_detail": row({"pk": 999999}, "302 404 404 404 404 403 403 403 403 404 403"),
    "observatory:branch_list": row({}, "302 200 200 200 200 403 403 403 403 200 403"),
    "observatory:choose": row({}, "302 302 302 302 302 403 302 302 403 302 403"),
    # An empty comment is refused with a message, never a 500.
    "observatory:comment": row({}, "302 302 302 302 302 403 403 403 403 302 403", method="POST"),
    "observatory:datasets": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:diagnostic": row({"kind": "=inconnu"}, "302 404 404 404 404 403 404 404 403 404 403"),
    "observatory:document_detail": row({"pk": 999999}, "302 404 404 404 404 403 404 404 403 404 403"),
    "observatory:document_list": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:export": row({"kind": "=inconnu", "fmt": "=inconnu"}, "302 404 404 404 404 403 404 404 403 404 403"),
    "observatory:fap_rome": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:home": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:import_errors": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "observatory:import_mapping": row({}, "302 302 403 302 403 403 403 403 403 403 403"),
    "observatory:import_upload": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "observatory:map": row({"kind": "=inconnu"}, "302 404 404 404 404 403 404 404 403 404 403"),
    "observatory:metier": row({"kind": "=inconnu", "code": "=inconnu"}, "302 404 404 404 404 403 404 404 403 404 403"),
    "observatory:metier_search": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:project_detail": row({"pk": 999999}, "302 404 404 404 404 403 403 403 403 404 403"),
    "observatory:project_list": row({}, "302 200 200 200 200 403 403 403 403 200 403"),
    "observatory:public_document": row({"pk": 999999}, "404 404 404 404 404 404 404 404 404 404 404"),
    "observatory:public_list": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "observatory:tension": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:version_export": row(
        {"pk": 999999, "number": 999999, "fmt": "=inconnu"}, "302 404 404 404 404 403 404 404 403 404 403"
    ),
    "observatory:version_validate": row(
        {"pk": 999999, "number": 999999}, "302 404 403 404 403 403 403 403 403 403 403", method="POST"
    ),
}
