"""Monthly hours: entry by the facilitator, declarations in the company space, validation queue."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from maillage.clauses import policies as policy
from maillage.common_text import count_of, elide, month_label
from maillage.kernel.pagination import page_of
from maillage.people.selectors import NAME_SORT_FIELDS, name_sort_keys

from .. import selectors, services
from ..audit import audit_people
from ..files import protected_download
from ..forms import MonthField, RejectForm, StatementForm
from ..models import Contract, HoursStatement, Lot, LotStatus
from ..models.people import SUBCONTRACTING
from ..services.closing import CLOSED_MESSAGE, current_closing
from ..services.sizing import add_months
from .common import facilitator_required, get_lot, require


def month_param(request) -> date:
    field = MonthField(required=False)
    try:
        value = field.clean(request.GET.get("mois") or request.POST.get("mois"))
    except ValidationError:
        value = None
    return value or add_months(date.today().replace(day=1), -1)


def _active_contracts(lot: Lot, month: date):
    end_of_month = add_months(month, 1)
    return (
        Contract.objects.filter(lot=lot, start_on__lt=end_of_month)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=month))
        .select_related("participant__person", "employer")
        .order_by("participant__person__last_name")
    )


@facilitator_required
def lot_hours(request, pk):
    """Grid of the month's hours for every contract running on the lot (entered = validated)."""
    lot = get_lot(request.user, pk)
    require(policy.can_follow_up(request.user, lot))
    month = month_param(request)
    contracts = list(_active_contracts(lot, month))
    existing = {s.contract_id: s for s in HoursStatement.objects.filter(lot=lot, month=month)}
    errors = {}
    closing = current_closing(lot) if lot.status == LotStatus.CLOSED else None
    if request.method == "POST" and lot.status == LotStatus.CLOSED:
        messages.error(request, CLOSED_MESSAGE)
        return redirect(f"{request.path}?mois={month:%Y-%m}")
    if request.method == "POST":
        saved = 0
        for contract in contracts:
            raw = request.POST.get(f"heures-{contract.pk}", "").strip().replace(",", ".")
            raw_amount = request.POST.get(f"montant-{contract.pk}", "").strip().replace(",", ".")
            if not raw:
                continue
            try:
                hours = Decimal(raw)
                amount = Decimal(raw_amount) if raw_amount else None
                services.record_statement(request.user, contract, month=month, hours=hours, amount=amount)
                saved += 1
            except (InvalidOperation, ValidationError) as error:
                errors[contract.pk] = (
                    " ".join(error.messages) if isinstance(error, ValidationError) else "Nombre invalide."
                )
        if not errors:
            messages.success(
                request,
                f"{count_of(saved, 'relevé enregistré et validé')} pour {month_label(month)}.",
            )
            return redirect(f"{request.path}?mois={month:%Y-%m}")
        messages.error(request, "Certaines lignes n'ont pas été enregistrées : voyez les erreurs ci-dessous.")
    rows = [
        {
            "contract": c,
            "statement": existing.get(c.pk),
            "error": errors.get(c.pk),
            "subcontracting": c.modality in SUBCONTRACTING,
            "posted": request.POST.get(f"heures-{c.pk}", ""),
        }
        for c in contracts
    ]
    audit_people(request.user, [c.participant_id for c in contracts], f"grille des heures, lot {lot.pk}")
    context = {
        "lot": lot,
        "closed": lot.status == LotStatus.CLOSED,
        "closed_at": closing.closed_at if closing else None,
        "month": month,
        "rows": rows,
        "previous": add_months(month, -1),
        "next": add_months(month, 1),
    }
    return render(request, "clauses/lot_hours.html", context)


def safe_next(request) -> str:
    """Back to the page the decision was taken on, if it is one of ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("clauses:statement_queue")


def _statement_for_validation(request, pk) -> HoursStatement:
    statement = get_object_or_404(HoursStatement.objects.select_related("lot__market__operation"), pk=pk)
    require(policy.can_follow_up(request.user, statement.lot))
    return statement


def _refused(request, statement, refusal: ValidationError):
    """The decision is refused by a rule: said in French where it was taken, never a server error."""
    message = " ".join(refusal.messages)
    if request.htmx:
        return render(request, "clauses/_statement_decided.html", {"statement": statement, "refusal": message})
    messages.error(request, message)
    return redirect(safe_next(request))


@facilitator_required
@require_POST
def statement_validate(request, pk):
    statement = _statement_for_validation(request, pk)
    try:
        services.validate_statement(request.user, statement)
    except ValidationError as refusal:  # a closed lot, a month already decided…
        return _refused(request, statement, refusal)
    if request.htmx:
        return render(request, "clauses/_statement_decided.html", {"statement": statement})
    messages.success(request, f"Relevé {elide('de', month_label(statement.month))} validé.")
    return redirect(safe_next(request))


@facilitator_required
@require_POST
def statement_reject(request, pk):
    statement = _statement_for_validation(request, pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.reject_statement(request.user, statement, form.cleaned_data["reason"])
        except ValidationError as refusal:
            return _refused(request, statement, refusal)
        if request.htmx:
            return render(request, "clauses/_statement_decided.html", {"statement": statement})
        messages.info(
            request, f"Relevé {elide('de', month_label(statement.month))} rejeté ; l'entreprise verra le motif."
        )
    else:
        messages.error(request, "Indiquez le motif du rejet : l'entreprise le verra.")
    return redirect(safe_next(request))


@login_required
def company_space(request):
    """The company's lots, the hours it declared and what the facilitator answered."""
    companies = policy.company_ids(request.user)
    require(bool(companies), "L'espace entreprise est réservé aux membres des entreprises attributaires.")
    lots = Lot.objects.filter(
        pk__in=Lot.objects.filter(policy.company_lots_filter(companies)).values("pk")
    ).select_related("market__operation")
    rows = selectors.progress_rows(lots.order_by("-start_on"))
    statements = _latest_first(
        policy.visible_statements(request.user).select_related("participant__person", "lot__market__operation")
    )
    page = page_of(request, statements)  # paged, not cut at the 200 latest: older declarations were lost
    audit_people(request.user, [s.participant_id for s in page], "espace entreprise")
    return render(request, "clauses/company_space.html", {"rows": rows, "statements": page})


def _latest_first(statements):
    """Statements the latest month first, then by name as people read it (folded: « Écalard » among the E)."""
    return statements.annotate(**name_sort_keys("participant__person")).order_by("-month", *NAME_SORT_FIELDS, "pk")


@login_required
def company_lot(request, pk):
    """Declare a month's hours for the people working on one of the company's lots."""
    lot = get_object_or_404(Lot.objects.select_related("market__operation"), pk=pk)
    require(policy.is_company_of_lot(request.user, lot), "Ce lot n'est pas attribué à votre entreprise.")
    contracts = (
        policy.company_contracts(request.user, lot)
        .select_related("participant__person")
        .order_by("participant__person__last_name")
    )
    form = StatementForm(request.POST or None, request.FILES or None)
    selected = request.POST.get("contract") or request.GET.get("contrat")
    if request.method == "POST":
        contract = contracts.filter(pk=selected).first()
        if contract is None:
            form.add_error(None, "Choisissez la personne concernée.")
        elif form.is_valid():
            try:
                services.record_statement(
                    request.user,
                    contract,
                    month=form.cleaned_data["month"],
                    hours=form.cleaned_data["hours"],
                    amount=form.cleaned_data["amount"],
                    proof=form.cleaned_data["proof"],
                    by_company=True,
                    training_centre_hours=form.cleaned_data["training_centre_hours"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Heures déclarées : le facilitateur va les valider.")
                return redirect("clauses:company_lot", pk=lot.pk)
    statements = HoursStatement.objects.filter(contract__in=contracts).select_related("participant__person")
    statements = page_of(request, _latest_first(statements))  # paged, not cut at the 120 latest
    audit_people(request.user, [c.participant_id for c in contracts], f"espace entreprise, lot {lot.pk}")
    context = {"lot": lot, "contracts": contracts, "form": form, "statements": statements, "selected": selected}
    return render(request, "clauses/company_lot.html", context)


@login_required
def statement_proof(request, pk):
    """A statement's proof (pay slip, invoice): the lot's facilitator and the person's employer only."""
    statement = get_object_or_404(HoursStatement.objects.select_related("lot__market__operation", "contract"), pk=pk)
    return protected_download(
        request,
        statement.proof,
        allowed=policy.can_download_statement_proof(request.user, statement),
        participant_id=statement.participant_id,
        detail="justificatif d'heures",
    )
