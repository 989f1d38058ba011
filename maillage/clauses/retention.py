"""Retention of participants' files, run by ``manage.py enforce_retention`` (declared in ``module.py``)."""

from datetime import datetime

from django.conf import settings

from .services import participants
from .services.sizing import add_months


def purge(now: datetime, dry_run: bool) -> dict[str, int]:
    months = int(getattr(settings, "CLAUSES_PARTICIPANT_RETENTION_MONTHS", 36))
    before = add_months(now.date().replace(day=1), -months)
    people = participants.inactive_participants(before)
    count = people.count()
    if not dry_run:
        for person in people.iterator(chunk_size=500):
            participants.anonymise_participant(None, person)
    return {"participants inactifs anonymisés": count}
