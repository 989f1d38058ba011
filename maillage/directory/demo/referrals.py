"""Demo referrals: partners' orientations to the demo services in every state, so that the lists, the
answer page, the home cards and the counts can be tried. Fictive people; no e-mail is sent."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from maillage.accounts.models import User
from maillage.accounts.policies import active_memberships
from maillage.common_text import fold
from maillage.people.models import Person

from .. import schema
from ..models import Referral, ReferralStatus, ReferredPerson, RefusalReason, Service

MARKER = "@orientation.demo"
SENDERS = [
    "conseiller.ft@demo.maillage.fr",
    "conseillere.ml@demo.maillage.fr",
    "facilitatrice.plie@demo.maillage.fr",
    "facilitateur@demo.maillage.fr",
]
PEOPLE = [
    ("Sandrine", "Lefort"), ("Yanis", "Belkacem"), ("Corinne", "Vasseur"), ("Mamadou", "Diallo"),
    ("Élodie", "Marchand"), ("Kevin", "Duval"), ("Aïcha", "Bensaïd"), ("Patrick", "Renault"),
    ("Manon", "Lebrun"), ("Thierry", "Gosselin"), ("Inès", "Ferreira"), ("Jordan", "Caron"),
    ("Nathalie", "Poirier"), ("Samir", "Haddou"),
]  # fmt: skip
# (days ago, status, refusal reason): pending ones recent (one reminded), the others answered or expired.
STATES = [
    (2, ReferralStatus.SENT, ""), (4, ReferralStatus.SENT, ""), (6, ReferralStatus.SENT, ""),
    (12, ReferralStatus.SENT, ""), (20, ReferralStatus.ACCEPTED, ""), (35, ReferralStatus.ACCEPTED, ""),
    (48, ReferralStatus.ACCEPTED, ""), (60, ReferralStatus.REFUSED, RefusalReason.FULL),
    (75, ReferralStatus.ACCEPTED, ""), (90, ReferralStatus.REFUSED, RefusalReason.NOT_ELIGIBLE),
    (110, ReferralStatus.EXPIRED, ""), (130, ReferralStatus.ACCEPTED, ""), (160, ReferralStatus.ACCEPTED, ""),
    (200, ReferralStatus.REFUSED, RefusalReason.DECLINED),
]  # fmt: skip
MESSAGES = [
    "Personne motivée, disponible rapidement. Merci de la contacter par téléphone.",
    "Besoin d'un accompagnement avant une entrée en formation.",
    "Sans solution de transport pour les entretiens d'embauche.",
    "",
]


def seed_referrals(editor_structures: list[str]) -> int:
    """Fourteen referrals, once; the first pending ones go to ``editor_structures`` (names), so that
    their demo editor has orientations to answer. Returns the number created."""
    if Person.objects.filter(email__endswith=MARKER).exists():
        return 0
    senders = [u for u in User.objects.filter(email__in=SENDERS).order_by("email") if active_memberships(u)]
    services = list(Service.objects.filter(di_id__startswith="demo--", is_active=True).select_related("structure"))
    if not senders or not services:
        return 0
    rng = random.Random(2026)
    answered_to = [s for s in services if s.structure.name in editor_structures] or services
    now = timezone.now()
    with transaction.atomic():
        for index, ((first, last), (days, status, reason)) in enumerate(zip(PEOPLE, STATES, strict=True)):
            sender = senders[index % len(senders)]
            service = answered_to[index % len(answered_to)] if index < 3 else rng.choice(services)
            sent_at = now - timedelta(days=days, hours=rng.randint(0, 8))
            person = Person.objects.create(
                first_name=first, last_name=last, email=f"{fold(first)}.{fold(last)}{MARKER}"
            )
            referred = ReferredPerson.objects.create(person=person, consent_at=sent_at, consent_by=sender)
            closed = status != ReferralStatus.SENT
            commune = service.commune
            Referral.objects.create(
                referred=referred,
                service=service,
                sender=sender,
                sender_organisation=active_memberships(sender)[0].organisation,
                message=rng.choice(MESSAGES),
                status=status,
                refusal_reason=reason,
                answered_by=None,
                sent_at=sent_at,
                reminded_at=sent_at + timedelta(days=10) if days > 10 and status == ReferralStatus.SENT else None,
                closed_at=sent_at + timedelta(days=rng.randint(2, 9) if status != ReferralStatus.EXPIRED else 30)
                if closed
                else None,
                epci_code=(commune.epci_id or "") if commune else "",
                category=schema.category_of(service.thematiques[0]) if service.thematiques else "",
            )
    return len(PEOPLE)
