"""Application pages: list scoped to the user, detail with history and workflow, aggregates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.accounts.policies import require
from maillage.jobs import policies as policy
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import SortColumn, Sorting, choice_rank
from maillage.people.selectors import NAME_SORT_FIELDS, name_sort_keys

from ..exports import APPLICATIONS
from ..forms import ApplicationMoveForm
from ..models import ApplicationOrigin, ApplicationState
from ..selectors import applications as selectors
from ..services import applications as services

CANDIDATE_NAME = NAME_SORT_FIELDS  # folded, see people.selectors.name_sort_keys
# The candidate's name is already shown on every row (an anonymised file has an empty one): sorting by it
# tells nothing new. Only shown columns are sortable.
APPLICATION_COLUMNS = [
    SortColumn("date", "Date", ("created_at",), descending_first=True),  # the default order, newest first
    SortColumn("offre", "Offre", ("offer__title", "created_at")),
    SortColumn("candidat", "Candidat", (*CANDIDATE_NAME, "created_at")),
    SortColumn("etat", "État", ("state_rank", "created_at")),  # in the workflow's order
    SortColumn("origine", "Origine", ("origin_rank", "created_at")),
]


@login_required
def application_list(request):
    require(policy.can_list_applications(request.user))
    state = request.GET.get("etat", "")
    offer_id = request.GET.get("offre", "")
    offer = policy.visible_offers(request.user).filter(pk=offer_id).first() if offer_id.isdigit() else None
    can_filter_followed = bool(policy.professional_organisation_ids(request.user))  # a counsellor of a structure
    followed = can_filter_followed and request.GET.get("suivis") == "1"
    sorting = Sorting(request, APPLICATION_COLUMNS, default="-date")
    applications = selectors.applications_for(request.user, state=state, offer=offer, followed=followed).annotate(
        state_rank=choice_rank("state", ApplicationState.choices),
        origin_rank=choice_rank("origin", ApplicationOrigin.choices, by_label=True),
    )
    if sorting.key == "candidat":
        applications = applications.annotate(**name_sort_keys("candidate__person"))
    applications = sorting.order(applications)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        applications = list(applications)
        audit.record_instances(request.user, AuditAction.EXPORT, [a.candidate for a in applications], "candidatures")
        return APPLICATIONS.response(export, applications)
    page = page_of(request, applications, 30)
    return render(
        request,
        "jobs/application_list.html",
        {
            "page": page,
            "sorting": sorting,
            "state": state,
            "offer": offer,
            "followed": followed,
            "can_filter_followed": can_filter_followed,
            "states": ApplicationState.choices,
            "querystring": request.GET.urlencode(),
        },
    )


@login_required
def application_detail(request, pk):
    application = get_object_or_404(selectors.applications_for(request.user), pk=pk)
    form = ApplicationMoveForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        to_state = form.cleaned_data["to_state"]
        require(policy.can_move_application(request.user, application, to_state))
        try:
            services.move_application(
                user=request.user,
                application=application,
                to_state=to_state,
                refusal_reason=form.cleaned_data["refusal_reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "L'état de la candidature est mis à jour.")
            return redirect("jobs:application_detail", pk)
    if policy.candidate_profile(request.user) != application.candidate:
        audit.record_instance(request.user, AuditAction.VIEW, application.candidate, detail=f"candidature {pk}")
    movable = [s for s in application.allowed_next_states if policy.can_move_application(request.user, application, s)]
    form.fields["to_state"].choices = [c for c in form.fields["to_state"].choices if c[0] in movable]
    return render(
        request,
        "jobs/application_detail.html",
        {
            "application": application,
            "events": application.events.select_related("actor"),
            "form": form if movable else None,
            "can_see_candidate": policy.can_view_candidate(request.user, application.candidate),
        },
    )


@login_required
def statistics(request):
    require(policy.can_view_aggregates(request.user))
    return render(request, "jobs/statistics.html", {"stats": selectors.aggregates()})
