"""The facilitator's queue of declarations: filters, grouping by lot, paging, bulk validation, export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts.models import AuditAction
from maillage.clauses import policies as policy
from maillage.common_text import count_of
from maillage.kernel.pagination import BULK_PER_PAGE, page_of

from ..audit import audit_people
from ..exports import STATEMENTS
from ..forms import MonthField, RejectForm
from ..models import declaration_calendar
from ..selectors.queue import QueueFilters, filtered_queue, queue_choices
from ..services.declarations import validate_many
from .common import facilitator_required
from .hours import safe_next


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def queue_filters(params) -> QueueFilters:
    try:
        month = MonthField(required=False).clean(params.get("mois"))
    except ValidationError:
        month = None
    return QueueFilters(
        lot=_int(params.get("lot")),
        company=_int(params.get("entreprise")),
        month=month,
        structure=_int(params.get("structure")),
        followed=params.get("suivies") == "1",
        late=params.get("retard") == "1",
    )


def _export(request, statements, export):
    audit_people(
        request.user, statements.values_list("participant_id", flat=True), "export des déclarations", AuditAction.EXPORT
    )
    return STATEMENTS.response(export, statements)


@facilitator_required
def statement_queue(request):
    """Declarations made by companies, waiting for the facilitator's validation, grouped by lot."""
    filters = queue_filters(request.GET)
    calendar = declaration_calendar()
    statements = filtered_queue(request.user, filters, calendar)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return _export(request, statements, export)
    page = page_of(request, statements, BULK_PER_PAGE)
    audit_people(request.user, [s.participant_id for s in page.object_list], "déclarations à valider")
    context = {
        "page": page,
        "filters": filters,
        "choices": queue_choices(request.user),
        "reject_form": RejectForm(),
        "can_edit_calendar": policy.can_edit_declaration_calendar(request.user),
        "filtered": any(
            [filters.lot, filters.company, filters.month, filters.structure, filters.followed, filters.late]
        ),
        "deadline_day": calendar.deadline_day,
    }
    return render(request, "clauses/statement_queue.html", context)


@facilitator_required
@require_POST
def statement_bulk_validate(request):
    """Validate the ticked declarations; the refused ones are listed, the others validated."""
    outcome = validate_many(request.user, request.POST.getlist("declaration"))
    if outcome.validated:
        messages.success(request, f"{count_of(len(outcome.validated), 'déclaration validée')}.")
    if outcome.refused:
        details = "; ".join(
            f"{statement.month:%m/%Y} – {statement.participant} : {reason}" if statement else f"n° {pk} : {reason}"
            for statement, pk, reason in outcome.refused
        )
        messages.warning(
            request,
            f"{count_of(len(outcome.refused), 'déclaration non validée', 'déclarations non validées')} ({details}).",
        )
    if not outcome.validated and not outcome.refused:
        messages.error(request, "Cochez au moins une déclaration à valider.")
    return redirect(safe_next(request))
