"""FSE+ participants (entry, exit, six months after) and the common indicators for the managing authority.

Personal data: only the MDE's steering staff (``policies.can_manage_participants``); every read,
write and export is audit-logged (never the data itself).
"""

from datetime import date

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.accounts.policies import require
from maillage.kernel.pagination import page_of

from .. import policies, services
from ..exports import FSE_INDICATORS, fse_indicator_rows
from ..forms import FseEntryForm, FseExitForm, FseFollowUpForm
from ..models import Action, FseParticipant
from ..selectors import fse as selectors
from .common import module_context, render_form, year_of

OBJECT_TYPE = "steering.fseparticipant"


def fse_home(request):
    require(policies.can_manage_participants(request.user))
    year = year_of(request)
    start, end = date(year, 1, 1), date(year, 12, 31)
    actions = Action.objects.filter(is_fse_cofunded=True).select_related("axis").order_by("-year", "title")
    participants = (
        FseParticipant.objects.filter(action__is_fse_cofunded=True, anonymised_at__isnull=True)
        .select_related("action", "person")
        .order_by("-entry_date", "-pk")
    )
    participants = page_of(request, participants)  # paged, not cut at the 200 latest: older entries were lost
    audit.record(request.user, AuditAction.VIEW, OBJECT_TYPE, detail="liste des participants FSE+")
    context = {
        "year": year,
        "actions": actions,
        "participants": participants,
        "report": selectors.common_indicators(start=start, end=end),
        "problems": selectors.completeness_problems(start=start, end=end),
        **module_context(request.user),
    }
    return render(request, "steering/fse_home.html", context)


def _person_for(first_name: str, last_name: str, birth_date):
    """The shared identity: the same person (name and birth date) is reused, never duplicated."""
    from maillage.people.models import Person, identity_key

    if birth_date is not None:
        match = Person.objects.filter(identity_key=identity_key(last_name, first_name, birth_date)).first()
        if match is not None:
            return match
    return Person.objects.create(first_name=first_name.strip(), last_name=last_name.strip(), birth_date=birth_date)


def fse_entry(request, action_pk=None, pk=None):
    require(policies.can_manage_participants(request.user))
    participant = get_object_or_404(FseParticipant, pk=pk) if pk else None
    action = participant.action if participant else get_object_or_404(Action, pk=action_pk, is_fse_cofunded=True)
    form = FseEntryForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        participant = form.save(commit=False)
        participant.action = action
        data = form.cleaned_data
        if participant.person_id:
            person = participant.person
            person.first_name, person.last_name = data["first_name"], data["last_name"]
            person.birth_date = data["birth_date"] or person.birth_date
            person.save()
        else:
            participant.person = _person_for(data["first_name"], data["last_name"], data["birth_date"])
        services.save_fse_participant(participant=participant, user=request.user, stage="entrée")
        messages.success(request, "Les données à l'entrée ont été enregistrées.")
        return redirect("steering:fse_detail", participant.pk)
    return render_form(
        request,
        form,
        title=f"Participant FSE+ – données à l'entrée ({action.title})",
        back_url=reverse("steering:fse_home"),
        intro="Toutes les réponses admettent « Non renseigné ». Les situations de désavantage ne sont "
        "enregistrées qu'avec le consentement de la personne ; elles sont réservées à l'équipe de pilotage "
        "et chaque consultation est tracée.",
    )


def fse_detail(request, pk):
    require(policies.can_manage_participants(request.user))
    participant = get_object_or_404(FseParticipant.objects.select_related("action", "person"), pk=pk)
    audit.record_instance(request.user, AuditAction.VIEW, participant)
    context = {"participant": participant, **module_context(request.user)}
    return render(request, "steering/fse_detail.html", context)


def _stage(request, pk, form_class, stage: str, title: str):
    require(policies.can_manage_participants(request.user))
    participant = get_object_or_404(FseParticipant, pk=pk)
    form = form_class(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        services.save_fse_participant(participant=form.save(commit=False), user=request.user, stage=stage)
        messages.success(request, f"Les données {stage} ont été enregistrées.")
        return redirect("steering:fse_detail", pk)
    return render_form(request, form, title=title, back_url=reverse("steering:fse_detail", args=[pk]))


def fse_exit(request, pk):
    return _stage(request, pk, FseExitForm, "à la sortie", "Participant FSE+ – données à la sortie")


def fse_followup(request, pk):
    return _stage(request, pk, FseFollowUpForm, "à six mois", "Participant FSE+ – situation six mois après la sortie")


def fse_export(request):
    """The common indicators for the managing authority, once the records are complete."""
    require(policies.can_manage_participants(request.user))
    year = year_of(request)
    start, end = date(year, 1, 1), date(year, 12, 31)
    problems = selectors.completeness_problems(start=start, end=end)
    if problems:
        context = {"year": year, "problems": problems, **module_context(request.user)}
        return render(request, "steering/fse_incomplete.html", context, status=409)
    report = selectors.common_indicators(start=start, end=end)
    audit.record(request.user, AuditAction.EXPORT, OBJECT_TYPE, detail=f"indicateurs communs FSE+ {year}")
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    rows = fse_indicator_rows(report)
    return FSE_INDICATORS.response(fmt, rows, filename=f"fse-indicateurs-communs-{year}", title=f"FSE+ {year}")
