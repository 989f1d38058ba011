"""Permission matrix of the directory module (see tests/matrix/__init__.py).

Written by the structure engineer when the module landed without one: rows whose arguments are
``999999`` or ``"=inconnu"`` ask for an object that does not exist, so they only pin who is sent to
the login page, refused or told « introuvable ». The module's owner replaces them with real objects
(``build(world)``) and records the codes again (``MATRIX_RECORD=path pytest tests/matrix``).
"""

from tests.matrix import row

# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "directory-data-inclusion-list": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory-data-inclusion-services": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory-data-inclusion-structures": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory-referral-answer": row({"pk": "=999999"}, "401 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "directory-referral-detail": row({"pk": "=999999"}, "401 404 404 404 404 404 404 404 404 404 404"),
    "directory-referral-list": row({}, "401 200 200 200 200 200 200 200 200 200 200"),
    "directory-service-detail": row({"pk": "=999999"}, "404 404 404 404 404 404 404 404 404 404 404"),
    "directory-service-list": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory-structure-detail": row({"pk": "=999999"}, "404 404 404 404 404 404 404 404 404 404 404"),
    "directory-structure-list": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory:attachment_download": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"),
    "directory:counts": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "directory:guide": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory:import_detail": row({"pk": 999999}, "302 404 403 404 403 403 403 403 403 403 403"),
    "directory:import_list": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "directory:import_mapping": row({"token": "=inconnu"}, "302 404 403 404 403 403 403 403 403 403 403"),
    "directory:import_report": row({"pk": 999999}, "302 404 403 404 403 403 403 403 403 403 403"),
    "directory:questionnaire": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory:referral_answer": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "directory:referral_create": row({"service_pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"),
    "directory:referral_detail": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"),
    "directory:referral_list": row({}, "302 200 200 200 200 200 200 200 200 200 200"),
    "directory:search": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory:service_create": row({"structure_pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"),
    "directory:service_detail": row({"pk": 999999}, "404 404 404 404 404 404 404 404 404 404 404"),
    "directory:service_edit": row(
        {"structure_pk": 999999, "pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"
    ),
    "directory:service_rules": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"),
    "directory:structure_checked": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "directory:structure_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "directory:structure_detail": row({"pk": 999999}, "404 404 404 404 404 404 404 404 404 404 404"),
    "directory:structure_edit": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"),
    "directory:structure_list": row({}, "302 200 200 200 200 200 200 200 200 200 200"),
}
