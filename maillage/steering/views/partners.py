"""Members, conventions (documents, commitments), committees, meetings, decisions and their follow-up."""

from django.contrib import messages
from django.db.models import Case, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from maillage.accounts.policies import require
from maillage.kernel.sorting import Folded, SortColumn, Sorting, choice_rank

from .. import policies, services
from ..forms import (
    CommitmentForm,
    CommitteeForm,
    CommitteeMemberForm,
    ConventionDocumentForm,
    ConventionForm,
    DecisionForm,
    FollowUpStatusForm,
    MeetingForm,
    MemberForm,
)
from ..models import (
    College,
    Committee,
    Convention,
    ConventionDocument,
    FollowUpAction,
    FollowUpStatus,
    Meeting,
    Member,
)
from ..selectors import plan as selectors
from .common import add_child, module_context, render_form


def member_list(request):
    require(policies.can_view_plan(request.user))
    members = Member.objects.select_related("organisation").order_by("college", "organisation__name")
    colleges = [(label, [m for m in members if m.college == value]) for value, label in College.choices]
    context = {"colleges": colleges, **module_context(request.user)}
    return render(request, "steering/member_list.html", context)


def member_edit(request, pk=None):
    require(policies.can_steer(request.user))
    member = get_object_or_404(Member, pk=pk) if pk else None
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "L'adhésion a été enregistrée.")
        return redirect("steering:member_list")
    return render_form(request, form, title="Adhésion", back_url=reverse("steering:member_list"))


CONVENTION_COLUMNS = [
    SortColumn("convention", "Convention", ("title_key", "signed_on")),  # titles accent-folded
    SortColumn("signee", "Signée le", ("signed_on", "title_key")),  # the default order, the latest first
    SortColumn("fin", "Fin", ("end_on", "title_key")),
]
FOLLOW_UP_COLUMNS = [
    SortColumn("action", "Action de suivi", ("title_key", "due_on")),
    SortColumn("responsable", "Responsable", ("owner_key", "no_due", "due_on")),  # the first name shown
    SortColumn("echeance", "Échéance", ("no_due", "due_on", "title_key")),  # without a date: last
    SortColumn("etat", "État", ("status_rank", "no_due", "due_on")),  # the default: to do, in progress, done
]


def convention_list(request):
    require(policies.can_view_plan(request.user))
    sorting = Sorting(request, CONVENTION_COLUMNS, default="-signee")
    conventions = sorting.order(Convention.objects.prefetch_related("parties").annotate(title_key=Folded("title")))
    context = {
        "conventions": conventions,
        "sorting": sorting,
        "renewals": {c.pk for c in services.conventions_to_renew()},
        **module_context(request.user),
    }
    return render(request, "steering/convention_list.html", context)


def convention_detail(request, pk):
    require(policies.can_view_plan(request.user))
    convention = get_object_or_404(Convention.objects.prefetch_related("parties"), pk=pk)
    indicators = selectors.catalogue()
    commitments = [(c, indicators.get(c.indicator_key)) for c in convention.commitments.all()]
    context = {
        "convention": convention,
        "commitments": commitments,
        "documents": convention.documents.all(),
        "committees": convention.committees.all(),
        **module_context(request.user),
    }
    return render(request, "steering/convention_detail.html", context)


def convention_edit(request, pk=None):
    require(policies.can_steer(request.user))
    convention = get_object_or_404(Convention, pk=pk) if pk else None
    form = ConventionForm(request.POST or None, instance=convention)
    if request.method == "POST" and form.is_valid():
        convention = form.save()
        messages.success(request, "La convention a été enregistrée.")
        return redirect("steering:convention_detail", convention.pk)
    back = reverse("steering:convention_detail", args=[pk]) if pk else reverse("steering:convention_list")
    return render_form(request, form, title="Convention", back_url=back)


def document_add(request, pk):
    return add_child(
        request, Convention, pk, ConventionDocumentForm, parent_field="convention", detail="steering:convention_detail",
        title="Déposer un document", message="Le document a été déposé.", uploaded_by=request.user,
    )  # fmt: skip


def document_download(request, pk):
    """Documents are never served by the web server: each download checks the reader's rights."""
    require(policies.can_view_plan(request.user))
    document = get_object_or_404(ConventionDocument, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Fichier introuvable.") from exc
    filename = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=filename)


def commitment_add(request, pk):
    return add_child(
        request, Convention, pk, CommitmentForm, parent_field="convention", detail="steering:convention_detail",
        title="Engagement", message="L'engagement a été ajouté.",
    )  # fmt: skip


def committee_list(request):
    require(policies.can_view_plan(request.user))
    context = {
        "committees": Committee.objects.select_related("convention").prefetch_related("meetings"),
        "follow_ups": selectors.open_follow_ups(),
        **module_context(request.user),
    }
    return render(request, "steering/committee_list.html", context)


def committee_edit(request, pk=None):
    require(policies.can_steer(request.user))
    committee = get_object_or_404(Committee, pk=pk) if pk else None
    form = CommitteeForm(request.POST or None, instance=committee)
    if request.method == "POST" and form.is_valid():
        committee = form.save()
        messages.success(request, "L'instance a été enregistrée.")
        return redirect("steering:committee_detail", committee.pk)
    return render_form(request, form, title="Instance", back_url=reverse("steering:committee_list"))


def committee_detail(request, pk):
    require(policies.can_view_plan(request.user))
    committee = get_object_or_404(Committee.objects.select_related("convention"), pk=pk)
    context = {
        "committee": committee,
        "members": committee.members.select_related("organisation"),
        "meetings": committee.meetings.prefetch_related("decisions__follow_ups"),
        **module_context(request.user),
    }
    return render(request, "steering/committee_detail.html", context)


def committee_member_add(request, pk):
    return add_child(
        request, Committee, pk, CommitteeMemberForm, parent_field="committee", detail="steering:committee_detail",
        title="Membre", message="Le membre a été ajouté.",
    )  # fmt: skip


def meeting_edit(request, pk=None, committee_pk=None):
    require(policies.can_steer(request.user))
    meeting = get_object_or_404(Meeting, pk=pk) if pk else None
    committee = meeting.committee if meeting else get_object_or_404(Committee, pk=committee_pk)
    form = MeetingForm(request.POST or None, instance=meeting, committee=committee)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.committee = committee
        meeting.save()
        form.save_m2m()
        messages.success(request, "La réunion a été enregistrée.")
        return redirect("steering:meeting_detail", meeting.pk)
    return render_form(
        request,
        form,
        title=f"Réunion – {committee}",
        back_url=reverse("steering:committee_detail", args=[committee.pk]),
    )


def meeting_detail(request, pk):
    require(policies.can_view_plan(request.user))
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    form = DecisionForm()
    if request.method == "POST":
        require(policies.can_steer(request.user))
        form = DecisionForm(request.POST)
        if form.is_valid():
            services.record_decision(meeting=meeting, **form.cleaned_data)
            messages.success(request, "La décision a été enregistrée.")
            return redirect("steering:meeting_detail", pk)
    context = {
        "meeting": meeting,
        "attendees": meeting.attendees.select_related("organisation"),
        "decisions": meeting.decisions.prefetch_related("follow_ups__owner"),
        "form": form,
        **module_context(request.user),
    }
    return render(request, "steering/meeting_detail.html", context)


def follow_up_list(request):
    require(policies.can_view_plan(request.user))
    sorting = Sorting(request, FOLLOW_UP_COLUMNS, default="etat")
    follow_ups = FollowUpAction.objects.select_related("decision__meeting__committee", "owner").annotate(
        title_key=Folded("title"),
        owner_key=Folded("owner__first_name"),
        no_due=Case(When(due_on__isnull=True, then=Value(1)), default=Value(0)),
        status_rank=choice_rank("status", FollowUpStatus.choices),
    )
    context = {
        "follow_ups": sorting.order(follow_ups),
        "sorting": sorting,
        "statuses": FollowUpStatus.choices,
        **module_context(request.user),
    }
    return render(request, "steering/follow_up_list.html", context)


def follow_up_status(request, pk):
    require(policies.can_steer(request.user))
    follow_up = get_object_or_404(FollowUpAction, pk=pk)
    if request.method == "POST":
        form = FollowUpStatusForm(request.POST, instance=follow_up)
        if form.is_valid():
            services.set_follow_up_status(follow_up=follow_up, status=form.cleaned_data["status"])
            messages.success(request, "L'état de l'action de suivi a été mis à jour.")
    return redirect("steering:follow_up_list")
