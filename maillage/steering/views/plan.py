"""The action plan by axis: list with the modules' figures, action file, its indicators, milestones, time."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from maillage.accounts.policies import require

from .. import policies, services
from ..forms import ActionForm, ActionIndicatorForm, AxisForm, FundingLineForm, MilestoneForm, TimeEntryForm
from ..models import Action, ActionIndicator
from ..selectors import plan as selectors
from .common import add_child, module_context, render_form, year_of


def plan(request):
    require(policies.can_view_plan(request.user))
    year = year_of(request)
    axes = selectors.plan(year)
    action_ids = [item.action.pk for entry in axes for item in entry.actions]
    context = {
        "year": year,
        "years": selectors.available_years(),
        "axes": axes,
        "staff_time_ids": policies.staff_time_action_ids(request.user, action_ids),
        "funding": selectors.funding_summary(year) if policies.can_view_funding(request.user) else None,
        "follow_ups": selectors.open_follow_ups()[:10] if policies.can_steer(request.user) else [],
        "renewals": services.conventions_to_renew() if policies.can_steer(request.user) else [],
        **module_context(request.user),
    }
    return render(request, "steering/plan.html", context)


def action_detail(request, pk):
    require(policies.can_view_plan(request.user))
    action = get_object_or_404(Action.objects.select_related("axis", "owner"), pk=pk)
    context = {
        "action": action,
        "detail": selectors.action_detail(action),
        "staff_hours": selectors.staff_hours(action) if policies.can_view_staff_time(request.user, action) else None,
        "lines": action.funding_lines.select_related("funder") if policies.can_view_funding(request.user) else None,
        "time_entries": action.time_entries.select_related("staff")[:24] if policies.can_steer(request.user) else [],
        **module_context(request.user),
    }
    return render(request, "steering/action_detail.html", context)


def action_edit(request, pk=None):
    require(policies.can_steer(request.user))
    action = get_object_or_404(Action, pk=pk) if pk else None
    initial = {} if action else {"year": year_of(request)}
    form = ActionForm(request.POST or None, instance=action, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = form.save()
        messages.success(request, "L'action a été enregistrée.")
        return redirect("steering:action_detail", action.pk)
    back = reverse("steering:action_detail", args=[pk]) if pk else reverse("steering:plan")
    return render_form(request, form, title="Modifier l'action" if pk else "Nouvelle action", back_url=back)


def axis_create(request):
    require(policies.can_steer(request.user))
    form = AxisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        axis = form.save(commit=False)
        axis.kind = "local"
        axis.save()
        messages.success(request, "L'axe local a été ajouté.")
        return redirect("steering:plan")
    return render_form(request, form, title="Nouvel axe local", back_url=reverse("steering:plan"))


def _add_to_action(request, pk, form_class, title, message, **extra):
    return add_child(
        request, Action, pk, form_class, parent_field="action", detail="steering:action_detail", title=title,
        message=message, **extra,
    )  # fmt: skip


def indicator_add(request, pk):
    return _add_to_action(request, pk, ActionIndicatorForm, "Ajouter un indicateur", "L'indicateur a été ajouté.")


def indicator_delete(request, pk):
    require(policies.can_steer(request.user))
    picked = get_object_or_404(ActionIndicator, pk=pk)
    if request.method == "POST":
        picked.delete()
        messages.success(request, "L'indicateur a été retiré de l'action.")
    return redirect("steering:action_detail", picked.action_id)


def milestone_add(request, pk):
    return _add_to_action(request, pk, MilestoneForm, "Ajouter un jalon", "Le jalon a été ajouté.")


def time_add(request, pk):
    return _add_to_action(request, pk, TimeEntryForm, "Saisir du temps passé", "Le temps passé a été enregistré.")


def funding_line_add(request, pk):
    year = Action.objects.filter(pk=pk).values_list("year", flat=True).first()
    return _add_to_action(
        request,
        pk,
        FundingLineForm,
        "Ajouter une ligne de financement",
        "La ligne de financement a été ajoutée.",
        initial={"year": year},
    )
