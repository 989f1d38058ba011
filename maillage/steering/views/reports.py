"""The yearly activity report to the State: figures from the plan and the modules, narrative, versions."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from maillage.accounts.policies import require

from .. import policies, services
from ..exports import REPORT, report_rows
from ..forms import ReportForm
from ..models import ActivityReport
from ..pdf import report_pdf
from ..selectors.reporting import report_figures, report_sections
from .common import module_context, year_of


def figures_of(report: ActivityReport) -> dict:
    """A validated version shows its frozen figures; a draft reads them live."""
    return report.snapshot if report.is_validated and report.snapshot else report_figures(report.year)


def report_list(request):
    require(policies.can_view_plan(request.user))
    context = {
        "reports": policies.visible_reports(request.user, ActivityReport.objects.all()),
        "year": year_of(request),
        **module_context(request.user),
    }
    return render(request, "steering/report_list.html", context)


def report_start(request):
    require(policies.can_steer(request.user))
    if request.method != "POST":
        return redirect("steering:report_list")
    report = services.start_report(year=year_of(request))
    return redirect("steering:report_detail", report.pk)


def report_detail(request, pk):
    require(policies.can_view_plan(request.user))
    report = get_object_or_404(policies.visible_reports(request.user, ActivityReport.objects.all()), pk=pk)
    form = None
    if policies.can_steer(request.user) and not report.is_validated:
        form = ReportForm(request.POST or None, instance=report)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, "Le texte du rapport a été enregistré.")
            return redirect("steering:report_detail", pk)
    figures = figures_of(report)
    context = {
        "report": report,
        "figures": figures,
        "sections": report_sections(report, figures),
        "form": form,
        "versions": policies.visible_reports(request.user, ActivityReport.objects.filter(year=report.year)),
        **module_context(request.user),
    }
    return render(request, "steering/report_detail.html", context)


def report_validate(request, pk):
    require(policies.can_validate_report(request.user))
    report = get_object_or_404(ActivityReport, pk=pk)
    if request.method == "POST" and not report.is_validated:
        services.validate_report(report=report, user=request.user)
        messages.success(request, f"La version {report.version} du rapport est validée : ses chiffres sont figés.")
    return redirect("steering:report_detail", pk)


def report_new_version(request, pk):
    require(policies.can_steer(request.user))
    report = get_object_or_404(ActivityReport, pk=pk)
    if request.method == "POST":
        report = services.start_report(year=report.year)
        messages.success(request, f"La version {report.version} est ouverte à la rédaction.")
    return redirect("steering:report_detail", report.pk)


def report_pdf_download(request, pk):
    require(policies.can_view_plan(request.user))
    report = get_object_or_404(policies.visible_reports(request.user, ActivityReport.objects.all()), pk=pk)
    content = report_pdf(report, figures_of(report), staff_time=policies.can_steer(request.user))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rapport-activite-{report.year}-v{report.version}.pdf"'
    return response


def report_xlsx(request, pk):
    require(policies.can_view_plan(request.user))
    report = get_object_or_404(policies.visible_reports(request.user, ActivityReport.objects.all()), pk=pk)
    figures = figures_of(report)
    rows = report_rows(report_sections(report, figures), figures)
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    filename = f"rapport-activite-{report.year}-v{report.version}"
    return REPORT.response(fmt, rows, filename=filename, title=f"Rapport {report.year}")
