"""Retention of candidates' files, run by ``manage.py enforce_retention`` (declared in ``module.py``)."""

from datetime import datetime

from .services.candidates import purge_inactive, retention_months
from .services.registration import purge_unconfirmed


def purge(now: datetime, dry_run: bool) -> dict[str, int]:
    return {
        "candidats inactifs anonymisés": purge_inactive(months=retention_months(), dry_run=dry_run),
        "inscriptions jamais confirmées supprimées": purge_unconfirmed(now, dry_run),
    }
