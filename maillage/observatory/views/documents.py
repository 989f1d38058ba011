"""Shared diagnostic documents: list, versions, committee validation, PDF / XLSX, public page."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts.policies import require
from maillage.kernel.exports import XLSX_TYPE

from .. import documents, exports, policies
from ..models import DiagnosticDocument, DiagnosticVersion
from ..selectors.diagnostic import FIGURES
from .common import can_view


@login_required
def document_list(request):
    can_view(request)
    if request.method == "POST":
        require(policies.can_manage_documents(request.user))
        try:
            document = documents.document_create(
                user=request.user, title=request.POST.get("title", ""), scope=request.POST.get("scope", "perimetre")
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("observatory:document_detail", document.pk)
    return render(
        request,
        "observatory/document_list.html",
        {
            "documents": policies.visible_documents(request.user, DiagnosticDocument.objects.all()).prefetch_related(
                Prefetch("versions", queryset=policies.visible_versions(request.user, DiagnosticVersion.objects.all()))
            ),
            "can_manage": policies.can_manage_documents(request.user),
            "section": "documents",
        },
    )


@login_required
def document_detail(request, pk):
    can_view(request)
    document = get_object_or_404(policies.visible_documents(request.user, DiagnosticDocument.objects.all()), pk=pk)
    versions = list(policies.visible_versions(request.user, document.versions.all()))
    number = request.GET.get("version")
    version = next((v for v in versions if str(v.number) == number), versions[0] if versions else None)
    can_manage = policies.can_manage_documents(request.user)
    if request.method == "POST":
        require(can_manage)
        sections = []
        for index in range(documents.MAX_SECTIONS):
            title = request.POST.get(f"title_{index}")
            if title is None:
                break
            sections.append(
                {
                    "title": title,
                    "text": request.POST.get(f"text_{index}", ""),
                    "figure": request.POST.get(f"figure_{index}", ""),
                }
            )
        if request.POST.get("new_title"):
            sections.append(
                {
                    "title": request.POST["new_title"],
                    "text": request.POST.get("new_text", ""),
                    "figure": request.POST.get("new_figure", ""),
                }
            )
        try:
            created = documents.version_create(user=request.user, document=document, sections=sections)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Version {created.number} enregistrée.")
            return redirect("observatory:document_detail", document.pk)
    return render(
        request,
        "observatory/document_detail.html",
        {"document": document, "versions": versions, "version": version, "can_manage": can_manage, "figures": FIGURES,
         "section": "documents", "today": datetime.date.today()},
    )  # fmt: skip


@login_required
@require_POST
def version_validate(request, pk, number):
    require(policies.can_manage_documents(request.user))
    version = get_object_or_404(DiagnosticVersion, document_id=pk, number=number)
    try:
        committee = datetime.date.fromisoformat(request.POST.get("committee_date", ""))
        documents.version_validate(version=version, committee_date=committee, publish=bool(request.POST.get("publish")))
    except (ValueError, ValidationError):
        messages.error(request, "Date du comité de pilotage invalide.")
    else:
        messages.success(request, f"Version {number} validée en comité de pilotage.")
    return redirect("observatory:document_detail", pk)


def _export(version: DiagnosticVersion, fmt: str) -> HttpResponse:
    if fmt == "pdf":
        pdf = exports.DiagnosticPdf(f"{version.document.title} – version {version.number}")
        exports.write_version(pdf, version)
        return exports.pdf_response(pdf, f"diagnostic-{version.document_id}-v{version.number}")
    if fmt == "xlsx":
        response = HttpResponse(exports.version_xlsx(version), content_type=XLSX_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="diagnostic-{version.document_id}-v{version.number}.xlsx"'
        )
        return response
    raise Http404


@login_required
def version_export(request, pk, number, fmt):
    can_view(request)
    visible = policies.visible_versions(request.user, DiagnosticVersion.objects.all())
    return _export(get_object_or_404(visible, document_id=pk, number=number), fmt)


@login_not_required
def public_list(request):
    return render(request, "observatory/public_list.html", {"versions": documents.published_versions()})


@login_not_required
def public_document(request, pk):
    """The latest validated, published version, read-only, for elected officials (no account)."""
    version = documents.published_versions().filter(document_id=pk).order_by("-number").first()
    if version is None:
        raise Http404("Aucune version publiée")
    if request.GET.get("format") == "pdf":
        return _export(version, "pdf")
    return render(request, "observatory/public_document.html", {"version": version, "document": version.document})
