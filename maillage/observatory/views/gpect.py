"""GPECT: company projects (needs → pools → training needs → actions) and branch partnerships."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from maillage.accounts.policies import require

from .. import gpect, policies, services
from ..forms import ActionForm, BranchForm, NeedForm, ProjectForm, StudyForm
from ..models import BranchPartnership, CompanyProject, ProjectAction


@login_required
def project_list(request):
    require(policies.can_view_projects(request.user))
    can_manage = policies.can_manage_projects(request.user)
    form = ProjectForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            project = services.project_create(user=request.user, data=form.cleaned_data)
            return redirect("observatory:project_detail", project.pk)
    projects = CompanyProject.objects.select_related("commune").prefetch_related("needs")
    return render(request, "observatory/project_list.html", {"projects": projects, "form": form, "section": "gpect"})


@login_required
def project_detail(request, pk):
    require(policies.can_view_projects(request.user))
    project = get_object_or_404(CompanyProject.objects.select_related("commune"), pk=pk)
    can_manage = policies.can_manage_projects(request.user)
    need_form = NeedForm(request.POST if request.POST.get("form") == "need" else None, prefix="need")
    action_form = ActionForm(request.POST if request.POST.get("form") == "action" else None, prefix="action")
    if request.method == "POST":
        require(can_manage)
        try:
            if request.POST.get("form") == "need" and need_form.is_valid():
                services.project_add_need(
                    project=project, fiche=need_form.fiche, quantity=need_form.cleaned_data["quantity"],
                    wanted_by=need_form.cleaned_data.get("wanted_by"),
                )  # fmt: skip
                return redirect("observatory:project_detail", pk)
            if request.POST.get("form") == "action" and action_form.is_valid():
                services.project_add_action(project=project, data=action_form.cleaned_data)
                return redirect("observatory:project_detail", pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    is_closure = project.kind == CompanyProject.Kind.CLOSURE
    context = {
        "project": project,
        "needs": project.needs.select_related("fiche"),
        "analysis": None if is_closure else gpect.analyse(project),
        "outlook": gpect.closure_outlook(project) if is_closure else None,
        "actions": project.actions.select_related("fiche"),
        "need_form": need_form,
        "action_form": action_form,
        "can_manage": can_manage,
        "section": "gpect",
    }
    return render(request, "observatory/project_detail.html", context)


@login_required
def action_edit(request, pk):
    action = get_object_or_404(ProjectAction, pk=pk)
    require(policies.can_manage_projects(request.user))
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        services.action_update(action=action, data=form.cleaned_data)
        return redirect("observatory:project_detail", action.project_id)
    return render(request, "observatory/action_edit.html", {"form": form, "action": action, "section": "gpect"})


@login_required
def branch_list(request):
    require(policies.can_view_projects(request.user))
    can_manage = policies.can_manage_projects(request.user)
    form = BranchForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            services.branch_create(data=form.cleaned_data)
            return redirect("observatory:branch_list")
    branches = BranchPartnership.objects.prefetch_related("studies")
    return render(request, "observatory/branch_list.html", {"branches": branches, "form": form, "section": "branches"})


@login_required
def branch_detail(request, pk):
    require(policies.can_view_projects(request.user))
    branch = get_object_or_404(BranchPartnership, pk=pk)
    can_manage = policies.can_manage_projects(request.user)
    form = StudyForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            services.study_add(partnership=branch, data=form.cleaned_data)
            return redirect("observatory:branch_detail", pk)
    return render(request, "observatory/branch_detail.html", {"branch": branch, "form": form, "section": "branches"})
