"""Import pages: upload a file, map its columns with a preview, run a dry run or the import, read the report."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from maillage.accounts.policies import require
from maillage.kernel import stored_files
from maillage.kernel.pagination import page_of

from . import importers, importers_other, policies
from .exports import IMPORT_REPORT
from .forms import ImportUploadForm, mapping_form_class, mapping_from, mapping_initial
from .importers import PRESETS, Converter, ImportError_
from .models import ImportRun
from .schema import validate_service

REPORT_PER_PAGE = 100
# ``?statut=`` of the report page: its lines of one status only.
REPORT_STATUSES = {"rejete": "rejeté", "enregistre": "enregistré"}


def _pending_path(token: str, kind: str) -> str:
    if not all(c in "0123456789abcdef" for c in token) or len(token) != 32:
        raise Http404
    return f"{importers.PENDING_DIR}/{token}-{kind}"


@login_required
def import_list(request):
    require(policies.can_import(request.user))
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and form.cleaned_data["layout"] in ("dora", "mobiville"):
        return _import_other(request, form)
    if request.method == "POST" and form.is_valid():
        token = uuid.uuid4().hex
        upload = form.cleaned_data["file"]
        default_storage.save(_pending_path(token, "services"), ContentFile(upload.read()))
        names = {"services": upload.name[:150]}
        if form.cleaned_data.get("structures"):
            structures = form.cleaned_data["structures"]
            if structures.size > importers.MAX_BYTES:
                form.add_error("structures", "Fichier trop volumineux.")
                return render(
                    request, "directory/import_list.html", {"form": form, "runs": ImportRun.objects.all()[:20]}
                )
            default_storage.save(_pending_path(token, "structures"), ContentFile(structures.read()))
            names["structures"] = structures.name[:150]
        request.session[f"directory-import-{token}"] = names
        return redirect("directory:import_mapping", token=token)
    return render(request, "directory/import_list.html", {"form": form, "runs": ImportRun.objects.all()[:20]})


def _import_other(request, form):
    """DORA structures and the Mobiville catalogue have one layout each: no mapping, straight to the report."""
    upload = form.cleaned_data["file"]
    layout, dry_run = form.cleaned_data["layout"], form.cleaned_data["dry_run"]
    reader = importers_other.import_dora_structures if layout == "dora" else importers_other.import_mobiville
    try:
        report = reader(upload.read(), upload.name, dry_run=dry_run)
    except ImportError_ as exc:
        form.add_error("file", str(exc))
        return render(request, "directory/import_list.html", {"form": form, "runs": ImportRun.objects.all()[:20]})
    run = ImportRun.objects.create(
        kind=layout, filename=upload.name[:200], dry_run=dry_run, counts=report.counts(), report=report.lines,
        created_by=request.user,
    )  # fmt: skip
    return redirect("directory:import_detail", pk=run.pk)


def _read_pending(token: str, kind: str) -> bytes | None:
    path = _pending_path(token, kind)
    if not default_storage.exists(path):
        return None
    stored_files.touch(path)  # in use: retention counts its week from now
    with default_storage.open(path, "rb") as handle:
        return handle.read()


@login_required
def import_mapping(request, token: str):
    """The column mapping with a preview of the first rows converted to schema v1."""
    require(policies.can_import(request.user))
    names = request.session.get(f"directory-import-{token}")
    if not names:
        raise Http404
    content = _read_pending(token, "services")
    if content is None:  # deleted by retention after a week without use
        request.session.pop(f"directory-import-{token}", None)
        messages.error(request, "Le fichier déposé a été supprimé après une semaine sans usage : déposez-le à nouveau.")
        return redirect("directory:import_list")
    try:
        columns, rows = importers.read_rows(content, names["services"])
    except ImportError_ as exc:
        return render(request, "directory/import_mapping.html", {"fatal": str(exc), "names": names})
    guessed = importers.guess_mapping(columns)
    form_class = mapping_form_class(columns)
    data = request.POST or None
    if request.method == "GET" and request.GET.get("preset") in PRESETS:
        guessed = {"preset": request.GET["preset"], **PRESETS[request.GET["preset"]]}
    form = form_class(data, initial=mapping_initial(guessed))
    mapping = guessed
    if data is not None and form.is_valid():
        mapping = mapping_from(form.cleaned_data)
        action = request.POST.get("action")
        if action in ("dry_run", "import"):
            structures = _read_pending(token, "structures")
            try:
                report, used = importers.import_services(
                    content,
                    names["services"],
                    mapping=mapping,
                    structures=structures,
                    structures_name=names.get("structures", "structures.json"),
                    dry_run=action == "dry_run",
                )
            except ImportError_ as exc:
                form.add_error(None, str(exc))
            else:
                run = ImportRun.objects.create(
                    kind="services",
                    filename=names["services"],
                    dry_run=action == "dry_run",
                    mapping=used,
                    counts=report.counts(),
                    report=report.lines,
                    created_by=request.user,
                )
                if action == "import":
                    for kind in ("services", "structures"):
                        path = _pending_path(token, kind)
                        if default_storage.exists(path):
                            default_storage.delete(path)
                    request.session.pop(f"directory-import-{token}", None)
                return redirect("directory:import_detail", pk=run.pk)
    preview = []
    converter = Converter(mapping)
    for index, row in enumerate(rows[:10], start=1):
        record, errors, warnings, extra = converter.convert(row)
        errors = errors + validate_service(record)
        preview.append({"line": index, "record": record, "errors": errors, "warnings": warnings + extra["notes"]})
    return render(
        request,
        "directory/import_mapping.html",
        {
            "form": form,
            "names": names,
            "columns": columns,
            "row_count": len(rows),
            "preview": preview,
            "token": token,
            "presets": PRESETS,
        },
    )


@login_required
def import_detail(request, pk: int):
    require(policies.can_import(request.user))
    run = get_object_or_404(ImportRun, pk=pk)
    status = REPORT_STATUSES.get(request.GET.get("statut", ""))
    lines = [line for line in run.report if line["status"] == status] if status else run.report
    page = page_of(request, lines, per_page=REPORT_PER_PAGE)
    return render(
        request,
        "directory/import_detail.html",
        {"run": run, "page": page, "status": request.GET.get("statut", "") if status else ""},
    )


@login_required
def import_report(request, pk: int):
    require(policies.can_import(request.user))
    run = get_object_or_404(ImportRun, pk=pk)
    return IMPORT_REPORT.response("csv", run.report, filename=f"rapport-import-{run.pk}")
