"""Task-run tracking: the progress of a background task, shared by web and worker processes.

A task reports through ``report_progress`` / ``finish_task_run``; wrapped in ``@tracked_run``, a
failure marks its run as failed (the page shows it instead of spinning forever) and is re-raised so
the worker logs it. Refusals declared ``expected`` (e.g. ``ValidationError``) mark the run failed
with their French messages and are not re-raised.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import ValidationError

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


def tracked_run(
    failure: str = "Échec",
    run_id: Callable[..., int | None] | None = None,
    expected: tuple[type[ValidationError], ...] = (),
):
    """Mark the task's run as failed when the task raises.

    ``run_id(*args, **kwargs)`` finds the run from the task's arguments (default: the first one);
    ``failure`` starts the message shown on the page (the exception's class follows, never its text,
    which may hold personal data).
    """

    def decorator(task):
        @wraps(task)
        def wrapped(*args, **kwargs):
            try:
                return task(*args, **kwargs)
            except expected as error:
                found = run_id(*args, **kwargs) if run_id else args[0]
                if found:
                    fail_task_run(found, " ".join(error.messages))
            except Exception as exc:
                found = run_id(*args, **kwargs) if run_id else args[0]
                if found:
                    fail_task_run(found, f"{failure} : {exc.__class__.__name__}")
                raise

        return wrapped

    return decorator
