"""Bilans on screen and in PDF/XLSX, attestation, national consolidation, outcomes to enter."""

from django.db.models import Max, Min, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from maillage.accounts import audit
from maillage.accounts.models import AuditAction, Organisation
from maillage.clauses import policies as policy
from maillage.kernel.exports import XLSX_TYPE
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import SortColumn, Sorting
from maillage.people.selectors import NAME_SORT_FIELDS, name_sort_keys
from maillage.territories.models import Epci

from .. import selectors, services
from ..audit import audit_people
from ..exports import BILAN_SUMMARY, bilan_workbook, consolidation_workbook, summary_rows
from ..models import Contract, HoursStatement, Lot, Outcome, StatementStatus
from ..pdf import attestation_pdf, operation_bilan_pdf, yearly_bilan_pdf
from ..selectors.outcomes import outcomes_due as outcomes_due_people
from .common import facilitator_required, get_lot, get_operation, module_required, require


def _file(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@module_required
def operation_bilan(request, pk):
    operation = get_operation(request.user, pk)
    require(policy.is_facilitator(request.user) or operation.buyer_id in policy.buyer_ids(request.user))
    lots = Lot.objects.filter(market__operation=operation).select_related("market").order_by("market_id", "number")
    rows = selectors.progress_rows(lots)
    result = selectors.bilan(selectors.BilanScope(operation_id=operation.pk))
    fmt = request.GET.get("format")
    if fmt == "pdf":
        return _file(
            operation_bilan_pdf(operation, result, rows), f"bilan-operation-{operation.pk}.pdf", "application/pdf"
        )
    if fmt == "xlsx":
        return _file(
            bilan_workbook(result, f"Bilan – {operation.name}"), f"bilan-operation-{operation.pk}.xlsx", XLSX_TYPE
        )
    context = {"operation": operation, "rows": rows, "result": result, "summary": summary_rows(result)}
    return render(request, "clauses/operation_bilan.html", context)


@module_required
def attestation(request, pk, company_pk):
    lot = get_lot(request.user, pk)
    company = get_object_or_404(Organisation, pk=company_pk, lot_roles__lot=lot)
    allowed = (
        policy.can_follow_up(request.user, lot)
        or lot.market.operation.buyer_id in policy.buyer_ids(request.user)
        or company.pk in policy.company_ids(request.user)
    )
    require(allowed, "Cette attestation ne vous concerne pas.")
    row = selectors.progress_rows(Lot.objects.filter(pk=lot.pk))[0]
    # Each company's attestation shows its own hours (those done for it), frozen at the closing if closed.
    closing = services.current_closing(lot) if row.get("frozen") else None
    figures = closing.figures if closing else services.lot_figures(lot)
    own = Q(for_company=company) | Q(for_company__isnull=True, employer=company)
    contracts = Contract.objects.filter(Q(lot=lot) | Q(credited_lot=lot)).filter(own)
    period = HoursStatement.objects.filter(contract__in=contracts, status=StatementStatus.VALIDATED).aggregate(
        first=Min("month"), last=Max("month")
    )
    links = list(lot.lot_companies.filter(company=company).values("role", "start_on", "end_on"))
    pdf = attestation_pdf(
        lot=lot,
        company=company,
        row=row,
        company_hours=float(figures["by_company"].get(str(company.pk), 0)),
        role=links[0] if links else None,
        closed_at=closing.closed_at if closing else None,
        people=contracts.values("participant_id").distinct().count(),
        contracts=contracts.count(),
        period=(period["first"], period["last"]),
        signatory=attestation_signatory(request.user, lot),
    )
    audit.record_instance(request.user, AuditAction.EXPORT, lot, "attestation")
    return _file(pdf, f"attestation-lot-{lot.pk}-{company.pk}.pdf", "application/pdf")


def attestation_signatory(user, lot) -> str:
    """The attestation is signed by the facilitation, never by the company (or buyer) that prints it: the
    printing facilitator of the lot, else a facilitator who follows the operation, else the structure."""
    if policy.can_follow_up(user, lot):
        return user.get_full_name() or user.get_username()
    for follower in lot.market.operation.followers.order_by("pk"):
        if policy.can_follow_up(follower, lot):
            return f"pour la structure de facilitation, {follower.get_full_name() or follower.get_username()}"
    structure = lot.market.operation.structure
    return f"pour {structure.name}" if structure else "pour la structure de facilitation"


def _scope_from_request(request) -> tuple[selectors.BilanScope, dict]:
    scope = selectors.bilan_scope(request.user, request.GET)
    epci = request.GET.get("epci") or ""
    buyer = request.GET.get("acheteur") or ""
    buyer_scope = policy.aggregate_buyer_scope(request.user)
    buyers = Organisation.objects.filter(clause_operations__isnull=False).distinct().order_by("name")
    if buyer_scope is not None:
        buyers = buyers.filter(pk__in=buyer_scope)
    epci_name = Epci.objects.filter(code=epci).values_list("name", flat=True).first() if epci else ""
    buyer_name = buyers.filter(pk=buyer).values_list("name", flat=True).first() if buyer.isdigit() else ""
    label = " – ".join(filter(None, [epci_name or "Tout le territoire", buyer_name]))
    filters = {
        "years": selectors.available_years(),
        "year": scope.year,
        "epci": epci,
        "buyer": buyer,
        "territories": selectors.territory_choices(),
        "buyers": buyers,
        "label": label,
        "buyer_locked": buyer_scope is not None,
    }
    return scope, filters


@module_required
def bilan_year(request):
    scope, filters = _scope_from_request(request)
    result = selectors.bilan(scope)
    title = f"Bilan {scope.year} des clauses sociales – {filters['label']}"
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return _file(bilan_workbook(result, title), f"bilan-clauses-{scope.year}.xlsx", XLSX_TYPE)
    if fmt == "pdf":
        return _file(yearly_bilan_pdf(title, result), f"bilan-clauses-{scope.year}.pdf", "application/pdf")
    if fmt == "csv":
        return BILAN_SUMMARY.response("csv", summary_rows(result), filename=f"bilan-clauses-{scope.year}")
    chart = {
        "months": [m.strftime("%m/%Y") for m, _ in result.by_month],
        "hours": [h for _, h in result.by_month],
        "modalities": [label for label, _ in result.by_modality_group],
        "modality_hours": [h for _, h in result.by_modality_group],
    }
    context = {
        "result": result,
        "summary": summary_rows(result),
        "title": title,
        "chart": chart,
        "user_is_facilitator": policy.is_facilitator(request.user),
        **filters,
    }
    return render(request, "clauses/bilan_year.html", context)


@module_required
def consolidation(request):
    """The national yearly consolidation (Alliance Villes Emploi indicators), as XLSX."""
    scope, filters = _scope_from_request(request)
    require(policy.aggregate_buyer_scope(request.user) is None, "Export réservé à la structure de facilitation.")
    result = selectors.bilan(scope, with_months=False)
    figures = selectors.national(scope)
    if request.GET.get("format") == "xlsx":
        # The file sent nationally carries no facilitator's name: structures, their type and time only.
        content = consolidation_workbook(result, figures, territory_label=filters["label"])
        return _file(content, f"consolidation-nationale-{scope.year}.xlsx", XLSX_TYPE)
    context = {"result": result, "national": figures, "summary": summary_rows(result), **filters}
    return render(request, "clauses/consolidation.html", context)


OUTCOME_DUE_COLUMNS = [
    SortColumn("personne", "Personne", NAME_SORT_FIELDS),  # folded, see people.selectors.name_sort_keys
    SortColumn("fin", "Fin du dernier contrat", ("last_end",)),  # the default order, the longest waiting first
]


@facilitator_required
def outcomes_due(request):
    """People whose last contract ended 6 months ago or more and whose outcome is not entered yet."""
    sorting = Sorting(request, OUTCOME_DUE_COLUMNS, default="fin")
    people = outcomes_due_people(policy.visible_participants(request.user)).annotate(**name_sort_keys("person"))
    recorded = Outcome.objects.filter(participant__in=policy.visible_participants(request.user)).count()
    page = page_of(request, sorting.order(people))
    audit_people(request.user, [p.pk for p in page.object_list], "personnes à recontacter")
    return render(
        request,
        "clauses/outcomes_due.html",
        {"page": page, "sorting": sorting, "recorded": recorded, "bilan_url": reverse("clauses:bilan_year")},
    )
