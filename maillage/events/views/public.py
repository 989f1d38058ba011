"""Public pages (no account): calendar and its iCalendar feed, event page, registration, the
registrant's own page (reached by the signed link of the confirmation e-mail), unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from maillage.accounts.policies import is_professional
from maillage.common_text import long_date
from maillage.kernel import ratelimit
from maillage.kernel.pagination import page_of

from .. import ics, notifications, selectors
from ..choices import KIND_WORDS, ApplicationDecision, RespondentKind
from ..forms import CalendarFilterForm, RegistrationForm, SatisfactionForm
from ..models import Event, InterviewSlot, Registrant, Registration, StandOffer
from ..services import EventsError, tokens
from ..services import interviews as interview_services
from ..services import outcomes as outcome_services
from ..services import registrations as registration_services
from ..services import stands as stand_services
from .common import epci_choices

MAX_FEED = 500


def _filters(request, metiers=()):
    form = CalendarFilterForm(request.GET or None, epcis=epci_choices(), metiers=metiers)
    data = form.cleaned_data if form.is_valid() else {}
    return form, selectors.CalendarFilters(**{k: v for k, v in data.items() if v not in (None, "")})


@login_not_required
def calendar(request):
    # The métiers offered are those of the public, upcoming events only: a draft never shows through them.
    metiers = selectors.metier_choices(selectors.public_calendar(selectors.CalendarFilters()))
    form, filters = _filters(request, metiers)
    page = page_of(request, selectors.public_calendar(filters))  # paged, not cut at 200: later events were lost
    query = request.GET.copy()
    query.pop("page", None)
    feed = reverse("events:calendar_ics") + ("?" + query.urlencode() if query else "")
    return render(request, "events/public/calendar.html", {"form": form, "page": page, "feed_url": feed})


@login_not_required
def calendar_ics(request):
    _form, filters = _filters(request)
    events = list(selectors.public_calendar(filters, include_past=True).select_related("commune")[:MAX_FEED])
    body = ics.calendar(events, url_for=notifications.event_url, name="Événements emploi")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="evenements.ics"'
    return response


def _public_event(pk):
    return get_object_or_404(Event.objects.filter(status="publie").select_related("commune", "organiser"), pk=pk)


@login_not_required
def event_ics(request, pk):
    event = _public_event(pk)
    response = HttpResponse(ics.calendar([event], url_for=notifications.event_url), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="evenement-{event.pk}.ics"'
    return response


def _initial_for(user) -> dict:
    """A logged-in person registering: their account's names and e-mail, and the phone and commune of
    their own earlier registration, if any (never looked up by e-mail)."""
    if not user.is_authenticated:
        return {}
    initial = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
    earlier = Registrant.objects.filter(user=user, person__isnull=False).select_related("person").first()
    if earlier is not None:
        initial.update(phone=earlier.person.phone, commune=earlier.person.commune_id, public=earlier.public)
    return initial


@login_not_required
def event_page(request, pk):
    event = _public_event(pk)
    form = RegistrationForm(request.POST or None, event=event, initial=_initial_for(request.user))
    if request.method == "POST" and form.is_valid():
        refusal = ratelimit.consume(request, "event_registration", exempt=is_professional(request.user))
        if refusal is not None:  # the form comes back with its input, and when to send it again
            form.add_error(None, refusal.form_message())
            return ratelimit.too_many_requests(request, refusal, "events/public/event.html", _event_page(event, form))
        data = form.cleaned_data
        try:
            registration = registration_services.register(
                event=event,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                commune=data["commune"],
                public=data["public"],
                mode=data["mode"],
                consent=data["consent"],
                invitations_consent=data["invitations_consent"],
                account=request.user if request.user.is_authenticated else None,
            )
        except EventsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                "Votre inscription est enregistrée. Un e-mail de confirmation vous a été envoyé avec le lien de "
                "cette page, pour gérer votre inscription et réserver vos entretiens.",
            )
            return redirect("events:manage_registration", tokens.registration_token(registration))
    return render(request, "events/public/event.html", _event_page(event, form))


def _event_page(event, form) -> dict:
    stands = event.stands.select_related("establishment").prefetch_related("offers__offer")
    return {"event": event, "form": form, "stands": stands}


def my_registrations(request):
    """A logged-in person's own registrations (made with their account), each with its page."""
    registrations = list(selectors.registrations_of_user(request.user)[:200])
    today = timezone.localdate()
    rows = [
        {
            "registration": registration,
            "upcoming": (registration.event.end_date or registration.event.start_date) >= today,
            "token": tokens.registration_token(registration),
        }
        for registration in registrations
    ]
    return render(request, "events/public/my_registrations.html", {"rows": rows})


def _registration_from(token) -> Registration:
    pk = tokens.registration_id(token)
    registration = (
        Registration.objects.select_related("event__commune", "registrant__person").filter(pk=pk).first()
        if pk
        else None
    )
    if registration is None or registration.registrant.person_id is None:
        raise Http404("Lien inconnu ou expiré.")
    return registration


@login_not_required
def manage_registration(request, token):
    return _manage_page(request, token, _registration_from(token))


def _can_answer_survey(registration) -> bool:
    return registration.event.is_past and registration.is_active and not hasattr(registration, "satisfaction")


def _manage_page(request, token, registration, *, survey=None):
    """The person's registration page; a survey posted with errors comes back in it with them and the comment
    typed (200, as every form of the product)."""
    event = registration.event
    registrant = registration.registrant
    stands = list(event.stands.select_related("establishment").prefetch_related("offers__offer", "offers__questions"))
    applications = {a.stand_offer_id: a for a in registrant.applications.filter(stand_offer__stand__event=event)}
    booked = {s.stand_id: s for s in registrant.interview_slots.filter(stand__event=event)}
    free = {}
    for slot in InterviewSlot.objects.filter(
        stand__event=event, booked_by__isnull=True, starts_at__gte=timezone.now()
    ).order_by("starts_at")[:500]:
        free.setdefault(slot.stand_id, []).append(slot)
    for stand in stands:
        stand.my_slot = booked.get(stand.pk)
        stand.free_slots = free.get(stand.pk, [])[:30]
        for stand_offer in stand.offers.all():
            stand_offer.my_application = applications.get(stand_offer.pk)
            if stand_offer.my_application and stand_offer.my_application.decision == ApplicationDecision.NOT_RETAINED:
                stand_offer.kind_words = KIND_WORDS.get(stand_offer.my_application.reason, "")
    context = {
        "registration": registration,
        "event": event,
        "stands": stands,
        "token": token,
        "survey": survey or (SatisfactionForm() if _can_answer_survey(registration) else None),
        "unsubscribe_token": tokens.unsubscribe_token(registrant),
    }
    return render(request, "events/public/manage.html", context)


def _back(token, anchor=""):
    return redirect(reverse("events:manage_registration", args=[token]) + anchor)


@login_not_required
@require_POST
def cancel_registration(request, token):
    registration = _registration_from(token)
    if registration_services.cancel(registration=registration):
        messages.success(request, "Votre inscription est annulée. Merci de nous avoir prévenus.")
    return _back(token)


@login_not_required
@require_POST
@ratelimit.limit_requests("event_action", exempt=is_professional)
def apply(request, token, stand_offer_id):
    registration = _registration_from(token)
    stand_offer = get_object_or_404(
        StandOffer.objects.select_related("stand"), pk=stand_offer_id, stand__event=registration.event
    )
    answers = {}
    for question in stand_offer.questions.all():
        value = request.POST.get(f"q{question.pk}")
        answers[str(question.pk)] = {"1": True, "0": False}.get(value)
    try:
        stand_services.apply(
            registration=registration,
            stand_offer=stand_offer,
            answers=answers,
            message=request.POST.get("message", "")[:1000],
        )
    except EventsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Votre candidature à « {stand_offer.offer.title} » est envoyée.")
    return _back(token, f"#stand-{stand_offer.stand_id}")


@login_not_required
@require_POST
@ratelimit.limit_requests("event_action", exempt=is_professional)
def book_slot(request, token):
    registration = _registration_from(token)
    try:
        slot_id = int(request.POST.get("slot", "0"))
    except ValueError:
        slot_id = 0
    current = request.POST.get("current")
    try:
        if current:
            slot = interview_services.reschedule(
                registration=registration, old_slot_id=int(current), new_slot_id=slot_id
            )
        else:
            slot = interview_services.book(registration=registration, slot_id=slot_id)
    except (EventsError, InterviewSlot.DoesNotExist, ValueError) as exc:
        message = str(exc) if isinstance(exc, EventsError) else "Ce créneau n'est plus disponible."
        messages.error(request, message)
        response = _back(token)
        response["X-Booking"] = "refused"
        return response
    when = long_date(slot.starts_at, "j F Y à H:i")
    messages.success(request, f"Entretien réservé le {when} ({slot.get_channel_display()}).")
    response = _back(token, f"#stand-{slot.stand_id}")
    response["X-Booking"] = "booked"
    return response


@login_not_required
@require_POST
def cancel_slot(request, token, slot_id):
    registration = _registration_from(token)
    if interview_services.cancel_booking(registration=registration, slot_id=slot_id):
        messages.success(request, "Votre entretien est annulé.")
    return _back(token)


@login_not_required
@require_POST
def satisfaction(request, token):
    registration = _registration_from(token)
    form = SatisfactionForm(request.POST)
    past = registration.event.is_past
    if past and form.is_valid():
        outcome_services.answer_satisfaction(
            event=registration.event,
            respondent=RespondentKind.CANDIDATE,
            registration=registration,
            **form.cleaned_data,
        )
        messages.success(request, "Merci pour votre réponse.")
    elif _can_answer_survey(registration):  # back to the page with the errors and the comment typed
        return _manage_page(request, token, registration, survey=form)
    else:
        messages.error(request, "Choisissez une note de 1 à 5.")
    return _back(token)


@login_not_required
def unsubscribe(request, token):
    pk = tokens.unsubscribe_id(token)
    registrant = get_object_or_404(Registrant, pk=pk) if pk else None
    if registrant is None:
        raise Http404("Lien inconnu.")
    done = registrant.unsubscribed_at is not None
    if request.method == "POST":
        registration_services.unsubscribe(registrant=registrant)
        done = True
    return render(request, "events/public/unsubscribe.html", {"done": done, "token": token})
