"""Background tasks of the social clauses (Huey): imports run outside the web request; the monthly
reminder of the companies before the declaration deadline (periodic)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from maillage.accounts.models import User
from maillage.common_text import count_of
from maillage.kernel.tasks import finish_task_run, report_progress, tracked_run

from .models import ImportBatch
from .services import imports
from .services.monthly_reminders import send_declaration_reminders


@db_task()
@tracked_run(expected=(ValidationError,))
def apply_import_task(run_id: int, batch_id: int, user_id: int, keep_valid_rows: bool) -> None:
    """Write a confirmed import (one transaction) and report the outcome on the task."""
    batch = ImportBatch.objects.get(pk=batch_id)
    user = User.objects.get(pk=user_id)
    total = sum(1 for row in batch.rows if row["valid"])
    report_progress(run_id, 0, total, f"Import de {count_of(total, 'ligne')} en cours")
    result = imports.apply_import(user, batch, keep_valid_rows=keep_valid_rows)
    summary = {
        "Lignes créées": result["created"],
        "Lignes mises à jour": result["updated"],
        "Lignes ignorées (en erreur à l'aperçu)": result["skipped"],
        "Lignes refusées à l'import (données changées depuis l'aperçu)": result["rejected"],
    }
    finish_task_run(run_id, summary, "Import terminé")


@db_periodic_task(crontab(hour="7", minute="30"))
def declaration_reminders() -> dict[str, int]:
    """Every morning: in the reminder window before the deadline, remind the companies that have not
    declared last month's hours yet (once per company and month)."""
    return send_declaration_reminders(timezone.localdate())
