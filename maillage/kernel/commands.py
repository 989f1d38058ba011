"""Management commands that say what they did: start, end, duration and counts in the log.

A command subclasses ``LoggedCommand``, fills ``self.counts`` (e.g. ``{"créés": 12}``) and sets
``atomic = True`` when it writes, so that a failure leaves the database as it was. Counts only:
never personal data in the log.

A simulation is read from ``--dry-run`` (``is_dry_run`` says otherwise for a command that simulates by
default, e.g. ``--appliquer``). A command whose service cannot simulate sets ``rollback_dry_run = True``:
its ``--dry-run`` does all the work in a transaction that is then rolled back.

A command that loads many rows sets ``bulk_load = True``: once it has succeeded (not in simulation), the
planner's statistics are refreshed (``kernel.database``), once, by the outermost such command.
"""

import logging
import threading
import time
from contextlib import nullcontext

from django.core.management.base import BaseCommand
from django.db import transaction

from .database import refresh_planner_statistics

_nesting = threading.local()


class LoggedCommand(BaseCommand):
    atomic = False  # True: ``handle`` runs in one transaction
    rollback_dry_run = False  # True: ``--dry-run`` runs everything, then rolls the transaction back
    bulk_load = False  # True: refresh the planner's statistics after a successful run

    def is_dry_run(self, options: dict) -> bool:
        return bool(options.get("dry_run"))

    def execute(self, *args, **options):
        name = self.__class__.__module__.rsplit(".", 1)[-1]
        logger = logging.getLogger(f"maillage.commands.{name}")
        self.counts: dict[str, int] = {}
        started = time.monotonic()
        simulation = self.is_dry_run(options)
        dry_run = " (simulation)" if simulation else ""
        logger.info("%s%s : début", name, dry_run)
        outermost = not getattr(_nesting, "depth", 0)
        _nesting.depth = getattr(_nesting, "depth", 0) + 1
        try:
            if simulation and self.rollback_dry_run:
                with transaction.atomic():
                    result = super().execute(*args, **options)
                    transaction.set_rollback(True)
            else:
                with transaction.atomic() if self.atomic and not simulation else nullcontext():
                    result = super().execute(*args, **options)
        except Exception:
            logger.error("%s : échec après %.1f s", name, time.monotonic() - started)
            raise
        finally:
            _nesting.depth -= 1
        if self.bulk_load and outermost and not simulation:
            refresh_planner_statistics()
        counts = ", ".join(f"{label} : {value}" for label, value in self.counts.items())
        logger.info(
            "%s%s : fin en %.1f s%s", name, dry_run, time.monotonic() - started, f" ({counts})" if counts else ""
        )
        return result
