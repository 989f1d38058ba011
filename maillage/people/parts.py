"""What a module's person-part shares: the identity read from, and written to, the one ``Person``.

A part declares ``person = models.OneToOneField("people.Person", ...)`` and lists the identity fields
it uses in ``PERSON_FIELDS``; ``identity_property`` gives each one a property so the part reads
``participant.last_name`` and can be built with ``Participant(last_name=…)`` while the value is held
once, on the person. Queries go through the relation: ``filter(person__last_name=…)``.
"""

from django.core.exceptions import ObjectDoesNotExist

from .models import Person, identity_key

_EMPTY = {"birth_date": None, "commune": None, "commune_id": None}


def identity_property(name: str) -> property:
    def getter(self):
        person = self.person_or_none()
        return getattr(person, name) if person is not None else _EMPTY.get(name, "")

    def setter(self, value):
        person = self.person_or_none()
        if person is None:
            person = Person()
            self.person = person
        if getattr(person, name) != value:
            setattr(person, name, value)
            self._person_dirty = True

    return property(getter, setter)


class PersonPart:
    """Mixin of a module's part of a person (a Django model with a ``person`` one-to-one)."""

    def person_or_none(self) -> Person | None:
        try:
            return self.person
        except ObjectDoesNotExist:
            return None

    def save_person(self) -> None:
        """Save the person first when the part created or changed it (called by the part's ``save``)."""
        person = self.person_or_none()
        if person is not None and getattr(self, "commune_id", None) and person.commune_id is None:
            person.commune_id = self.commune_id  # the contact address, when the person had none
            self._person_dirty = True
        if person is not None and (person.pk is None or getattr(self, "_person_dirty", False)):
            person.save()
            self.person = person
        self._person_dirty = False


def bulk_create_parts(model, parts: list, batch_size: int = 1000) -> list:
    """``bulk_create`` for parts built with identity kwargs: their persons are written first, in bulk."""
    persons = []
    for part in parts:
        person = part.person_or_none()
        if person is not None and person.pk is None:
            person.identity_key = identity_key(person.last_name, person.first_name, person.birth_date)
            persons.append(person)
    Person.objects.bulk_create(persons, batch_size=batch_size)
    for part in parts:
        part.person = part.person  # copies the new primary key into ``person_id``
        part._person_dirty = False
    return model.objects.bulk_create(parts, batch_size=batch_size)


def part_relations():
    """The relations from ``Person`` to the modules' parts (one-to-one or foreign keys), discovered."""
    return [
        rel
        for rel in Person._meta.related_objects
        if (rel.one_to_one or rel.one_to_many) and rel.related_model._meta.app_label != "people"
    ]


def other_parts_exist(person: Person, part) -> bool:
    """Whether another module's part (or another row) still points to ``person``."""
    for rel in part_relations():
        queryset = rel.related_model._default_manager.filter(**{rel.field.name: person})
        if rel.related_model is type(part):
            queryset = queryset.exclude(pk=part.pk)
        if queryset.exists():
            return True
    return False


def anonymise_identity(part, *, last_name: str, first_name: str, birth_date=None) -> None:
    """Erase the identity behind ``part`` without touching another module's part of the same person.

    If the person still has a part elsewhere (a clause path still followed), this part moves to a fresh
    anonymous person and the shared identity stays for the other; otherwise the person is anonymised."""
    person = part.person_or_none()
    if person is None or (person.pk and other_parts_exist(person, part)):
        person = Person()
        part.person = person
    person.last_name, person.first_name, person.birth_date = last_name, first_name, birth_date
    person.email = person.phone = ""
    person.commune = None
    part._person_dirty = True
