"""Retention periods, enforced by ``python manage.py enforce_retention`` (daily: ``maillage.core.tasks``).

Each module that keeps personal data says so (``personal_data=True``) and declares
``retention = "...:purge"`` in its ``module.py``, with ``purge(now, dry_run) -> dict[str, int]`` (a missing
hook stops the start-up: check ``maillage.E002``); a module without personal data may declare one for the
files it keeps (the observatory's import files). The command runs them all and
prints what was (or would be) deleted or anonymised.
"""

from datetime import datetime

from maillage.kernel import plugins


def run_all(now: datetime, dry_run: bool) -> dict[str, dict[str, int]]:
    results = {}
    for spec, purge in plugins.with_hook("retention"):
        results[spec.app_name or spec.key] = purge(now=now, dry_run=dry_run)
    return results
