"""Operations, markets and lots: lists, pages and forms; the sizing calculator."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.clauses import policies as policy
from maillage.common_text import count_of
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import Sorting

from .. import selectors, services
from ..audit import audit_people
from ..exports import LOTS, OPERATIONS
from ..forms import (
    AmendmentForm,
    FrameworkPeriodForm,
    LotClauseForm,
    LotCompanyForm,
    LotForm,
    MarketForm,
    OperationForm,
    SizingForm,
)
from ..models import (
    FTE_HOURS,
    Contract,
    HoursStatement,
    Lot,
    LotStatus,
    Market,
    OperationStatus,
    SizingMethod,
    StatementStatus,
)
from ..services import reminders
from ..services.sizing import Sizing, compute_target_hours, feasibility_notes, presets_for, schedule_months
from .common import (
    facilitator_required,
    get_lot,
    get_operation,
    module_required,
    perimeter_communes,
    require,
    saved,
)
from .lot_table import LOT_COLUMNS, OPERATION_COLUMNS, lot_sort_keys, operation_sort_keys


def _lot_count():
    """The lots of each operation, counted row by row: a GROUP BY over the joined markets and lots made
    PostgreSQL weigh seven relations for a page of 25 rows (15 ms of planning, more than the query)."""
    lots = (
        Lot.objects.filter(market__operation=OuterRef("pk"))
        .order_by()
        .values("market__operation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(lots, output_field=IntegerField()), 0)


@module_required
def operation_list(request):
    user = request.user
    query = request.GET.get("q", "").strip()
    status = request.GET.get("etat", "")
    operations = (
        policy.visible_operations(user)
        .select_related("buyer", "epci", "structure")
        .annotate(lot_count=_lot_count(), **operation_sort_keys())
    )
    sorting = Sorting(request, OPERATION_COLUMNS, default="-debut")
    operations = sorting.order(operations)
    if query:
        operations = operations.filter(Q(name__icontains=query) | Q(buyer__name__icontains=query))
    if status:
        operations = operations.filter(status=status)
    if request.GET.get("suivies") == "1":
        operations = operations.filter(followers=user)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return OPERATIONS.response(export, operations)
    context = {
        "page": page_of(request, operations),
        "sorting": sorting,
        "q": query,
        "status": status,
        "statuses": OperationStatus.choices,
        "can_create": policy.is_facilitator(user),
    }
    return render(request, "clauses/operation_list.html", context)


@facilitator_required
def operation_form(request, pk=None):
    operation = get_operation(request.user, pk) if pk else None
    if operation:
        require(policy.can_edit_operation(request.user, operation))
    form = OperationForm(request.POST or None, instance=operation)
    if request.method == "POST" and form.is_valid():
        operation = services.save_operation(request.user, form)
        messages.success(request, f"L'opération « {operation.name} » est enregistrée.")
        return redirect(operation)
    return render(
        request,
        "clauses/operation_form.html",
        {"form": form, "operation": operation, "communes": perimeter_communes()},
    )


@module_required
def operation_detail(request, pk):
    operation = get_operation(request.user, pk)
    lots = policy.visible_lots(request.user).filter(market__operation=operation).select_related("market", "epci")
    rows = selectors.progress_rows(lots.order_by("market_id", "number"))
    markets = operation.markets.all()
    context = {
        "operation": operation,
        "markets": markets,
        "rows": rows,
        "followers": operation.followers.all(),
        "is_following": operation.followers.filter(pk=request.user.pk).exists(),
        "can_edit": policy.can_edit_operation(request.user, operation),
        "totals": {
            "target": sum(r["target"] for r in rows),
            "done": round(sum(r["done"] for r in rows), 2),
        },
    }
    return render(request, "clauses/operation_detail.html", context)


@facilitator_required
@require_POST
def operation_follow(request, pk):
    operation = get_operation(request.user, pk)
    if operation.followers.filter(pk=request.user.pk).exists():
        operation.followers.remove(request.user)
        messages.info(request, "Vous ne suivez plus cette opération.")
    else:
        operation.followers.add(request.user)
        messages.success(request, "Vous suivez cette opération : ses lots apparaissent sur votre tableau de bord.")
    return redirect(operation)


@facilitator_required
def operation_close(request, pk):
    """Closing asks for confirmation and says what is still open (declarations, running contracts, hours)."""
    operation = get_operation(request.user, pk)
    require(policy.can_edit_operation(request.user, operation))
    lots = Lot.objects.filter(market__operation=operation).select_related("market").order_by("market_id", "number")
    if request.method == "POST" and request.POST.get("confirm") == "1":
        services.close_operation(request.user, operation)
        messages.success(request, "Opération clôturée : le bilan et les attestations sont définitifs (chiffres figés).")
        return redirect("clauses:operation_bilan", pk=operation.pk)
    today = date.today()
    context = {
        "operation": operation,
        "rows": selectors.progress_rows(lots),
        "pending": HoursStatement.objects.filter(lot__in=lots, status=StatementStatus.SUBMITTED).count(),
        "running": Contract.objects.filter(lot__in=lots).filter(Q(end_on__isnull=True) | Q(end_on__gt=today)).count(),
    }
    return render(request, "clauses/operation_close.html", context)


@facilitator_required
@require_POST
def lot_amend(request, pk):
    """An avenant: dated amendment of amount, end or target, kept in the lot's history."""
    lot = get_lot(request.user, pk)
    require(policy.can_follow_up(request.user, lot))
    form = AmendmentForm(request.POST, prefix="avenant")
    if not saved(form, lambda data: services.amend_lot(request.user, lot, **data)):
        return _lot_page(request, lot, amendment_form=form)
    messages.success(request, "Avenant enregistré ; le calendrier garde ses mois passés.")
    return redirect(lot)


@facilitator_required
@require_POST
def lot_framework(request, pk):
    """A period of a framework agreement: amounts ordered and invoiced; the obligation follows."""
    lot = get_lot(request.user, pk)
    require(policy.can_follow_up(request.user, lot))
    form = FrameworkPeriodForm(request.POST)
    if not saved(form, lambda data: services.record_framework_period(request.user, lot, **data)):
        return _lot_page(request, lot, framework_form=form)
    messages.success(request, "Période enregistrée : l'obligation d'heures est recalculée.")
    return redirect(lot)


@facilitator_required
@require_POST
def lot_reopen(request, pk):
    """A dated, audited correction: the closed lot's bilan is reopened explicitly, with a reason."""
    lot = get_lot(request.user, pk)
    require(policy.can_follow_up(request.user, lot))
    try:
        services.reopen_lot(request.user, lot, request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.warning(request, "Bilan du lot rouvert pour correction : clôturez à nouveau pour figer les chiffres.")
    return redirect(lot)


@facilitator_required
def market_form(request, operation_pk=None, pk=None):
    market = get_object_or_404(Market, pk=pk) if pk else None
    operation = get_operation(request.user, market.operation_id if market else operation_pk)
    require(policy.can_edit_operation(request.user, operation))
    form = MarketForm(request.POST or None, instance=market)
    if request.method == "POST" and form.is_valid():
        market = services.save_market(request.user, form, operation)
        messages.success(request, "Le marché est enregistré. Ajoutez-lui ses lots.")
        return redirect(market)
    return render(request, "clauses/market_form.html", {"form": form, "operation": operation, "market": market})


@module_required
def market_detail(request, pk):
    market = get_object_or_404(Market.objects.select_related("operation"), pk=pk)
    operation = get_operation(request.user, market.operation_id)
    lots = policy.visible_lots(request.user).filter(market=market).select_related("epci")
    rows = selectors.progress_rows(lots.order_by("number"))
    context = {
        "market": market,
        "operation": operation,
        "rows": rows,
        "can_edit": policy.can_edit_operation(request.user, operation),
    }
    return render(request, "clauses/market_detail.html", context)


@facilitator_required
def lot_form(request, market_pk=None, pk=None):
    lot = get_lot(request.user, pk) if pk else None
    market = lot.market if lot else get_object_or_404(Market, pk=market_pk)
    operation = get_operation(request.user, market.operation_id)
    require(policy.can_edit_operation(request.user, operation))
    initial = {}
    if lot is None:
        initial = {
            "number": market.lots.count() + 1,
            "cpv_code": market.cpv_code,
            "amount": market.amount,
            "start_on": market.notified_on,
            "duration_months": market.duration_months,
            "commune": operation.commune_id,
        }
    if lot is not None and lot.status == LotStatus.CLOSED:
        messages.error(request, "Ce lot est clôturé : rouvrez son bilan (correction tracée) pour le modifier.")
        return redirect(lot)
    form = LotForm(request.POST or None, instance=lot, initial=initial)
    if request.method == "POST" and form.is_valid():
        lot = services.save_lot(request.user, form, market)
        messages.success(request, "Le lot est enregistré. Dimensionnez maintenant la clause.")
        return redirect("clauses:lot_sizing", pk=lot.pk) if not lot.target_hours else redirect(lot)
    context = {"form": form, "lot": lot, "market": market, "operation": operation, "communes": perimeter_communes()}
    return render(request, "clauses/lot_form.html", context)


@module_required
def lot_detail(request, pk):
    return _lot_page(request, get_lot(request.user, pk))


def _lot_page(request, lot, **posted):
    """The lot's page. A form of it posted with errors (``posted``: its name in the context → the bound form)
    comes back in its place, opened, with the errors and what was typed (status 200, as the module's forms)."""
    user = request.user
    row = selectors.progress_rows(Lot.objects.filter(pk=lot.pk).select_related("market__operation"))[0]
    can_follow_up = policy.can_follow_up(user, lot)
    is_company = policy.is_company_of_lot(user, lot)
    contracts = []
    if can_follow_up or is_company:
        base = (
            Contract.objects.filter(Q(lot=lot) | Q(credited_lot=lot))
            if can_follow_up
            else policy.company_contracts(user, lot)
        )
        contracts = list(
            base.select_related("participant__person", "employer", "lot", "credited_lot").order_by("-start_on")
        )
        audit_people(user, [c.participant_id for c in contracts], f"page du lot {lot.pk}")
    context = {
        "lot": lot,
        "operation": lot.market.operation,
        "row": row,
        "schedule": lot.schedule.all(),
        "companies": lot.lot_companies.select_related("company"),
        "clauses": lot.clauses.all(),
        "contracts": contracts,
        "can_follow_up": can_follow_up,
        "can_see_people": can_follow_up or is_company,
        "is_company": is_company,
        "company_form": LotCompanyForm() if can_follow_up else None,
        "clause_form": LotClauseForm() if can_follow_up else None,
        "closings": lot.closings.select_related("closed_by", "reopened_by", "rule") if can_follow_up else [],
        "amendments": lot.amendments.all(),
        "framework_periods": lot.framework_periods.all() if lot.is_framework else [],
        "amendment_form": AmendmentForm(prefix="avenant") if can_follow_up and lot.status != LotStatus.CLOSED else None,
        "framework_form": FrameworkPeriodForm() if can_follow_up and lot.is_framework else None,
        **posted,
    }
    return render(request, "clauses/lot_detail.html", context)


def _set_company(user, lot, data):
    company, role = data["company"], data["role"]
    services.set_lot_company(user, lot, company, role, start_on=data["start_on"], end_on=data["end_on"])


@facilitator_required
@require_POST
def lot_company(request, pk):
    lot = get_lot(request.user, pk)
    require(policy.can_follow_up(request.user, lot))
    if request.POST.get("remove", "").isdigit():
        services.remove_lot_company(request.user, lot, int(request.POST["remove"]))
        messages.info(request, "L'entreprise est retirée du lot.")
        return redirect(lot)
    form = LotCompanyForm(request.POST)
    if not saved(form, lambda data: _set_company(request.user, lot, data)):
        return _lot_page(request, lot, company_form=form)
    messages.success(request, "L'entreprise est rattachée au lot.")
    return redirect(lot)


@facilitator_required
@require_POST
def lot_clause(request, pk):
    lot = get_lot(request.user, pk)
    require(policy.can_follow_up(request.user, lot))
    if request.POST.get("remove"):
        lot.clauses.filter(kind=request.POST["remove"]).delete()
        return redirect(lot)
    form = LotClauseForm(request.POST)
    if not saved(form, lambda data: services.set_lot_clause(request.user, lot, **data)):
        return _lot_page(request, lot, clause_form=form)
    messages.success(request, "La clause est enregistrée.")
    return redirect(lot)


def _sizing_from(form) -> Sizing:
    data = form.cleaned_data
    return Sizing(
        method=data["method"],
        amount=data.get("amount"),
        labour_share=data.get("labour_share"),
        insertion_rate=data.get("insertion_rate"),
        hourly_cost=data.get("hourly_cost"),
        euros_per_hour=data.get("euros_per_hour"),
        manual_hours=data.get("manual_hours"),
    )


def _calculate(form) -> tuple[Decimal | None, list[str]]:
    if not form.is_valid():
        return None, [f"{form.fields[name].label} : {' '.join(errors)}" for name, errors in form.errors.items()]
    try:
        return compute_target_hours(_sizing_from(form)), []
    except ValidationError as error:
        return None, error.messages


@facilitator_required
def sizing(request, pk=None):
    """The sizing calculator; on a lot, saving stores the target hours and the monthly schedule."""
    lot = get_lot(request.user, pk) if pk else None
    cpv = request.GET.get("cpv") or (lot.cpv_code if lot else "45")
    presets = presets_for(cpv, lot.epci_id if lot else None)
    if request.method == "POST" or request.htmx:
        data = request.POST if request.method == "POST" else request.GET
        form = SizingForm(data, presets=presets)
    else:
        preset = presets[0] if presets else None
        initial = {"method": SizingMethod.RATE, "amount": lot.amount if lot else None}
        if lot and lot.sizing_method:
            initial.update(
                method=lot.sizing_method,
                labour_share=lot.labour_share,
                insertion_rate=lot.insertion_rate,
                hourly_cost=lot.hourly_cost,
                euros_per_hour=lot.euros_per_hour,
                manual_hours=lot.target_hours if lot.sizing_method == SizingMethod.MANUAL else None,
            )
        elif preset:
            initial.update(
                preset=preset.pk,
                method=preset.method,
                labour_share=preset.labour_share,
                insertion_rate=preset.insertion_rate,
                hourly_cost=preset.hourly_cost,
                euros_per_hour=preset.euros_per_hour,
            )
        form = SizingForm(initial=initial, presets=presets)
    if form.is_bound:
        hours, errors = _calculate(form)
    else:  # show the result of the pre-filled values at once
        prefilled = SizingForm({k: v for k, v in form.initial.items() if v is not None}, presets=presets)
        hours, errors = _calculate(prefilled)
        errors = []
    if form.is_bound and not form.is_valid():
        errors = errors or ["Vérifiez les valeurs saisies."]
    fte = round(float(hours) / float(FTE_HOURS), 2) if hours is not None else None
    duration = None
    if lot is not None:
        duration = lot.duration_months or (len(schedule_months(lot)) or None)
    notes = feasibility_notes(hours, duration_months=duration, division=(lot.cpv_division if lot else cpv[:2]))
    if request.htmx and request.method == "GET":
        return render(
            request, "clauses/_sizing_result.html", {"hours": hours, "fte": fte, "errors": errors, "notes": notes}
        )
    if request.method == "POST" and lot is not None and hours is not None:
        require(policy.can_follow_up(request.user, lot))
        services.size_lot(request.user, lot, _sizing_from(form))
        messages.success(request, f"Objectif enregistré : {hours} heures d'insertion, réparties mois par mois.")
        return redirect(lot)
    context = {
        "form": form,
        "lot": lot,
        "hours": hours,
        "fte": fte,
        "errors": errors,
        "notes": notes,
        "presets": presets,
        # For static/clauses/sizing-presets.js (passed with json_script: no inline script under the CSP).
        "preset_data": {
            str(p.pk): {
                "method": p.method,
                "labour_share": str(p.labour_share),
                "insertion_rate": str(p.insertion_rate),
                "hourly_cost": str(p.hourly_cost),
                "euros_per_hour": "" if p.euros_per_hour is None else str(p.euros_per_hour),
            }
            for p in presets
        },
        "cpv": cpv,
    }
    return render(request, "clauses/sizing.html", context)


@module_required
def lot_list(request):
    """Lots with their progress (the facilitator's follow-up list, exportable)."""
    lots = policy.visible_lots(request.user).select_related("market__operation__buyer", "epci")
    query = request.GET.get("q", "").strip()
    if query:
        lots = lots.filter(Q(label__icontains=query) | Q(market__operation__name__icontains=query))
    sorting = Sorting(request, LOT_COLUMNS, default="operation")
    if request.GET.get("retard") == "1" or request.GET.get("export") or not sorting.column.fields:
        # Filtering or sorting on a figure needs every lot's progress (a few grouped queries).
        rows = sorting.sort(selectors.progress_rows(lots.order_by("market__operation__name", "number")))
        if request.GET.get("retard") == "1":
            rows = [r for r in rows if r["behind"]]
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return LOTS.response(export, rows)
        page = page_of(request, rows)
    else:
        page = page_of(request, sorting.order(lots.annotate(**lot_sort_keys())))
        page.object_list = selectors.progress_rows(page.object_list)
    context = {"page": page, "q": query, "late": request.GET.get("retard"), "sorting": sorting}
    return render(request, "clauses/lot_list.html", context)


@facilitator_required
@require_POST
def lot_remind(request, pk):
    """Remind the lot's companies to declare their hours (e-mail)."""
    lot = get_lot(request.user, pk)
    require(policy.can_follow_up(request.user, lot))
    row = selectors.progress_rows(Lot.objects.filter(pk=lot.pk).select_related("market__operation"))[0]
    try:
        sent = reminders.remind_companies(request.user, lot, row, base_url=request.build_absolute_uri("/")[:-1])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Relance envoyée à {count_of(sent, 'destinataire')}.")
    return redirect(lot)


@facilitator_required
def lot_schedule(request, pk):
    """Edit the lot's monthly schedule (cumulative hours due at the end of each month)."""
    lot = get_lot(request.user, pk)
    require(policy.can_follow_up(request.user, lot))
    current = {step.month: step.cumulative_hours for step in lot.schedule.all()}
    months = schedule_months(lot) or sorted(current)
    error = None
    if request.method == "POST":
        steps = []
        try:
            for month in months:
                raw = request.POST.get(f"cumul-{month:%Y-%m}", "").strip().replace(",", ".").replace(" ", "")
                steps.append((month, Decimal(raw)))
            services.set_schedule(request.user, lot, steps)
        except (InvalidOperation, ValueError):
            error = "Chaque mois attend un nombre d'heures."
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "Le calendrier du lot est enregistré.")
            return redirect(lot)
    rows = [
        {"month": month, "value": request.POST.get(f"cumul-{month:%Y-%m}") or current.get(month, "")}
        for month in months
    ]
    return render(request, "clauses/lot_schedule.html", {"lot": lot, "rows": rows, "error": error})
