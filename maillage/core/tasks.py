"""Background tasks of the socle, and the helpers every module uses to report progress."""

import time

from huey.contrib.djhuey import db_task

from .models import TaskRun


def start_task_run(kind: str, label: str, total: int = 0, user=None) -> TaskRun:
    return TaskRun.objects.create(kind=kind, label=label, total=total, created_by=user)


def report_progress(run_id: int, done: int, total: int | None = None, message: str = "") -> None:
    fields = {"done": done, "status": TaskRun.Status.RUNNING}
    if total is not None:
        fields["total"] = total
    if message:
        fields["message"] = message[:500]
    TaskRun.objects.filter(pk=run_id).update(**fields)


def finish_task_run(run_id: int, result: dict | None = None, message: str = "") -> None:
    run = TaskRun.objects.get(pk=run_id)
    run.status = TaskRun.Status.DONE
    run.done = run.total
    run.result = result or {}
    run.message = message[:500]
    run.save()


def fail_task_run(run_id: int, message: str) -> None:
    TaskRun.objects.filter(pk=run_id).update(status=TaskRun.Status.FAILED, message=message[:500])


@db_task()
def demo_count_communes(run_id: int, step_delay: float = 0.2) -> None:
    """A demonstration task: counts the communes of each département, step by step."""
    from maillage.territories.models import Departement

    try:
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
    except Exception as exc:  # the page must show the failure instead of spinning forever
        fail_task_run(run_id, f"Échec : {exc.__class__.__name__}")
        raise
