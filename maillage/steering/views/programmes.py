"""Programmes: cohorts, each participant's path (steps, outcome); revitalisation results from companies."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.accounts.policies import require

from .. import policies
from ..forms import CohortForm, PathStepForm, ProgrammeForm, ProgrammeParticipantForm
from ..models import Cohort, Outcome, Programme, ProgrammeKind, ProgrammeParticipant
from .common import add_child, module_context, render_form
from .fse import _person_for


def _companies():
    # Modules talk through each other's selectors only (the revitalisation agreements live in companies).
    from maillage.companies import selectors

    return selectors


def programme_list(request):
    require(policies.can_view_plan(request.user))
    programmes = Programme.objects.select_related("action").annotate(
        participants=Count("cohorts__participants", distinct=True),
        in_job=Count("cohorts__participants", filter=Q(cohorts__participants__outcome=Outcome.JOB), distinct=True),
    )
    context = {"programmes": programmes, "kinds": ProgrammeKind.choices, **module_context(request.user)}
    return render(request, "steering/programme_list.html", context)


def programme_edit(request, pk=None):
    require(policies.can_steer(request.user))
    programme = get_object_or_404(Programme, pk=pk) if pk else None
    form = ProgrammeForm(request.POST or None, instance=programme, agreement_choices=_companies().agreement_choices())
    if request.method == "POST" and form.is_valid():
        programme = form.save()
        messages.success(request, "Le programme a été enregistré.")
        return redirect("steering:programme_detail", programme.pk)
    return render_form(request, form, title="Programme", back_url=reverse("steering:programme_list"))


def programme_detail(request, pk):
    require(policies.can_view_plan(request.user))
    programme = get_object_or_404(Programme.objects.select_related("action", "pilot_partner"), pk=pk)
    show_people = policies.can_manage_participants(request.user)
    cohorts = programme.cohorts.annotate(size=Count("participants"))
    outcomes = ProgrammeParticipant.objects.filter(cohort__programme=programme).aggregate(
        **{value: Count("pk", filter=Q(outcome=value)) for value in Outcome.values}
    )
    participants = []
    if show_people:
        participants = (
            ProgrammeParticipant.objects.filter(cohort__programme=programme)
            .select_related("cohort", "person", "mentor", "sponsor")
            .prefetch_related("steps")
        )
        audit.record(
            request.user, AuditAction.VIEW, "steering.programmeparticipant", detail=f"programme {programme.pk}"
        )
    context = {
        "programme": programme,
        "cohorts": cohorts,
        "outcomes": [(label, outcomes[value]) for value, label in Outcome.choices],
        "participants": participants,
        "show_people": show_people,
        "agreement": _companies().agreement_results(programme.agreement_id) if programme.agreement_id else None,
        **module_context(request.user),
    }
    return render(request, "steering/programme_detail.html", context)


def cohort_add(request, pk):
    return add_child(
        request, Programme, pk, CohortForm, parent_field="programme", detail="steering:programme_detail",
        title="Promotion", message="La promotion a été ajoutée.",
    )  # fmt: skip


def participant_add(request, cohort_pk):
    require(policies.can_manage_participants(request.user))
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_pk)
    form = ProgrammeParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        participant = form.save(commit=False)
        participant.cohort = cohort
        participant.person = _person_for(data["first_name"], data["last_name"], data["birth_date"])
        if data["mentor_name"]:
            first, _, last = data["mentor_name"].strip().partition(" ")
            participant.mentor = _person_for(first, last or first, None)
        if ProgrammeParticipant.objects.filter(cohort=cohort, person=participant.person).exists():
            form.add_error(None, "Cette personne est déjà dans la promotion.")
        else:
            participant.save()
            audit.record_instance(request.user, AuditAction.CREATE, participant)
            messages.success(request, "Le parcours a été ouvert.")
            return redirect("steering:programme_detail", cohort.programme_id)
    return render_form(
        request,
        form,
        title=f"Nouveau parcours – {cohort}",
        back_url=reverse("steering:programme_detail", args=[cohort.programme_id]),
    )


def step_add(request, pk):
    require(policies.can_manage_participants(request.user))
    participant = get_object_or_404(ProgrammeParticipant.objects.select_related("cohort"), pk=pk)
    form = PathStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = form.save(commit=False)
        step.participant = participant
        step.save()
        audit.record_instance(request.user, AuditAction.UPDATE, participant, detail="étape")
        messages.success(request, "L'étape a été ajoutée.")
        return redirect("steering:programme_detail", participant.cohort.programme_id)
    return render_form(
        request,
        form,
        title="Nouvelle étape du parcours",
        back_url=reverse("steering:programme_detail", args=[participant.cohort.programme_id]),
    )
