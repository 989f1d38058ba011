"""Retention of participants' files, run by ``manage.py enforce_retention`` (declared in ``module.py``); and of
the import batches (the rows of an uploaded file), a week after their upload."""

from datetime import datetime, timedelta

from django.conf import settings

from .services import imports, participants
from .services.sizing import add_months

IMPORT_BATCHES_KEPT = timedelta(days=7)


def purge(now: datetime, dry_run: bool) -> dict[str, int]:
    months = int(getattr(settings, "CLAUSES_PARTICIPANT_RETENTION_MONTHS", 36))
    before = add_months(now.date().replace(day=1), -months)
    people = participants.inactive_participants(before)
    count = people.count()
    if not dry_run:
        for person in people.iterator(chunk_size=500):
            participants.anonymise_participant(None, person)
    return {
        "participants inactifs anonymisés": count,
        "imports en attente ou traités (lignes de personnes) supprimés": imports.purge_batches(
            now - IMPORT_BATCHES_KEPT, dry_run
        ),
    }
