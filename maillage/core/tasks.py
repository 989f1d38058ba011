"""The shell's background tasks: the daily retention purge (Huey periodic task) and the
demonstration task of the task pages.

Periodic tasks run in the Huey consumer (``manage.py run_huey``, see docs/deployment.md); each
module's own periodic tasks are declared by ``tasks=`` in its ``module.py``.
"""

import logging
import time

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from maillage.common_text import count_of
from maillage.kernel.tasks import finish_task_run, report_progress, tracked_run
from maillage.territories.models import Departement

from . import retention

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="3", minute="30"))
def enforce_retention_daily() -> dict[str, dict[str, int]]:
    """Every night: the retention purges declared by the modules (counts logged, never personal data)."""
    logger.info("conservation : début")
    results = retention.run_all(now=timezone.now(), dry_run=False)
    total = sum(count for counts in results.values() for count in counts.values())
    logger.info("conservation : fin, %s %s", count_of(total, "enregistrement traité"), results)
    return results


@db_task()
@tracked_run()
def demo_count_communes(run_id: int, step_delay: float = 0.2) -> None:
    """A demonstration task: counts the communes of each département, step by step."""
    departements = list(Departement.objects.order_by("code"))
    total = len(departements)
    report_progress(run_id, 0, total, "Démarrage")
    counts = {}
    for index, departement in enumerate(departements, start=1):
        counts[departement.code] = departement.communes.count()
        report_progress(run_id, index, total, f"Département {departement.code} – {departement.name}")
        if step_delay:
            time.sleep(step_delay)
    finish_task_run(run_id, {"communes": sum(counts.values()), "départements": total}, "Comptage terminé")
