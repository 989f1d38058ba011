"""Retention of candidates' files, run by ``manage.py enforce_retention`` (declared in ``module.py``); and of
the France Travail import's error reports, a week after they were written."""

from datetime import datetime, timedelta

from maillage.kernel import stored_files

from .services.candidates import purge_inactive, retention_months
from .services.ft_import import REPORT_DIR, REPORT_PREFIX
from .services.registration import purge_unconfirmed

REPORTS_KEPT = timedelta(days=7)


def purge(now: datetime, dry_run: bool) -> dict[str, int]:
    return {
        "candidats inactifs anonymisés": purge_inactive(months=retention_months(), dry_run=dry_run),
        "inscriptions jamais confirmées supprimées": purge_unconfirmed(now, dry_run),
        "rapports d'import des offres France Travail supprimés": stored_files.purge_unused(
            REPORT_DIR, before=now - REPORTS_KEPT, dry_run=dry_run, name_prefix=REPORT_PREFIX
        ),
    }
