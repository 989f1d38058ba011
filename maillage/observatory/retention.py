"""Retention of the generic import's files, a week after their last use: each run's error report (every
refused line) and the uploads of imports never confirmed. Statistics only, no personal data
(``module.py`` leaves ``personal_data`` False); an upload still being mapped is renewed at each use
(``import_files``), so an import in progress keeps its file."""

from datetime import datetime

from .import_files import REPORTS_DIR, UPLOADS_DIR, purge_unused


def purge(now: datetime, dry_run: bool) -> dict[str, int]:
    return {
        "rapports d'erreurs d'import de l'observatoire": purge_unused(REPORTS_DIR, now, dry_run),
        "fichiers déposés pour un import de l'observatoire non confirmé": purge_unused(UPLOADS_DIR, now, dry_run),
    }
