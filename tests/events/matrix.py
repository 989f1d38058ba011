"""Permission matrix of the events module (see tests/matrix/__init__.py).

Event A is the MDE's job dating in EPCI A, with company A's stand offering its offer; event B is the
PLIE's forum in EPCI B, with company B's stand (``OBJECTS``: what each role gets on the other side's).
Rows whose arguments are ``999999`` or ``"=inconnu"`` (signed links, registrations, applications)
still ask for an object that does not exist: they pin who is sent to the login page or refused.
"""

from maillage.events.services import stands as stand_services
from tests.events.conftest import make_event
from tests.matrix import row


def build(world):
    world.event = make_event(world.mde, commune=world.commune_a, title="Job dating de l'industrie", remote=20)
    world.stand = stand_services.add_stand(event=world.event, establishment=world.establishment)
    world.stand_offer = stand_services.add_offer(stand=world.stand, offer=world.offer)
    world.far_event = make_event(world.plie, commune=world.commune_b, title="Forum de Louviers", days=20)
    world.far_stand = stand_services.add_stand(event=world.far_event, establishment=world.far_establishment)


# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "event-application-decide": row({"pk": "=999999"}, "401 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "event-application-detail": row({"pk": "=999999"}, "401 404 404 404 404 404 404 404 404 404 404"),
    "event-application-list": row({}, "401 200 200 200 200 200 200 200 200 200 200"),
    "event-detail": row({"pk": "event"}, "200 200 200 200 200 200 200 200 200 200 200"),
    "event-kpis": row({"pk": "event"}, "401 200 200 200 200 403 200 200 403 200 403"),
    "event-list": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "event-stand-detail": row({"pk": "stand"}, "401 200 200 200 200 200 200 200 404 200 404"),
    "event-stand-list": row({}, "401 200 200 200 200 200 200 200 200 200 200"),
    "events:add_existing_offer": row({"pk": "stand"}, "302 200 403 200 403 200 403 403 403 403 403", method="POST"),
    "events:add_partner": row({"pk": "event"}, "302 200 403 200 403 403 403 403 403 403 403", method="POST"),
    "events:add_question": row(
        {"pk": "stand", "stand_offer_id": "stand_offer"}, "302 200 403 200 403 200 403 403 403 403 403", method="POST"
    ),
    "events:add_slots": row({"pk": "stand"}, "302 200 403 200 403 200 403 403 403 403 403", method="POST"),
    "events:add_stand": row({"pk": "event"}, "302 200 403 200 403 403 403 403 403 403 403", method="POST"),
    "events:apply": row(
        {"token": "=inconnu", "stand_offer_id": 999999}, "404 404 404 404 404 404 404 404 404 404 404", method="POST"
    ),
    "events:badges": row({"pk": "event"}, "302 200 200 200 403 403 403 403 403 403 403"),
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
    "events:company_satisfaction": row({"pk": "stand"}, "302 200 403 200 403 200 403 403 403 403 403", method="POST"),
    "events:create_offer": row({"pk": "stand"}, "302 200 403 200 403 200 403 403 403 403 403", method="POST"),
    "events:decide": row(
        {"pk": 999999, "application_id": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"
    ),
    "events:edit_stand": row({"pk": "stand"}, "302 302 403 302 403 302 403 403 403 403 403", method="POST"),
    "events:event_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "events:event_detail": row({"pk": "event"}, "302 200 200 200 200 200 200 200 200 200 403"),
    "events:event_edit": row({"pk": "event"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "events:event_list": row({}, "302 200 200 200 200 200 200 200 200 200 403"),
    "events:invitations": row({"pk": "event"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "events:my_registrations": row({}, "302 200 200 200 200 200 200 200 200 200 200"),
    "events:manage_registration": row({"token": "=inconnu"}, "404 404 404 404 404 404 404 404 404 404 404"),
    "events:on_behalf": row({"pk": "event"}, "302 200 200 200 302 403 403 403 403 302 403", method="POST"),
    "events:outcome": row(
        {"pk": 999999, "application_id": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"
    ),
    "events:public_event": row({"pk": "event"}, "200 200 200 200 200 200 200 200 200 200 200"),
    "events:public_event_ics": row({"pk": "event"}, "200 200 200 200 200 200 200 200 200 200 200"),
    "events:registrants": row({"pk": "event"}, "302 200 200 200 403 403 403 403 403 403 403"),
    "events:report": row({"pk": "event", "fmt": "=xlsx"}, "302 200 200 200 403 403 403 403 403 403 403"),
    "events:satisfaction": row({"token": "=inconnu"}, "404 404 404 404 404 404 404 404 404 404 404", method="POST"),
    "events:stand_detail": row({"pk": "stand"}, "302 200 200 200 200 200 200 200 403 200 403"),
    "events:toggle_checklist": row(
        {"pk": 999999, "item_id": 999999}, "302 404 404 404 404 404 404 404 404 404 404", method="POST"
    ),
    "events:unsubscribe": row({"token": "=inconnu"}, "404 404 404 404 404 404 404 404 404 404 404"),
    "events:walk_in": row({"pk": "event"}, "302 200 200 200 403 403 403 403 403 403 403", method="POST"),
    "events:yearly": row({"year": 999999}, "302 200 200 200 200 403 200 200 403 200 403"),
}

# The other side's objects: the PLIE's event in EPCI B and company B's stand there.
OBJECTS = {
    "event-detail": row({"pk": "far_event"}, "200 200 200 200 200 200 200 200 200 200 200"),
    "event-stand-detail": row({"pk": "far_stand"}, "401 200 200 200 200 404 200 200 200 200 404"),
    "events:edit_stand": row({"pk": "far_stand"}, "302 302 403 302 403 403 403 403 302 403 403", method="POST"),
    "events:event_detail": row({"pk": "far_event"}, "302 200 200 200 200 200 200 200 200 200 403"),
    "events:event_edit": row({"pk": "far_event"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "events:registrants": row({"pk": "far_event"}, "302 200 403 200 403 403 403 403 403 200 403"),
    "events:stand_detail": row({"pk": "far_stand"}, "302 200 200 200 200 403 200 200 200 200 403"),
}
