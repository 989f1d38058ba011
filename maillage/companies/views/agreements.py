"""Revitalisation, PSE and RCC agreements: list, detail with results against targets, forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from maillage.accounts.policies import require
from maillage.companies import policies as policy
from maillage.kernel.sorting import Folded, SortColumn, Sorting, choice_rank

from .. import selectors, services
from ..exports import AGREEMENTS
from ..forms import AgreementActionForm, AgreementForm, CommitteeMeetingForm
from ..models import Agreement, AgreementAction, AgreementKind, AgreementStatus, CommitteeMeeting
from .common import module_context, render_form

AGREEMENT_COLUMNS = [
    SortColumn("convention", "Convention", ("title_key", "start_date")),  # folded names
    SortColumn("entreprise", "Entreprise", ("establishment_key", "start_date")),
    SortColumn("periode", "Période", ("start_date", "end_date")),  # the default order, the latest first
    SortColumn("etat", "État", ("status_rank", "start_date")),  # negotiation, running, closed
    SortColumn("montant", "Montant", ("amount", "start_date"), descending_first=True),
    SortColumn("engage", "Engagé", ("amount_committed", "start_date"), descending_first=True),
    SortColumn("depense", "Dépensé", ("amount_spent", "start_date"), descending_first=True),
    SortColumn("emplois", "Emplois recréés / objectif", ("jobs_created", "start_date"), descending_first=True),
    SortColumn("beneficiaires", "Bénéficiaires", ("beneficiaries", "start_date"), descending_first=True),
]


@login_required
def agreement_list(request):
    require(policy.can_list_agreements(request.user))
    kind, status = request.GET.get("type", ""), request.GET.get("etat", "")
    agreements = selectors.agreements_for(request.user, kind=kind, status=status)
    totals = selectors.agreement_totals(agreements)
    sorting = Sorting(request, AGREEMENT_COLUMNS, default="-periode")
    agreements = sorting.order(
        agreements.annotate(
            title_key=Folded("title"),
            establishment_key=Folded("establishment__name"),
            status_rank=choice_rank("status", AgreementStatus.choices),
        )
    )
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return AGREEMENTS.response(export, agreements)  # in the page's order
    context = {
        "agreements": agreements,
        "sorting": sorting,
        "totals": totals,
        "kinds": AgreementKind.choices,
        "statuses": AgreementStatus.choices,
        "kind": kind,
        "status": status,
        "can_manage_agreements": policy.can_manage_agreements(request.user),
        **module_context(request.user),
    }
    return render(request, "companies/agreement_list.html", context)


def _visible_agreement(user, pk) -> Agreement:
    queryset = selectors.with_results(policy.visible_agreements(user).select_related("establishment__commune"))
    return get_object_or_404(queryset, pk=pk)


@login_required
def agreement_detail(request, pk):
    agreement = _visible_agreement(request.user, pk)
    context = {
        "agreement": agreement,
        "actions": agreement.actions.all(),
        "meetings": agreement.meetings.all(),
        "jobs_percent": selectors.percent(agreement.jobs_created, agreement.jobs_target),
        "committed_percent": selectors.percent(agreement.amount_committed, agreement.amount),
        "spent_percent": selectors.percent(agreement.amount_spent, agreement.amount),
        "can_manage_agreements": policy.can_manage_agreements(request.user),
        **module_context(request.user),
    }
    return render(request, "companies/agreement_detail.html", context)


@login_required
def agreement_form(request, pk=None):
    require(policy.can_manage_agreements(request.user), "Vous ne pouvez pas modifier les conventions.")
    agreement = get_object_or_404(Agreement, pk=pk) if pk else None
    initial = {}
    if not agreement and request.GET.get("etablissement", "").isdigit():
        initial["establishment"] = int(request.GET["etablissement"])
    form = AgreementForm(request.POST or None, instance=agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        agreement = services.save_agreement(request.user, agreement, **form.cleaned_data)
        messages.success(request, "La convention a été enregistrée.")
        return redirect("companies:agreement_detail", pk=agreement.pk)
    back = (
        reverse("companies:agreement_detail", args=[agreement.pk]) if agreement else reverse("companies:agreement_list")
    )
    return render_form(request, form, title=str(agreement) if agreement else "Nouvelle convention", back_url=back)


@login_required
def agreement_action_form(request, agreement_pk=None, pk=None):
    require(policy.can_manage_agreements(request.user), "Vous ne pouvez pas modifier les conventions.")
    action = get_object_or_404(AgreementAction, pk=pk) if pk else None
    agreement = get_object_or_404(Agreement, pk=action.agreement_id if action else agreement_pk)
    form = AgreementActionForm(request.POST or None, instance=action)
    back = reverse("companies:agreement_detail", args=[agreement.pk]) + "#actions"
    if request.method == "POST" and form.is_valid():
        services.save_agreement_action(request.user, agreement, action, **form.cleaned_data)
        messages.success(request, "L'action financée a été enregistrée.")
        return redirect(back)
    title = "Modifier l'action financée" if action else f"Nouvelle action financée – {agreement}"
    return render_form(request, form, title=title, back_url=back)


@login_required
def meeting_form(request, agreement_pk=None, pk=None):
    require(policy.can_manage_agreements(request.user), "Vous ne pouvez pas modifier les conventions.")
    meeting = get_object_or_404(CommitteeMeeting, pk=pk) if pk else None
    agreement = get_object_or_404(Agreement, pk=meeting.agreement_id if meeting else agreement_pk)
    form = CommitteeMeetingForm(request.POST or None, instance=meeting)
    back = reverse("companies:agreement_detail", args=[agreement.pk]) + "#comites"
    if request.method == "POST" and form.is_valid():
        services.save_committee_meeting(request.user, agreement, meeting, **form.cleaned_data)
        messages.success(request, "Le comité a été enregistré.")
        return redirect(back)
    title = "Modifier le comité" if meeting else f"Nouveau comité – {agreement}"
    return render_form(request, form, title=title, back_url=back)
