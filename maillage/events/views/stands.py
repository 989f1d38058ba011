"""A stand, for the staff and the company that holds it: presentation, offers (taken from the jobs
module or created for the event), pre-selection questions, interview slots, the shortlist,
outcomes and the company's satisfaction questionnaire."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.accounts.policies import require
from maillage.common_text import count_of
from maillage.jobs.selectors.offers import offers_for

from .. import policies
from ..choices import KIND_WORDS, RespondentKind
from ..forms import (
    DecisionForm,
    ExistingOfferForm,
    NewOfferForm,
    OutcomeForm,
    QuestionForm,
    SatisfactionForm,
    SlotsForm,
    StandEditForm,
)
from ..models import Outcome, Stand, StandApplication, StandOffer
from ..services import EventsError
from ..services import interviews as interview_services
from ..services import outcomes as outcome_services
from ..services import stands as stand_services


def _stand(user, pk) -> Stand:
    stand = get_object_or_404(Stand.objects.select_related("event", "establishment"), pk=pk)
    require(policies.can_view_stand(user, stand))
    return stand


def _back(stand, anchor=""):
    return redirect(reverse("events:stand_detail", args=[stand.pk]) + anchor)


def _candidate_offers(user, stand):
    return offers_for(user).filter(establishment=stand.establishment, status="publiee")


def stand_detail(request, pk):
    return _stand_page(request, _stand(request.user, pk))


def _item_form(form_class, prefix: str, bound, **kwargs):
    """An offer's or an application's own form: the one posted with errors when it is this item's (same prefix)."""
    if bound is not None and bound.prefix == prefix:
        return bound
    return form_class(prefix=prefix, **kwargs)


def _stand_page(request, stand, bound=None, **posted):
    """The stand's page. A form posted with errors comes back in its place with the errors and what was typed
    (status 200, as every form of the product): a stand-wide one by ``posted`` (its name in the context → the
    bound form), an offer's or an application's own one by ``bound`` (found by its prefix)."""
    can_manage = policies.can_manage_stand(request.user, stand)
    offers = list(stand.offers.select_related("offer").prefetch_related("questions"))
    for stand_offer in offers:
        stand_offer.question_form = _item_form(
            QuestionForm, f"q{stand_offer.pk}", bound, offer_title=stand_offer.offer.title
        )
    applications = (
        list(
            StandApplication.objects.filter(stand_offer__stand=stand)
            .select_related("registrant__person", "stand_offer__offer")
            .order_by("stand_offer_id", "created_at")
        )
        if can_manage
        else []
    )
    if applications:
        audit.record(request.user, AuditAction.VIEW, "events.standapplication", "", f"candidatures du stand {stand.pk}")
    outcomes = {(o.registrant_id, o.stand_offer_id): o for o in Outcome.objects.filter(stand_offer__stand=stand)}
    for application in applications:
        application.outcome = outcomes.get((application.registrant_id, application.stand_offer_id))
        application.kind_words = KIND_WORDS.get(application.reason, "")
        application.decision_form = _item_form(
            DecisionForm, f"d{application.pk}", bound, registrant=str(application.registrant)
        )
        o = application.outcome
        application.outcome_form = _item_form(
            OutcomeForm,
            f"suite-{application.pk}",
            bound,
            initial={
                "interviewed": o.interviewed,
                "hired": o.hired,
                "contract_type": o.contract_type,
                "hired_on": o.hired_on,
                "situation_1m": o.situation_1m,
                "situation_3m": o.situation_3m,
            }
            if o
            else None,
        )
    context = {
        "stand": stand,
        "event": stand.event,
        "offers": offers,
        "can_manage": can_manage,
        "applications": applications,
        "slots": stand.slots.select_related("booked_by__person").order_by("starts_at"),
        "edit_form": StandEditForm(initial={"presentation": stand.presentation, "recruiters": stand.recruiters}),
        "existing_form": ExistingOfferForm(offers=_candidate_offers(request.user, stand)) if can_manage else None,
        "new_offer_form": NewOfferForm() if can_manage else None,
        "slots_form": SlotsForm(),
        "survey": SatisfactionForm() if can_manage and not hasattr(stand, "satisfaction") else None,
        **posted,
    }
    return render(request, "events/staff/stand_detail.html", context)


def _managed(request, pk) -> Stand:
    stand = _stand(request.user, pk)
    require(policies.can_manage_stand(request.user, stand), "Ce stand n'est pas le vôtre.")
    return stand


@require_POST
def edit_stand(request, pk):
    stand = _managed(request, pk)
    form = StandEditForm(request.POST)
    if not form.is_valid():
        return _stand_page(request, stand, edit_form=form)
    stand_services.update_stand(stand=stand, **form.cleaned_data)
    messages.success(request, "La présentation du stand est enregistrée.")
    return _back(stand)


@require_POST
def add_existing_offer(request, pk):
    stand = _managed(request, pk)
    form = ExistingOfferForm(request.POST, offers=_candidate_offers(request.user, stand))
    if not form.is_valid():
        return _stand_page(request, stand, existing_form=form)
    stand_services.add_offer(stand=stand, offer=form.cleaned_data["offer"])
    messages.success(request, "L'offre est ajoutée au stand.")
    return _back(stand, "#offres")


@require_POST
def create_offer(request, pk):
    stand = _managed(request, pk)
    form = NewOfferForm(request.POST)
    if form.is_valid():
        data = {**form.cleaned_data, "commune": stand.event.commune or stand.establishment.commune, "status": "publiee"}
        try:
            stand_services.create_offer_for_stand(user=request.user, stand=stand, data=data)
        except Exception as exc:  # the jobs module's validation
            form.add_error(None, f"L'offre n'a pas pu être créée : {getattr(exc, 'messages', [exc])[0]}")
        else:
            messages.success(request, f"L'offre « {form.cleaned_data['title']} » est créée et ajoutée au stand.")
            return _back(stand, "#offres")
    return _stand_page(request, stand, new_offer_form=form)


@require_POST
def add_question(request, pk, stand_offer_id):
    stand = _managed(request, pk)
    stand_offer = get_object_or_404(StandOffer, pk=stand_offer_id, stand=stand)
    form = QuestionForm(request.POST, prefix=f"q{stand_offer.pk}", offer_title=stand_offer.offer.title)
    if form.is_valid():
        try:
            stand_services.add_question(stand_offer=stand_offer, **form.cleaned_data)
        except EventsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "La question est ajoutée.")
            return _back(stand, f"#offre-{stand_offer.pk}")
    return _stand_page(request, stand, bound=form)


@require_POST
def add_slots(request, pk):
    stand = _managed(request, pk)
    form = SlotsForm(request.POST)
    if form.is_valid():
        try:
            created = interview_services.create_slots(stand=stand, **form.cleaned_data)
        except EventsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{count_of(len(created), 'créneau ajouté')}.")
            return _back(stand, "#creneaux")
    return _stand_page(request, stand, slots_form=form)


@require_POST
def decide(request, pk, application_id):
    stand = _managed(request, pk)
    application = get_object_or_404(StandApplication, pk=application_id, stand_offer__stand=stand)
    form = DecisionForm(request.POST, prefix=f"d{application.pk}", registrant=str(application.registrant))
    if form.is_valid():
        try:
            stand_services.decide(user=request.user, application=application, **form.cleaned_data)
        except EventsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "La décision est enregistrée.")
            return _back(stand, f"#candidature-{application.pk}")
    return _stand_page(request, stand, bound=form)


@require_POST
def record_outcome(request, pk, application_id):
    stand = _managed(request, pk)
    application = get_object_or_404(
        StandApplication.objects.select_related("registrant", "stand_offer"),
        pk=application_id,
        stand_offer__stand=stand,
    )
    form = OutcomeForm(request.POST, prefix=f"suite-{application.pk}")
    if form.is_valid():
        try:
            outcome_services.record_outcome(
                user=request.user,
                registrant=application.registrant,
                stand_offer=application.stand_offer,
                **form.cleaned_data,
            )
        except EventsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "La suite donnée est enregistrée.")
            return _back(stand, f"#candidature-{application.pk}")
    return _stand_page(request, stand, bound=form)


@require_POST
def company_satisfaction(request, pk):
    stand = _managed(request, pk)
    form = SatisfactionForm(request.POST)
    if not form.is_valid():
        return _stand_page(request, stand, survey=form)
    outcome_services.answer_satisfaction(
        event=stand.event, respondent=RespondentKind.COMPANY, stand=stand, **form.cleaned_data
    )
    messages.success(request, "Merci pour votre réponse.")
    return _back(stand)
