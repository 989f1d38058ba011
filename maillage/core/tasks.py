"""The shell's demonstration task (progress bar of the task pages)."""

import time

from huey.contrib.djhuey import db_task

from maillage.kernel.tasks import finish_task_run, report_progress, tracked_run
from maillage.territories.models import Departement


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
