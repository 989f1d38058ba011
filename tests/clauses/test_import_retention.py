"""An import's batch keeps the rows of its file (people's identities, birth dates, eligibility) until the user
decides; whatever was decided (imported, cancelled, or nothing: an abandoned preview), the retention hook
deletes it a week later — never while its import is still running. The same defect as the observatory's
uploads, with personal data."""

import datetime

import pytest
from django.utils import timezone

from maillage.clauses import retention
from maillage.clauses.models import ImportBatch
from maillage.kernel.models import TaskRun
from maillage.kernel.tasks import start_task_run

BATCHES = "imports en attente ou traités (lignes de personnes) supprimés"

pytestmark = pytest.mark.django_db


def batch(user, days: int, status=ImportBatch.Status.PREVIEW, run=None) -> ImportBatch:
    row = {"line": 2, "valid": True, "data": {"nom": "Durand", "prenom": "Léa", "date_naissance": "12/04/1996"}}
    made = ImportBatch.objects.create(
        kind="participants", filename="p.csv", rows=[row], status=status, created_by=user,
        result={"run": run.pk} if run else {},
    )  # fmt: skip
    ImportBatch.objects.filter(pk=made.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))
    return made


def test_batches_are_deleted_a_week_after_their_upload_unless_their_import_runs(facilitator):
    abandoned = batch(facilitator, 8)
    imported = batch(facilitator, 30, ImportBatch.Status.DONE)
    cancelled = batch(facilitator, 9, ImportBatch.Status.CANCELLED)
    recent = batch(facilitator, 6)
    running = start_task_run("clauses_import", "Import « p.csv »", user=facilitator)
    TaskRun.objects.filter(pk=running.pk).update(status=TaskRun.Status.RUNNING)
    in_progress = batch(facilitator, 8, run=running)
    finished = start_task_run("clauses_import", "Import « q.csv »", user=facilitator)
    TaskRun.objects.filter(pk=finished.pk).update(status=TaskRun.Status.DONE)
    done_run = batch(facilitator, 8, ImportBatch.Status.DONE, run=finished)
    now = timezone.now()

    assert retention.purge(now, dry_run=True)[BATCHES] == 4
    assert ImportBatch.objects.count() == 6
    assert retention.purge(now, dry_run=False)[BATCHES] == 4
    assert set(ImportBatch.objects.values_list("pk", flat=True)) == {recent.pk, in_progress.pk}
    assert not {abandoned.pk, imported.pk, cancelled.pk, done_run.pk} & set(
        ImportBatch.objects.values_list("pk", flat=True)
    )
