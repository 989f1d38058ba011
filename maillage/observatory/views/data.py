"""Datasets, the FAP 2021 → ROME table, and the analyst's generic importer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from maillage.accounts.policies import require
from maillage.kernel.pagination import page_of

from .. import fap_rome, import_files, policies
from ..exports import FAP_ROME, IMPORT_ERRORS
from ..forms import MappingForm, UploadForm
from ..importers import generic
from ..models import Dataset, FapRomeMatch
from .common import can_view

SESSION_KEY = "observatory_import"
# The session holds only the token of the last run's error report; the report itself (every refused
# line, at most one per line of the file, so bounded by ``generic.MAX_ROWS``) is a file on the
# server, purged by ``observatory.retention``.
ERRORS_SESSION_KEY = "observatory_import_errors"
ERRORS_PER_PAGE = 100
ERRORS_ON_MAPPING_PAGE = 50


def _save_report(request, report, name: str) -> None:
    """Keep ``report``'s refused lines for the report page and its CSV, replacing the session's previous one."""
    previous = request.session.get(ERRORS_SESSION_KEY)
    if import_files.is_report_token(previous):
        import_files.delete_report(previous)
    request.session[ERRORS_SESSION_KEY] = import_files.save_report(report, name)


def _load_report(request) -> import_files.StoredReport | None:
    """The last run's report; None when there was none in this session or retention deleted it."""
    token = request.session.get(ERRORS_SESSION_KEY)
    if not isinstance(token, str):  # none yet (or the lines themselves, as sessions held them before)
        return None
    if not import_files.is_report_token(token):
        raise Http404
    return import_files.open_report(token)


@login_required
def datasets(request):
    can_view(request)
    return render(
        request,
        "observatory/datasets.html",
        {
            "datasets": Dataset.objects.order_by("-is_bundled", "label"),
            "can_import": policies.can_import(request.user),
            "section": "data",
        },
    )


@login_required
def fap_rome_table(request):
    can_view(request)
    derivations = {}
    for match in FapRomeMatch.objects.order_by("fap_code", "-confidence"):
        derivations.setdefault(match.fap_code, []).append(match)
    labels = fap_rome.fap2021_labels()
    unmatched = [(code, label) for code, label in sorted(labels.items()) if code not in derivations]
    coverage = {
        "total": len(labels),
        "matched": len(derivations),
        "share": round(100 * len(derivations) / len(labels), 1) if labels else 0,
        "pairs": sum(len(v) for v in derivations.values()),
        "strong": sum(1 for v in derivations.values() if v[0].confidence >= 0.6),
    }
    if request.GET.get("format") == "csv":
        return FAP_ROME.response("csv", (m for matches in derivations.values() for m in matches))
    return render(
        request,
        "observatory/fap_rome.html",
        {"derivations": derivations, "unmatched": unmatched, "coverage": coverage, "section": "metiers"},
    )


@login_required
def import_upload(request):
    require(policies.can_import(request.user))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(generic.MAX_BYTES + 1)
        try:
            table = generic.read_table(upload.name, content)
        except generic.TableError as exc:
            form.add_error("file", str(exc))
        else:
            suffix = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
            previous = request.session.get(SESSION_KEY)
            if isinstance(previous, dict):  # the upload this one replaces would never be imported
                import_files.delete_upload(previous.get("path"))
            path = import_files.save_upload(content, suffix)
            request.session[SESSION_KEY] = {
                "path": path,
                "name": upload.name[:200],
                "label": form.cleaned_data["label"],
                "source": form.cleaned_data["source"],
                "vintage": form.cleaned_data["vintage"],
                "rows": len(table.rows),
            }
            return redirect("observatory:import_mapping")
    return render(request, "observatory/import_upload.html", {"form": form, "section": "data"})


@login_required
def import_mapping(request):
    require(policies.can_import(request.user))
    pending = request.session.get(SESSION_KEY)
    if not pending:
        return redirect("observatory:import_upload")
    content = import_files.read_upload(pending["path"])
    if content is None:  # deleted by retention after a week without use
        request.session.pop(SESSION_KEY, None)
        messages.error(request, "Le fichier déposé a été supprimé après une semaine sans usage : déposez-le à nouveau.")
        return redirect("observatory:import_upload")
    table = generic.read_table(pending["name"], content)
    form = MappingForm(request.POST or None, headers=table.headers)
    report = None
    mapping_errors = []
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        mapping_errors = mapping.errors(table.headers)
        if not mapping_errors:
            wet = request.POST.get("action") == "import"
            report = generic.run_import(
                table, mapping, label=pending["label"], source=pending["source"], vintage=pending["vintage"],
                dry_run=not wet, all_or_nothing=form.cleaned_data["all_or_nothing"], user=request.user,
            )  # fmt: skip
            _save_report(request, report, pending["name"])
            if wet and not report.dry_run:
                messages.success(request, report.summary())
                import_files.delete_upload(pending["path"])
                request.session.pop(SESSION_KEY, None)
                return redirect("observatory:import_report" if report.error_count else "observatory:datasets")
    return render(
        request,
        "observatory/import_mapping.html",
        {
            "form": form,
            "table": table,
            "pending": pending,
            "report": report,
            "shown_errors": report.errors[:ERRORS_ON_MAPPING_PAGE] if report else [],
            "mapping_errors": mapping_errors,
            "section": "data",
        },
    )


@login_required
def import_report(request):
    """Every refused line of the last dry run or import, page after page."""
    require(policies.can_import(request.user))
    stored = _load_report(request)
    page = page_of(request, stored.lines, per_page=ERRORS_PER_PAGE) if stored else None
    return render(request, "observatory/import_report.html", {"stored": stored, "page": page, "section": "data"})


@login_required
def import_errors(request):
    """The same lines as a CSV file (line, reason), all of them."""
    require(policies.can_import(request.user))
    stored = _load_report(request)
    return IMPORT_ERRORS.streaming_csv(stored.lines if stored else [])
