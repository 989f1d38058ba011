"""The company's monthly grid (everyone's hours at once, one proof) and the batch's protected proof."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format

from maillage.clauses import policies as policy
from maillage.common_text import count_of

from ..audit import audit_people
from ..declaration_forms import CalendarForm, GridProofForm
from ..files import protected_download
from ..models import DeclarationBatch, DeclarationCalendar, HoursStatement, Lot, LotStatus, Modality, StatementStatus
from ..models.people import SUBCONTRACTING
from ..services.closing import current_closing
from ..services.declarations import GridError, GridLine, declare_grid, save_calendar
from ..services.sizing import add_months
from .common import require
from .hours import month_param

CENTRE_MODALITIES = {Modality.APPRENTICESHIP, Modality.PROFESSIONALISATION}
COMPANY_ONLY = "L'espace entreprise est réservé aux membres des entreprises attributaires."


def _number(raw: str) -> Decimal | None:
    raw = (raw or "").strip().replace("\u202f", "").replace(" ", "").replace(",", ".")
    if not raw:
        return None
    value = Decimal(raw)
    if not value.is_finite():
        raise InvalidOperation
    return value


def _closed_lot_of_company(user, raw_lot: str) -> Lot | None:
    """A lot of the user's company that is closed: its grid says so rather than « not yours »."""
    if not raw_lot.isdigit():
        return None
    lot = Lot.objects.filter(pk=raw_lot, status=LotStatus.CLOSED).select_related("market__operation").first()
    return lot if lot is not None and policy.is_company_of_lot(user, lot) else None


def _closed_grid(request, lot: Lot, lots, month):
    closing = current_closing(lot)
    context = {
        "lots": lots,
        "lot": lot,
        "closed": True,
        "closed_at": closing.closed_at if closing else None,
        "month": month,
        "month_name": date_format(month, "F Y"),
        "rows": [],
        "previous": add_months(month, -1),
    }
    return render(request, "clauses/company_grid.html", context)


VALIDATED = StatementStatus.VALIDATED


def _running(contracts, month):
    end_of_month = add_months(month, 1)
    return contracts.filter(start_on__lt=end_of_month).filter(Q(end_on__isnull=True) | Q(end_on__gte=month))


@login_required
def company_grid(request):
    """One month, one lot (or all the company's lots): every person under contract in one grid."""
    require(bool(policy.company_ids(request.user)), COMPANY_ONLY)
    lots = list(
        Lot.objects.filter(pk__in=policy.declarable_contracts(request.user).values("lot"))
        .select_related("market__operation__buyer")
        .order_by("market__operation__name", "number")
    )
    lot = None
    raw_lot = request.POST.get("lot") or request.GET.get("lot") or ""
    if raw_lot:
        lot = next((item for item in lots if str(item.pk) == raw_lot), None)
        if lot is None:
            closed = _closed_lot_of_company(request.user, raw_lot)
            require(closed is not None, "Ce lot n'est pas attribué à votre entreprise.")
            return _closed_grid(request, closed, lots, month_param(request))
    month = month_param(request)
    contracts = list(
        _running(policy.declarable_contracts(request.user, lot), month)
        .select_related("participant__person", "lot__market__operation", "employer")
        .order_by("lot__market__operation__name", "lot__number", "participant__person__last_name")
    )
    existing = {
        s.contract_id: s
        for s in HoursStatement.objects.filter(contract__in=[c.pk for c in contracts], month=month).select_related(
            "batch"
        )
    }
    form = GridProofForm(request.POST or None, request.FILES or None)
    errors: dict[int, str] = {}
    if request.method == "POST":
        lines = []
        for contract in contracts:
            statement = existing.get(contract.pk)
            if statement is not None and statement.status == StatementStatus.VALIDATED:
                continue
            try:
                lines.append(
                    GridLine(
                        contract,
                        _number(request.POST.get(f"heures-{contract.pk}")),
                        _number(request.POST.get(f"montant-{contract.pk}")),
                        _number(request.POST.get(f"centre-{contract.pk}")),
                    )
                )
            except (InvalidOperation, ValueError):
                errors[contract.pk] = "Nombre invalide : saisissez par exemple 151,67."
        if form.is_valid() and not errors:
            try:
                batch = declare_grid(request.user, lines, month=month, proof=form.cleaned_data["proof"], lot=lot)
            except GridError as error:
                errors = error.rows
                for message in error.general:
                    form.add_error(None, message)
            else:
                sent = count_of(batch.statements.count(), "déclaration envoyée")
                messages.success(request, f"{sent} au facilitateur avec un justificatif commun : il va les valider.")
                target = reverse("clauses:company_grid") + f"?mois={month:%Y-%m}"
                return redirect(target + (f"&lot={lot.pk}" if lot else ""))
        if errors:
            form.add_error(None, "Rien n'a été enregistré : corrigez les lignes signalées ci-dessous.")
    rows = [
        {
            "contract": c,
            "statement": existing.get(c.pk),
            "error": errors.get(c.pk),
            "subcontracting": c.modality in SUBCONTRACTING,
            "centre": c.modality in CENTRE_MODALITIES,
            "hours": request.POST.get(f"heures-{c.pk}", ""),
            "amount": request.POST.get(f"montant-{c.pk}", ""),
            "centre_hours": request.POST.get(f"centre-{c.pk}", ""),
        }
        for c in contracts
    ]
    audit_people(request.user, [c.participant_id for c in contracts], "grille de déclaration")
    context = {
        "lots": lots,
        "lot": lot,
        "month": month,
        "month_name": date_format(month, "F Y"),
        "rows": rows,
        "form": form,
        "previous": add_months(month, -1),
        "error_count": len(errors),
        # Rows still to declare: when every one is validated there is nothing to send (no file asked).
        "open_count": sum(1 for c in contracts if getattr(existing.get(c.pk), "status", "") != VALIDATED),
    }
    return render(request, "clauses/company_grid.html", context)


@login_required
def batch_proof(request, pk):
    """The proof of a whole grid (the pay slips bundle): the declaring company, or the facilitator of
    every lot it covers."""
    batch = get_object_or_404(DeclarationBatch, pk=pk)
    allowed = policy.can_download_batch_proof(request.user, batch)
    response = protected_download(request, batch.proof, allowed=allowed, detail="justificatif de déclaration groupée")
    audit_people(
        request.user,
        batch.statements.values_list("participant_id", flat=True),
        f"justificatif de la déclaration groupée {batch.pk}",
    )
    return response


@login_required
def declaration_calendar_edit(request):
    """The MDE's declaration calendar: the deadline day of the next month and the reminder's lead time."""
    require(policy.can_edit_declaration_calendar(request.user), "Réservé aux administrateurs de la Maison de l'Emploi.")
    calendar = DeclarationCalendar.objects.filter(pk=1).first() or DeclarationCalendar(pk=1)
    form = CalendarForm(request.POST or None, instance=calendar)
    if request.method == "POST" and form.is_valid():
        save_calendar(request.user, form)
        messages.success(request, "Calendrier des déclarations enregistré.")
        return redirect("clauses:declaration_calendar")
    return render(request, "clauses/declaration_calendar.html", {"form": form})
