"""Proposing candidates to the company of a lot: an e-mail to its people, the person's consent respected."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail

from maillage.accounts import audit
from maillage.accounts.models import AuditAction

from ..models import Lot
from ..selectors.nearby import proposals_for_lot
from .reminders import company_recipients


def propose_candidates(actor, lot: Lot, candidate_ids) -> int:
    """E-mail the lot's company (its contacts and members) the chosen candidates near the site.

    Only people who consented to share their profile with the territory's employers are sent, and
    only what an employer needs to call back through the facilitator: first name and initial, commune,
    matching jobs, distance. Eligibility details (criteria, health data) are never written."""
    wanted = {int(pk) for pk in candidate_ids}
    chosen = [
        p
        for p in proposals_for_lot(actor, lot, limit=100)
        if p.nearby.candidate.pk in wanted and p.nearby.candidate.is_shared
    ]
    if not chosen:
        raise ValidationError("Choisissez au moins une personne qui a accepté le partage de son profil.")
    recipients = company_recipients(lot)
    if not recipients:
        raise ValidationError("Aucun contact ni membre de l'entreprise n'a d'adresse e-mail pour ce lot.")
    operation = lot.market.operation
    lines = []
    for proposal in chosen:
        candidate = proposal.nearby.candidate
        initial = f" {candidate.last_name[:1].upper()}." if candidate.last_name else ""
        where = candidate.commune.name if candidate.commune_id else "commune non renseignée"
        jobs = ", ".join(proposal.nearby.trades) or "métier proche"
        lines.append(f"- {candidate.first_name}{initial}, {where} ({proposal.nearby.distance_km:.0f} km) : {jobs}")
    subject = f"Clause sociale – candidats proposés pour le lot « {lot.label} »"
    body = (
        f"Bonjour,\n\nPour le lot « {lot.label} » de l'opération « {operation.name} », voici des personnes "
        f"proches du chantier dont le métier correspond :\n\n" + "\n".join(lines) + "\n\n"
        f"Pour les rencontrer, répondez à {actor.email}.\n\n"
        f"{actor.get_full_name() or 'Le facilitateur'} – facilitateur des clauses sociales\n"
    )
    sent = send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients], fail_silently=False
    )
    audit.record_instances(
        actor, AuditAction.EXPORT, [p.nearby.candidate for p in chosen], f"proposé pour le lot n° {lot.pk}"
    )
    return sent
