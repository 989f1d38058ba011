"""Recruitment needs and recruitment plans."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from maillage.accounts.policies import require
from maillage.companies import policies as policy
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import SortColumn, Sorting, choice_rank

from .. import selectors, services
from ..exports import NEEDS
from ..forms import PlanActionForm, PlanYearForm, RecruitmentNeedForm, RecruitmentPlanForm
from ..models import (
    ContractType,
    Difficulty,
    NeedReason,
    NeedStatus,
    PlanAction,
    RecruitmentNeed,
    RecruitmentPlan,
)
from .common import module_context, render_form
from .establishments import establishment_page, visible_establishment_or_404

# Choice columns sort by what the page shows: the labels' alphabetical order, or the scale's order.
RANKS = {
    "contract_rank": lambda: choice_rank("contract_type", ContractType.choices, by_label=True),
    "difficulty_rank": lambda: choice_rank("difficulty", Difficulty.choices),
    "reason_rank": lambda: choice_rank("reason", NeedReason.choices, by_label=True),
    "status_rank": lambda: choice_rank("status", NeedStatus.choices),  # the need's life: open, filled...
}
NEED_COLUMNS = [
    SortColumn("metier", "Métier", ("appellation__search_label", "wanted_by")),  # folded: É among the E
    SortColumn("etablissement", "Établissement", ("establishment__name", "wanted_by")),
    SortColumn("postes", "Postes", ("positions", "wanted_by"), descending_first=True),
    SortColumn("contrat", "Contrat", ("contract_rank", "wanted_by")),
    SortColumn("embauche", "Embauche souhaitée", ("wanted_by",)),  # the default order, soonest first
    SortColumn("difficulte", "Difficulté", ("difficulty_rank", "wanted_by"), descending_first=True),
    SortColumn("motif", "Motif", ("reason_rank", "wanted_by")),
    SortColumn("etat", "État", ("status_rank", "wanted_by")),
]


@login_required
def need_list(request):
    require(policy.can_list_establishments(request.user))
    filters = selectors.NeedFilters(
        q=request.GET.get("q", "").strip(),
        status=request.GET.get("etat", "open"),
        reason=request.GET.get("motif", ""),
        epci=request.GET.get("epci", ""),
        contract_type=request.GET.get("contrat", ""),
    )
    sorting = Sorting(request, NEED_COLUMNS, default="embauche")
    needs = selectors.needs_for(request.user, filters)
    rank = sorting.column.fields[0]
    if rank in RANKS:
        needs = needs.annotate(**{rank: RANKS[rank]()})
    needs = sorting.order(needs)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return NEEDS.response(export, needs)
    context = {
        "page": page_of(request, needs),
        "sorting": sorting,
        "filters": filters,
        "statuses": NeedStatus.choices,
        "reasons": NeedReason.choices,
        "contract_types": ContractType.choices,
        "epcis": selectors.epci_choices(request.user),
        **module_context(request.user),
    }
    return render(request, "companies/need_list.html", context)


def _detail_url(establishment, anchor="besoins"):
    return reverse("companies:establishment_detail", args=[establishment.pk]) + f"#{anchor}"


@login_required
def need_form(request, establishment_pk=None, pk=None):
    user = request.user
    need = None
    if pk:
        need = get_object_or_404(RecruitmentNeed.objects.select_related("appellation"), pk=pk)
        establishment = visible_establishment_or_404(user, need.establishment_id)
    else:
        establishment = visible_establishment_or_404(user, establishment_pk)
    require(policy.can_manage_needs(user, establishment), "Vous ne pouvez pas modifier les besoins de recrutement.")
    form = RecruitmentNeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        services.save_need(user, establishment, need, **form.cleaned_data)
        messages.success(request, "Le besoin de recrutement a été enregistré.")
        return redirect(_detail_url(establishment))
    title = "Modifier le besoin de recrutement" if need else "Nouveau besoin de recrutement"
    return render_form(request, form, title=title, back_url=_detail_url(establishment), establishment=establishment)


@login_required
@require_POST
def need_status(request, pk):
    need = get_object_or_404(RecruitmentNeed.objects.select_related("appellation"), pk=pk)
    establishment = visible_establishment_or_404(request.user, need.establishment_id)
    require(policy.can_manage_needs(request.user, establishment), "Vous ne pouvez pas modifier ce besoin.")
    status = request.POST.get("status", "")
    if status not in NeedStatus.values:
        messages.error(request, "État inconnu : le besoin n'a pas été modifié.")
    else:
        services.set_need_status(request.user, need, status)
        messages.success(request, f"{need.appellation.label} : {need.get_status_display().lower()}.")
    return redirect(_detail_url(establishment))


@login_required
@require_POST
def plan_create(request, establishment_pk):
    establishment = visible_establishment_or_404(request.user, establishment_pk)
    require(policy.can_manage_plan(request.user, establishment), "Vous ne pouvez pas créer de plan de recrutement.")
    form = PlanYearForm(request.POST)
    if not form.is_valid():
        return establishment_page(request, establishment, plan_form=form)
    plan = services.get_or_create_plan(establishment, form.cleaned_data["year"])
    return redirect("companies:plan_detail", pk=plan.pk)


def _visible_plan(user, pk) -> RecruitmentPlan:
    plan = get_object_or_404(RecruitmentPlan, pk=pk)
    plan.establishment = visible_establishment_or_404(user, plan.establishment_id)
    return plan


@login_required
def plan_detail(request, pk):
    plan = _visible_plan(request.user, pk)
    require(policy.can_view_plan(request.user, plan.establishment))
    context = {
        "plan": plan,
        "establishment": plan.establishment,
        "quarters": selectors.plan_by_quarter(plan),
        "can_manage_plan": policy.can_manage_plan(request.user, plan.establishment),
        **module_context(request.user),
    }
    return render(request, "companies/plan_detail.html", context)


@login_required
def plan_form(request, pk):
    plan = _visible_plan(request.user, pk)
    require(policy.can_manage_plan(request.user, plan.establishment), "Vous ne pouvez pas modifier ce plan.")
    form = RecruitmentPlanForm(request.POST or None, instance=plan)
    back = reverse("companies:plan_detail", args=[plan.pk])
    if request.method == "POST" and form.is_valid():
        services.save_plan(request.user, plan, **form.cleaned_data)
        messages.success(request, "Le plan de recrutement a été enregistré.")
        return redirect(back)
    return render_form(request, form, title=f"{plan}", back_url=back, establishment=plan.establishment)


@login_required
def plan_action_form(request, plan_pk=None, pk=None):
    action = None
    if pk:
        action = get_object_or_404(PlanAction, pk=pk)
        plan_pk = action.plan_id
    plan = _visible_plan(request.user, plan_pk)
    require(policy.can_manage_plan(request.user, plan.establishment), "Vous ne pouvez pas modifier ce plan.")
    initial = {}
    if not action and request.GET.get("trimestre", "").isdigit():
        initial["quarter"] = int(request.GET["trimestre"])
    form = PlanActionForm(request.POST or None, instance=action, plan=plan, initial=initial)
    back = reverse("companies:plan_detail", args=[plan.pk])
    if request.method == "POST" and form.is_valid():
        services.save_plan_action(request.user, plan, action, **form.cleaned_data)
        messages.success(request, "L'action a été enregistrée.")
        return redirect(back)
    title = "Modifier l'action" if action else f"Nouvelle action – plan {plan.year}"
    return render_form(request, form, title=title, back_url=back, establishment=plan.establishment)


@login_required
@require_POST
def plan_action_delete(request, pk):
    action = get_object_or_404(PlanAction, pk=pk)
    plan = _visible_plan(request.user, action.plan_id)
    require(policy.can_manage_plan(request.user, plan.establishment), "Vous ne pouvez pas modifier ce plan.")
    services.delete_plan_action(request.user, action)
    messages.success(request, "L'action a été supprimée.")
    return redirect("companies:plan_detail", pk=plan.pk)
