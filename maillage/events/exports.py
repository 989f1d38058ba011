"""The events module's exports, declared once: the registrants of an event."""

from maillage.kernel.exports import Column, Table, yes_no

from .choices import REGISTRANT_PUBLICS

PUBLICS = dict(REGISTRANT_PUBLICS)


def _person(attribute: str, missing: str):
    def read(registration):
        person = registration.registrant.person
        return getattr(person, attribute) if person else missing

    return read


REGISTRANTS = Table(
    "inscrits",
    "Inscrits",
    [
        Column("Nom", _person("last_name", "anonymisé")),
        Column("Prénom", _person("first_name", "")),
        Column("Participation", "get_mode_display"),
        Column("État", "get_status_display"),
        Column("Situation", lambda r: PUBLICS.get(r.public, "")),
        Column("Présent", "checked_in_at", yes_no),
        Column("Sans inscription", "walk_in", yes_no),
    ],
)
