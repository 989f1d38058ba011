"""Retention periods, enforced by ``python manage.py enforce_retention`` (to run daily, e.g. by cron).

Each module that keeps personal data exposes ``purge(now, dry_run) -> dict[str, int]`` in a
``retention`` module listed here; the command runs them all and prints what was (or would be)
deleted or anonymised.
"""

from datetime import datetime

from maillage.kernel import plugins

from .hooks import provided

RETENTION_MODULES = [
    "maillage.accounts.retention",
    "maillage.clauses.retention",
    "maillage.companies.retention",
    "maillage.jobs.retention",
]


def run_all(now: datetime, dry_run: bool) -> dict[str, dict[str, int]]:
    results = {}
    for name, module in provided(RETENTION_MODULES):
        results[name.split(".")[1]] = module.purge(now=now, dry_run=dry_run)
    for spec, purge in plugins.with_hook("retention"):
        results[spec.key] = purge(now=now, dry_run=dry_run)
    return results
