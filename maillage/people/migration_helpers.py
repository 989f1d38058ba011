"""Helpers of the data migrations that turn each module's person rows into parts of one ``Person``.

Every existing row keeps its own new person (nothing is merged silently); duplicates are merged
afterwards, with the merge tool, by someone who can judge them (``manage.py merge_persons``)."""

from maillage.people.models import identity_key

BATCH = 500


def create_persons_for(apps, app_label: str, model_name: str, fields: dict[str, str]) -> None:
    """Give every row of ``app_label.model_name`` without a person a ``Person`` holding its identity.

    ``fields`` maps the part's old column to the person's field (e.g. ``{"last_name": "last_name"}``)."""
    Person = apps.get_model("people", "Person")
    Part = apps.get_model(app_label, model_name)
    columns = ["pk", *fields]
    while True:
        rows = list(Part.objects.filter(person__isnull=True).order_by("pk").values(*columns)[:BATCH])
        if not rows:
            return
        for row in rows:
            values = {target: row[source] for source, target in fields.items()}
            for name in ("first_name", "last_name", "email", "phone"):
                if name in values:
                    values[name] = values[name] or ""
            person = Person.objects.create(
                **values,
                identity_key=identity_key(
                    values.get("last_name", ""), values.get("first_name", ""), values.get("birth_date")
                ),
            )
            Part.objects.filter(pk=row["pk"]).update(person=person)


def copy_identity_back(apps, app_label: str, model_name: str, fields: dict[str, str]) -> None:
    """Reverse of ``create_persons_for``: the part's columns take the person's values again."""
    Part = apps.get_model(app_label, model_name)
    for part in Part.objects.select_related("person").iterator():
        if part.person_id:
            for source, target in fields.items():
                setattr(part, source, getattr(part.person, target))
            part.save(update_fields=list(fields))
