"""Retention of the generic import's error reports (every refused line of a run): deleted after a week."""

from datetime import datetime, timedelta

from django.core.files.storage import default_storage

from .importers.generic import REPORTS_DIR

KEEP = timedelta(days=7)


def purge(now: datetime, dry_run: bool) -> dict[str, int]:
    due = []
    try:
        _dirs, files = default_storage.listdir(REPORTS_DIR)
    except FileNotFoundError:
        files = []
    for name in files:
        path = f"{REPORTS_DIR}/{name}"
        if default_storage.get_modified_time(path) < now - KEEP:
            due.append(path)
    if not dry_run:
        for path in due:
            default_storage.delete(path)
    return {"rapports d'erreurs d'import de l'observatoire": len(due)}
