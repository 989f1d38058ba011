"""Bulk import: upload → preview (the commit's rules, rolled back) → confirm (all rows, or the valid ones)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.kernel.exports import Table
from maillage.kernel.models import TaskRun
from maillage.kernel.tasks import start_task_run

from .. import import_samples, import_templates, tasks
from ..exports import IMPORT_ERRORS
from ..forms import ImportForm
from ..models import ImportBatch, ImportKind
from ..services import imports
from .common import facilitator_required


@facilitator_required
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = imports.prepare_import(request.user, form.cleaned_data["kind"], form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("clauses:import_preview", pk=batch.pk)
    kinds = [(value, label, imports.COLUMNS[value]) for value, label in ImportKind.choices]
    return render(request, "clauses/import_upload.html", {"form": form, "kinds": kinds})


@facilitator_required
def import_template(request, kind, fmt):
    if kind not in ImportKind.values or fmt not in ("csv", "xlsx", "exemple"):
        raise Http404
    if fmt == "exemple":
        return import_samples.sample_response(request.user, kind)
    return import_templates.template_response(kind, fmt)


def _with_french_columns(batch: ImportBatch) -> list[dict]:
    """The errors with their columns named as in the templates (« Date de naissance », not ``date_naissance``)."""
    labels = {key: header for key, header, *_ in imports.COLUMNS[batch.kind]}
    return [
        {**error, "column": ", ".join(labels.get(c.strip(), c.strip()) for c in error["column"].split(","))}
        for error in batch.errors
    ]


@facilitator_required
def import_preview(request, pk):
    batch = get_object_or_404(ImportBatch, pk=pk, created_by=request.user)
    errors = _with_french_columns(batch)
    if request.GET.get("export") == "erreurs":
        return IMPORT_ERRORS.response("csv", errors, filename=f"erreurs-import-{batch.pk}")
    if request.GET.get("export") == "rejets":
        headers, rows = imports.rejected_rows(batch)
        return Table.positional(f"lignes-rejetees-import-{batch.pk}", "Lignes rejetées", headers).response("csv", rows)
    valid = sum(1 for r in batch.rows if r["valid"])
    run = TaskRun.objects.filter(pk=batch.result.get("run"), created_by=request.user).first()
    context = {
        "batch": batch,
        "errors": errors,
        "valid": valid,
        "invalid": len(batch.rows) - valid,
        "preview": batch.rows[:50],
        "run": run,
    }
    return render(request, "clauses/import_preview.html", context)


@facilitator_required
@require_POST
def import_confirm(request, pk):
    batch = get_object_or_404(ImportBatch, pk=pk, created_by=request.user)
    if request.POST.get("cancel"):
        batch.status = ImportBatch.Status.CANCELLED
        batch.save(update_fields=["status"])
        messages.info(request, "Import annulé : rien n'a été enregistré.")
        return redirect("clauses:import_upload")
    if batch.status != ImportBatch.Status.PREVIEW:
        messages.error(request, "Cet import a déjà été traité.")
        return redirect("clauses:import_preview", pk=batch.pk)
    keep_valid = bool(request.POST.get("keep_valid"))
    if batch.errors and not keep_valid:
        messages.error(
            request, "Le fichier contient des erreurs : corrigez-le, ou choisissez d'importer les lignes valides."
        )
        return redirect("clauses:import_preview", pk=batch.pk)
    run = start_task_run("clauses_import", f"Import « {batch.filename} »", user=request.user)
    batch.result = {"run": run.pk}
    batch.save(update_fields=["result"])
    tasks.apply_import_task(run.pk, batch.pk, request.user.pk, keep_valid)
    messages.info(request, "L'import est lancé : sa progression s'affiche ci-dessous.")
    return redirect("clauses:import_preview", pk=batch.pk)
