"""Staff pages: events list, planning (partners, checklist, stands, invitations), registrants and
check-in, registration on a person's behalf, walk-ins, badges, KPIs and the event report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.accounts.policies import require
from maillage.common_text import elide
from maillage.companies.selectors import establishments_for
from maillage.kernel.exports import XLSX_TYPE
from maillage.kernel.forms import errors_in_one_line
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import SortColumn, Sorting, choice_rank

from .. import notifications, policies, reports, selectors
from ..choices import EventKind, EventStatus, Period, RegistrationStatus
from ..exports import REGISTRANTS
from ..forms import EventForm, OnBehalfForm, PartnerForm, StaffEventFilterForm, StandForm, WalkInForm
from ..models import ChecklistItem, Event, Registration
from ..services import EventsError, tokens
from ..services import outcomes as outcome_services
from ..services import registrations as registration_services
from ..services import stands as stand_services
from .common import epci_choices, epci_names, visible_event_or_404

EVENT_COLUMNS = [
    SortColumn("date", "Date", ("start_date", "start_time")),  # the default order
    SortColumn("evenement", "Événement", ("title", "start_date")),
    SortColumn("type", "Type", ("kind_rank", "start_date")),
    SortColumn("lieu", "Lieu", ("place_key", "start_date")),  # folded commune name, « en ligne » among the E
    SortColumn("etat", "État", ("status_rank", "start_date")),
    SortColumn("inscrits", "Inscrits", ("registered", "start_date"), descending_first=True),
    SortColumn("stands", "Stands", ("stand_count", "start_date"), descending_first=True),
]


def event_list(request):
    require(policies.can_use_module(request.user))
    metiers = selectors.metier_choices(policies.visible_events(request.user))
    form = StaffEventFilterForm(request.GET or None, epcis=epci_choices(), metiers=metiers)
    data = form.cleaned_data if form.is_valid() else {}
    period = data.pop("periode", "")
    filters = selectors.CalendarFilters(**{k: v for k, v in data.items() if v not in (None, "")})
    # Upcoming events soonest first; past ones the latest first: the ones a facilitator looks back to.
    sorting = Sorting(request, EVENT_COLUMNS, default="-date" if period == Period.PAST else "date")
    events = selectors.staff_events(request.user, filters, status=request.GET.get("etat", ""), period=period)
    events = events.annotate(
        kind_rank=choice_rank("kind", EventKind.choices, by_label=True),
        status_rank=choice_rank("status", EventStatus.choices),
        place_key=Coalesce("commune__search_name", Value("en ligne")),
        registered=F("registered_on_site") + F("registered_remote"),
    )
    page = page_of(request, sorting.order(events))  # paged, not cut: upcoming events were lost after 300 rows
    context = {
        "form": form,
        "page": page,
        "events": page.object_list,
        "sorting": sorting,
        "can_create": policies.can_create_event(request.user),
        "year": timezone.localdate().year,
    }
    return render(request, "events/staff/event_list.html", context)


def event_form(request, pk=None):
    event = visible_event_or_404(request.user, pk) if pk else None
    require(policies.can_change_event(request.user, event) if event else policies.can_create_event(request.user))
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = stand_services.save_event(user=request.user, event=event, data=form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "L'événement est enregistré.")
            return redirect("events:event_detail", event.pk)
    title = f"Modifier « {event.title} »" if event else "Nouvel événement"
    return render(
        request,
        "events/staff/event_form.html",
        {"form": form, "event": event, "title": title},
    )


def event_detail(request, pk):
    require(policies.can_use_module(request.user))
    return _event_page(request, visible_event_or_404(request.user, pk))


def _event_page(request, event, **posted):
    """The event's page; a form posted with errors (``posted``: its name in the context → the bound form) comes
    back in its place with the errors and what was typed (status 200, as every form of the product)."""
    user = request.user
    stands = list(
        policies.visible_stands(user, event.stands.select_related("establishment").prefetch_related("offers__offer"))
    )
    context = {
        "event": event,
        "metiers": selectors.metiers_of(event),
        "stands": stands,
        "is_staff": policies.is_staff(user),
        # A company sees its own stands only: the section speaks to it (« Aucun stand » read as an empty fair).
        "own_stands_only": not policies.is_professional(user) and not policies.can_view_aggregates(user),
        "can_view_registrants": policies.can_view_registrants(user, event),
        "can_export": policies.can_export_report(user, event),
        "can_register": policies.can_register_on_behalf(user, event),
        "partners": event.partners.select_related("organisation"),
        "checklist": event.checklist.all(),
        "kpis": selectors.kpis(Event.objects.filter(pk=event.pk)) if policies.can_view_aggregates(user) else None,
        "partner_form": PartnerForm() if policies.is_staff(user) else None,
        "stand_form": StandForm(establishments=establishments_for(user)) if policies.is_staff(user) else None,
        "public_url": notifications.event_url(event),
        **posted,
    }
    return render(request, "events/staff/event_detail.html", context)


@require_POST
def add_partner(request, pk):
    event = visible_event_or_404(request.user, pk)
    require(policies.can_change_event(request.user, event))
    form = PartnerForm(request.POST)
    if not form.is_valid():
        return _event_page(request, event, partner_form=form)
    stand_services.add_partner(event=event, **form.cleaned_data)
    messages.success(request, "Le partenaire est ajouté.")
    return redirect(reverse("events:event_detail", args=[pk]) + "#partenaires")


@require_POST
def toggle_checklist(request, pk, item_id):
    event = visible_event_or_404(request.user, pk)
    require(policies.can_change_event(request.user, event))
    stand_services.toggle_checklist_item(item=get_object_or_404(ChecklistItem, pk=item_id, event=event))
    return redirect(reverse("events:event_detail", args=[pk]) + "#preparation")


@require_POST
def add_stand(request, pk):
    event = visible_event_or_404(request.user, pk)
    require(policies.can_change_event(request.user, event))
    form = StandForm(request.POST, establishments=establishments_for(request.user))
    if form.is_valid():
        try:
            stand = stand_services.add_stand(event=event, **form.cleaned_data)
        except EventsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Le stand {elide('de', stand.establishment.name)} est ajouté.")
            return redirect("events:stand_detail", stand.pk)
    return _event_page(request, event, stand_form=form)


def invitations(request, pk):
    event = visible_event_or_404(request.user, pk)
    require(policies.can_change_event(request.user, event))
    matches = outcome_services.matching_candidates(user=request.user, event=event)
    already = set(event.invitations.values_list("candidate_id", flat=True))
    if request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("candidat") if v.isdigit()}
        picked = [m for m in matches if m[0].pk in chosen and m[0].pk not in already]
        count = outcome_services.invite(user=request.user, event=event, matches=picked)
        messages.success(request, f"{count} invitation{'s' if count > 1 else ''} envoyée{'s' if count > 1 else ''}.")
        return redirect("events:invitations", pk)
    audit.record(request.user, AuditAction.VIEW, "jobs.candidate", "", f"invitations à l'événement {event.pk}")
    context = {
        "event": event,
        "matches": matches,
        "already": already,
        "invited": page_of(request, event.invitations.select_related("candidate").order_by("-sent_at", "-pk")),
    }
    return render(request, "events/staff/invitations.html", context)


def registrants(request, pk):
    event = visible_event_or_404(request.user, pk)
    require(policies.can_view_registrants(request.user, event))
    rows = _read_registrants(request, event)
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        audit.record(request.user, AuditAction.EXPORT, "events.registration", "", f"événement {event.pk}")
        return REGISTRANTS.response(export, rows, filename=f"inscrits-{event.pk}")
    return _registrants_page(request, event, rows)


def _read_registrants(request, event):
    audit.record(request.user, AuditAction.VIEW, "events.registration", "", f"liste des inscrits, événement {event.pk}")
    return selectors.registrations_of(event)


def _registrants_page(request, event, rows, *, walk_in_form=None, behalf_form=None):
    """The list and its two forms; a form posted with errors comes back here with them and what was typed."""
    context = {
        "event": event,
        "registrations": rows,
        "walk_in_form": walk_in_form or WalkInForm(event=event, prefix="sur-place"),
        "behalf_form": behalf_form or OnBehalfForm(event=event, prefix="pour"),
        "can_register": policies.can_register_on_behalf(request.user, event),
    }
    return render(request, "events/staff/registrants.html", context)


@require_POST
def check_in(request, pk, registration_id):
    event = visible_event_or_404(request.user, pk)
    require(policies.can_check_in(request.user, event))
    registration = get_object_or_404(
        Registration, pk=registration_id, event=event, status=RegistrationStatus.REGISTERED
    )
    registration_services.check_in(registration=registration, actor=request.user)
    messages.success(request, f"{registration.registrant} est pointé·e présent·e.")
    return redirect(reverse("events:registrants", args=[pk]) + f"#inscription-{registration.pk}")


def check_in_by_code(request, token):
    """The QR code of a badge opens this page on the staff's phone."""
    pk = tokens.registration_id(token)
    registration = get_object_or_404(Registration.objects.select_related("event", "registrant__person"), pk=pk or 0)
    require(policies.can_check_in(request.user, registration.event))
    if request.method == "POST":
        registration_services.check_in(registration=registration, actor=request.user)
        messages.success(request, f"{registration.registrant} est pointé·e présent·e.")
        return redirect("events:check_in_code", token)
    return render(request, "events/staff/check_in_code.html", {"registration": registration, "token": token})


def _register_from(request, event, form, *, walk_in):
    data = form.cleaned_data
    registration = registration_services.register(
        event=event,
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data.get("email") or "",
        phone=data["phone"],
        commune=data["commune"],
        public=data["public"],
        mode=data["mode"],
        consent=data["consent"],
        invitations_consent=data["invitations_consent"],
        registered_by=request.user,
        walk_in=walk_in,
    )
    if data.get("follow_up"):
        registration.registrant.follow_up = True
        registration.registrant.save(update_fields=["follow_up"])
    return registration


def _registered(request, event, form, *, walk_in) -> bool:
    """Whether the form is valid and the registration made; a refusal (event full…) becomes the form's error."""
    if not form.is_valid():
        return False
    try:
        _register_from(request, event, form, walk_in=walk_in)
    except EventsError as exc:
        form.add_error(None, str(exc))
        return False
    return True


@require_POST
def register_walk_in(request, pk):
    event = visible_event_or_404(request.user, pk)
    require(policies.can_check_in(request.user, event))
    form = WalkInForm(request.POST, event=event, prefix="sur-place")
    if not _registered(request, event, form, walk_in=True):
        return _registrants_page(request, event, _read_registrants(request, event), walk_in_form=form)
    messages.success(request, "La personne est inscrite et pointée présente.")
    return redirect("events:registrants", pk)


@require_POST
def register_on_behalf(request, pk):
    event = visible_event_or_404(request.user, pk)
    require(policies.can_register_on_behalf(request.user, event))
    form = OnBehalfForm(request.POST, event=event, prefix="pour")
    sees_list = policies.can_view_registrants(request.user, event)
    if _registered(request, event, form, walk_in=False):
        messages.success(request, "La personne est inscrite ; elle reçoit la confirmation par e-mail.")
    elif sees_list:  # the form is on the list's page: back to it, with the errors and what was typed
        return _registrants_page(request, event, _read_registrants(request, event), behalf_form=form)
    else:
        messages.error(
            request, "Le formulaire d'inscription est incomplet : " + errors_in_one_line(form, labelled=True)
        )
    return redirect("events:registrants" if sees_list else "events:event_detail", pk)


def badges(request, pk):
    event = visible_event_or_404(request.user, pk)
    require(policies.can_check_in(request.user, event))
    rows = list(selectors.registrations_of(event).filter(status=RegistrationStatus.REGISTERED))
    audit.record(request.user, AuditAction.EXPORT, "events.registration", "", f"badges, événement {event.pk}")

    def url_for(registration):
        return notifications.base_url() + reverse(
            "events:check_in_code", args=[tokens.registration_token(registration)]
        )

    response = HttpResponse(reports.badges_pdf(event, rows, url_for), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="badges-{event.pk}.pdf"'
    return response


def report(request, pk, fmt):
    event = visible_event_or_404(request.user, pk)
    require(policies.can_export_report(request.user, event))
    figures = selectors.kpis(Event.objects.filter(pk=event.pk))
    names = epci_names([r["epci_code"] for r in figures.by_epci])
    if fmt == "pdf":
        response = HttpResponse(reports.report_pdf(event, figures, names), content_type="application/pdf")
    else:
        response = HttpResponse(reports.report_xlsx(event, figures, names), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="bilan-evenement-{event.pk}.{fmt}"'
    return response


def yearly(request, year):
    require(policies.can_view_aggregates(request.user))
    if not 2000 <= year <= 2100:
        year = timezone.localdate().year
    epci = request.GET.get("epci", "")[:9]
    events = selectors.events_of_year(request.user, year, (epci,) if epci else ())
    figures = selectors.kpis(events)
    kinds = dict(EventKind.choices)
    by_kind = [
        {**row, "label": kinds.get(row["kind"], row["kind"])} for row in selectors.yearly_by_kind(request.user, year)
    ]
    context = {
        "year": year,
        "kpis": figures,
        "by_kind": by_kind,
        "public_rows": reports.public_rows(figures),
        "epci_rows": reports.epci_rows(figures, epci_names([r["epci_code"] for r in figures.by_epci])),
        "summary": reports.summary_rows(figures),
        "epcis": epci_choices(),
        "epci": epci,
    }
    return render(request, "events/staff/yearly.html", context)
