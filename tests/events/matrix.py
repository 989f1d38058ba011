"""Permission matrix of the events module (see tests/matrix/__init__.py).

Written by the structure engineer when the module landed without one: rows whose arguments are
``999999`` or ``"=inconnu"`` ask for an object that does not exist, so they only pin who is sent to
the login page, refused or told « introuvable ». The module's owner replaces them with real objects
(``build(world)``) and records the codes again (``MATRIX_RECORD=path pytest tests/matrix``).
"""

from tests.matrix import row

# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "event-application-decide": row({"pk": "=999999"}, "401 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "event-application-detail": row({"pk": "=999999"}, "401 404 404 404 404 404 404 404 404 404 404"),
    "event-application-list": row({}, "401 200 200 200 200 200 200 200 200 200 200"),
    "event-detail": row({"pk": "=999999"}, "404 404 404 404 404 404 404 404 404 404 404"),
    "event-kpis": row({"pk": "=999999"}, "401 404 404 404 404 404 404 404 404 404 404"),
    "event-list": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "event-stand-detail": row({"pk": "=999999"}, "401 404 404 404 404 404 404 404 404 404 404"),
    "event-stand-list": row({}, "401 200 200 200 200 200 200 200 200 200 200"),
    "events:add_existing_offer": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "events:add_partner": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "events:add_question": row(
        {"pk": 999999, "stand_offer_id": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"
    ),
    "events:add_slots": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "events:add_stand": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "events:apply": row(
        {"token": "=inconnu", "stand_offer_id": 999999}, "404 404 404 404 404 404 404 404 404 404 404", method="POST"
    ),
    "events:badges": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"),
    "events:book_slot": row({"token": "=inconnu"}, "404 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "events:calendar": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "events:calendar_ics": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "events:cancel_registration": row(
        {"token": "=inconnu"}, "404 404 404 404 404 404 404 404 404 404 404", method="POST"
    ),
    "events:cancel_slot": row(
        {"token": "=inconnu", "slot_id": 999999}, "404 404 404 404 404 404 404 404 404 404 404", method="POST"
    ),
    "events:check_in": row(
        {"pk": 999999, "registration_id": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"
    ),
    "events:check_in_code": row({"token": "=inconnu"}, "302 404 404 404 404 404 404 404 404 404 404"),
    "events:company_satisfaction": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "events:create_offer": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "events:decide": row(
        {"pk": 999999, "application_id": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"
    ),
    "events:edit_stand": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "events:event_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "events:event_detail": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 403"),
    "events:event_edit": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"),
    "events:event_list": row({}, "302 200 200 200 200 200 200 200 200 200 403"),
    "events:invitations": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"),
    "events:manage_registration": row({"token": "=inconnu"}, "404 404 404 404 404 404 404 404 404 404 404"),
    "events:on_behalf": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "events:outcome": row(
        {"pk": 999999, "application_id": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"
    ),
    "events:public_event": row({"pk": 999999}, "404 404 404 404 404 404 404 404 404 404 404"),
    "events:public_event_ics": row({"pk": 999999}, "404 404 404 404 404 404 404 404 404 404 404"),
    "events:registrants": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"),
    "events:report": row({"pk": 999999, "fmt": "=inconnu"}, "302 404 404 404 404 404 404 404 404 404 404"),
    "events:satisfaction": row({"token": "=inconnu"}, "404 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "events:stand_detail": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404"),
    "events:toggle_checklist": row(
        {"pk": 999999, "item_id": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"
    ),
    "events:unsubscribe": row({"token": "=inconnu"}, "404 404 404 404 404 404 404 404 404 404 404"),
    "events:walk_in": row({"pk": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "events:yearly": row({"year": 999999}, "302 200 200 200 200 403 200 200 403 200 403"),
}
