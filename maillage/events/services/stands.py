"""Events, partners, checklist, stands, offers, pre-selection questions, applications and shortlist."""

from django.db import transaction
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.jobs.services.offers import save_offer

from ..choices import ApplicationDecision, NotRetainedReason
from ..models import (
    ChecklistItem,
    Event,
    EventPartner,
    PreselectionQuestion,
    Registration,
    Stand,
    StandApplication,
    StandOffer,
)
from . import EventsError

DEFAULT_CHECKLIST = [
    ("Réserver le lieu ou la plateforme en ligne", 45),
    ("Confirmer les entreprises exposantes et leurs offres", 30),
    ("Inviter les candidats correspondant aux offres", 21),
    ("Informer les partenaires prescripteurs", 21),
    ("Préparer les badges et la liste d'émargement", 2),
    ("Envoyer le questionnaire de satisfaction", -1),
    ("Saisir les suites à 1 et 3 mois", -90),
]

EVENT_FIELDS = (
    "title",
    "kind",
    "description",
    "status",
    "start_date",
    "end_date",
    "start_time",
    "end_time",
    "modality",
    "capacity_on_site",
    "capacity_remote",
    "commune",
    "address",
    "rome_codes",
    "sector",
    "multisectoral",
    "publics",
    "objectives",
    "applications_open",
    "applications_close",
    "organiser",
    "join_url",
    "replay_url",
)


@transaction.atomic
def save_event(*, user, event: Event | None = None, data: dict) -> Event:
    creating = event is None
    event = event or Event(created_by=user)
    for field in EVENT_FIELDS:
        if field in data:
            setattr(event, field, data[field])
    event.full_clean()
    if creating:
        event.save()
        for position, (label, days_before) in enumerate(DEFAULT_CHECKLIST):
            ChecklistItem.objects.create(
                event=event,
                label=label,
                position=position,
                due_date=event.start_date - timezone.timedelta(days=days_before),
            )
    else:
        # The counters are never written from a form: a concurrent registration would be lost.
        event.save(update_fields=[f for f in EVENT_FIELDS if f in data] + ["updated_at"])
    audit.record_instance(user, AuditAction.CREATE if creating else AuditAction.UPDATE, event)
    return event


def add_partner(*, event: Event, organisation, role: str, note: str = "") -> EventPartner:
    partner, _ = EventPartner.objects.get_or_create(
        event=event, organisation=organisation, role=role, defaults={"note": note[:200]}
    )
    return partner


def toggle_checklist_item(*, item: ChecklistItem) -> ChecklistItem:
    item.done_at = None if item.done_at else timezone.now()
    item.save(update_fields=["done_at"])
    return item


def add_stand(*, event: Event, establishment, presentation: str = "", recruiters: str = "") -> Stand:
    if not event.has_stands:
        raise EventsError("Ce type d'événement n'accueille pas de stands d'entreprises.")
    stand, created = Stand.objects.get_or_create(
        event=event, establishment=establishment, defaults={"presentation": presentation, "recruiters": recruiters}
    )
    if not created:
        raise EventsError("Cette entreprise a déjà un stand sur cet événement.")
    return stand


def update_stand(*, stand: Stand, presentation: str, recruiters: str) -> Stand:
    stand.presentation, stand.recruiters = presentation, recruiters
    stand.full_clean()
    stand.save(update_fields=["presentation", "recruiters"])
    return stand


def add_offer(*, stand: Stand, offer) -> StandOffer:
    stand_offer, _ = StandOffer.objects.get_or_create(
        stand=stand, offer=offer, defaults={"position": stand.offers.count()}
    )
    _refresh_event_romes(stand.event)
    return stand_offer


@transaction.atomic
def create_offer_for_stand(*, user, stand: Stand, data: dict) -> StandOffer:
    """An offer created for the event lives in the jobs module like any other offer."""
    data = {**data, "establishment": stand.establishment, "company_name": stand.establishment.name}
    offer = save_offer(user=user, data=data)
    stand_offer = StandOffer.objects.create(
        stand=stand, offer=offer, created_for_event=True, position=stand.offers.count()
    )
    _refresh_event_romes(stand.event)
    return stand_offer


def _refresh_event_romes(event: Event) -> None:
    """The event's ROME codes (FT ``codesRome``) include those of its offers."""
    codes = set(event.rome_codes or [])
    codes |= {
        code
        for code in StandOffer.objects.filter(stand__event=event).values_list("offer__rome_code", flat=True)
        if code
    }
    ordered = sorted(codes)[:30]
    if ordered != sorted(event.rome_codes or []):
        Event.objects.filter(pk=event.pk).update(rome_codes=ordered)
        event.rome_codes = ordered


def add_question(*, stand_offer: StandOffer, text: str, expected_answer: bool, is_eliminatory: bool):
    if stand_offer.questions.count() >= 10:
        raise EventsError("Dix questions au plus par offre.")
    question = PreselectionQuestion(
        stand_offer=stand_offer,
        text=text.strip()[:300],
        expected_answer=expected_answer,
        is_eliminatory=is_eliminatory,
        position=stand_offer.questions.count(),
    )
    question.full_clean()
    question.save()
    return question


def apply(*, registration: Registration, stand_offer: StandOffer, answers: dict, message: str = "") -> StandApplication:
    """Apply to an offer of a stand. Answers are yes/no by question id; a wrong answer to an
    eliminatory question makes the application « non retenue » at once, with the kind reason."""
    if not registration.is_active or registration.event_id != stand_offer.stand.event_id:
        raise EventsError("Il faut être inscrit à l'événement pour candidater.")
    questions = list(stand_offer.questions.all())
    clean = {}
    for question in questions:
        value = answers.get(str(question.pk))
        if value not in (True, False):
            raise EventsError(f"Répondez à la question : {question.text}")
        clean[str(question.pk)] = value
    passes = all(clean[str(q.pk)] == q.expected_answer for q in questions if q.is_eliminatory)
    application, created = StandApplication.objects.get_or_create(
        stand_offer=stand_offer,
        registrant=registration.registrant,
        defaults={
            "answers": clean,
            "passes_questions": passes,
            "message": message[:1000],
            "decision": ApplicationDecision.PENDING if passes else ApplicationDecision.NOT_RETAINED,
            "reason": "" if passes else NotRetainedReason.ELIMINATORY,
        },
    )
    if not created:
        raise EventsError("Vous avez déjà candidaté à cette offre.")
    return application


def decide(*, user, application: StandApplication, decision: str, reason: str = "") -> StandApplication:
    """The recruiter's shortlist: retained, or not retained with a reason shown kindly."""
    if decision not in ApplicationDecision.values:
        raise EventsError("Décision inconnue.")
    if decision == ApplicationDecision.NOT_RETAINED and reason not in NotRetainedReason.values:
        raise EventsError("Choisissez le motif, il sera présenté avec tact au candidat.")
    application.decision = decision
    application.reason = reason if decision == ApplicationDecision.NOT_RETAINED else ""
    application.decided_by = user
    application.save(update_fields=["decision", "reason", "decided_by"])
    audit.record_instance(user, AuditAction.UPDATE, application, "présélection")
    return application
