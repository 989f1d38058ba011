"""Background tasks of the procurement module (Huey): the DECP import started from the web page."""

from huey.contrib.djhuey import db_task

from maillage.kernel.tasks import finish_task_run, report_progress, tracked_run

from . import services
from .models import DecpImport


def _run_of(import_id: int) -> int | None:
    return DecpImport.objects.filter(pk=import_id).values_list("task_run_id", flat=True).first()


@db_task()
@tracked_run("Échec de l'import", run_id=_run_of)
def import_decp_task(import_id: int) -> None:
    """Imports the uploaded file of ``DecpImport`` #import_id, reporting progress in kilobytes read."""
    decp_import = DecpImport.objects.get(pk=import_id)
    run_id = decp_import.task_run_id
    try:
        source = services.storage_source(decp_import.upload, decp_import.label)
        if run_id:
            report_progress(run_id, 0, max(1, source.size // 1024), "Lecture du fichier…")

        def progress(done, total, result, name):
            if run_id:
                report_progress(
                    run_id,
                    done // 1024,
                    max(1, total // 1024),
                    f"{result.read} enregistrements lus, {result.rejected} rejetés",
                )

        # One process: the task runs in a worker thread, where forking a reader process is unsafe.
        decp_import = services.run_import([source], decp_import=decp_import, progress=progress, parallel=False)
        if run_id:
            finish_task_run(run_id, decp_import.counts, decp_import.message)
    except Exception as exc:  # the page must show the failure instead of spinning forever
        DecpImport.objects.filter(pk=import_id, status=DecpImport.Status.RUNNING).update(
            status=DecpImport.Status.FAILED, message=f"Échec de l'import : {exc.__class__.__name__}"
        )
        raise
    finally:
        services.delete_upload(decp_import)
