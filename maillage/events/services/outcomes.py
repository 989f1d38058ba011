"""Outcomes per candidate and offer, satisfaction questionnaires, invitations of matching candidates."""

from django.db import transaction
from django.db.models import Q

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.jobs.selectors.candidates import candidates_for
from maillage.reconversion.selectors import sources_towards

from ..choices import InvitationReason, RespondentKind, Situation
from ..models import Event, Invitation, Outcome, Registrant, Registration, SatisfactionResponse, Stand, StandOffer
from ..policies import is_own_stand
from . import EventsError

TRANSITION_MIN_SCORE = 0.5
MAX_INVITATIONS = 2000


@transaction.atomic
def record_outcome(
    *,
    user,
    registrant: Registrant,
    stand_offer: StandOffer,
    interviewed: bool,
    hired: bool,
    contract_type: str = "",
    hired_on=None,
    situation_1m: str = "",
    situation_3m: str = "",
) -> Outcome:
    if hired and not contract_type:
        raise EventsError("Indiquez le type de contrat de l'embauche.")
    for value in (situation_1m, situation_3m):
        if value and value not in Situation.values:
            raise EventsError("Situation inconnue.")
    outcome, _ = Outcome.objects.select_for_update().get_or_create(registrant=registrant, stand_offer=stand_offer)
    outcome.interviewed = interviewed or hired
    outcome.hired = hired
    outcome.contract_type = contract_type if hired else ""
    outcome.hired_on = hired_on if hired else None
    outcome.situation_1m = situation_1m
    outcome.situation_3m = situation_3m
    outcome.entered_by = user
    outcome.entered_by_company = is_own_stand(user, stand_offer.stand)
    outcome.save()
    audit.record_instance(user, AuditAction.UPDATE, outcome, "suite donnée")
    return outcome


def answer_satisfaction(
    *,
    event: Event,
    respondent: str,
    score: int,
    useful: bool,
    comment: str = "",
    registration: Registration | None = None,
    stand: Stand | None = None,
):
    if not 1 <= int(score) <= 5:
        raise EventsError("La note va de 1 à 5.")
    target = {"registration": registration} if respondent == RespondentKind.CANDIDATE else {"stand": stand}
    response, _ = SatisfactionResponse.objects.update_or_create(
        event=event,
        respondent=respondent,
        **target,
        defaults={"score": int(score), "useful": useful, "comment": comment.strip()[:1000]},
    )
    return response


def matching_candidates(*, user, event: Event, limit: int = 500):
    """Candidates of the jobs module to invite: their held or sought métiers are those of the event's
    offers (direct) or lead to them through the transition engine (score ≥ 0.5), and their consent
    allows it (profile shared with the territory's partners, or followed by the organiser).

    Returns ``[(candidate, reason, rome, score)]``, direct matches first.
    """
    targets = set(event.rome_codes or [])
    targets |= set(
        StandOffer.objects.filter(stand__event=event)
        .exclude(offer__rome_code="")
        .values_list("offer__rome_code", flat=True)
    )
    if not targets:
        return []
    sources = sources_towards(targets, min_score=TRANSITION_MIN_SCORE)
    codes = targets | set(sources)
    candidates = (
        candidates_for(user, searching_only=True)
        .filter(consent_at__isnull=False)
        .filter(Q(consent_purpose="partage") | Q(organisation_id=event.organiser_id))
        .filter(Q(held_appellations__fiche_id__in=codes) | Q(sought_appellations__fiche_id__in=codes))
        .distinct()
        .prefetch_related("held_appellations", "sought_appellations")
    )
    results = []
    for candidate in candidates[: limit * 2]:
        fiches = {a.fiche_id for a in candidate.sought_appellations.all()} | {
            a.fiche_id for a in candidate.held_appellations.all()
        }
        direct = sorted(fiches & targets)
        if direct:
            results.append((candidate, InvitationReason.DIRECT, direct[0], 1.0))
            continue
        best = max((sources[c] for c in fiches if c in sources), key=lambda t: t[1], default=None)
        if best:
            results.append((candidate, InvitationReason.TRANSITION, best[0], best[1]))
    results.sort(key=lambda r: (r[1] != InvitationReason.DIRECT, -r[3], r[0].last_name))
    return results[:limit]


@transaction.atomic
def invite(*, user, event: Event, matches) -> int:
    """Record (and send, by the task) the invitations of the chosen candidates; once per candidate."""
    if len(matches) > MAX_INVITATIONS:
        raise EventsError(f"{MAX_INVITATIONS} invitations au plus à la fois.")
    created = 0
    for candidate, reason, rome, score in matches:
        _invitation, made = Invitation.objects.get_or_create(
            event=event,
            candidate=candidate,
            defaults={"reason": reason, "matched_rome": rome, "score": score, "created_by": user},
        )
        created += made
    audit.record(user, AuditAction.CREATE, "events.invitation", event.pk, f"{created} invitations")
    transaction.on_commit(lambda: _send(event.pk))
    return created


def _send(event_id: int) -> None:
    from ..tasks import send_invitations

    send_invitations(event_id)
