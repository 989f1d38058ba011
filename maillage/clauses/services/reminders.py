"""Reminders: the facilitator asks the companies of a late lot for their missing declarations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.urls import reverse

from maillage.accounts.models import Membership, Role

from ..models import Lot, LotCompany


def company_recipients(lot: Lot) -> list[str]:
    companies = LotCompany.objects.filter(lot=lot).values("company_id")
    return sorted(
        set(
            Membership.objects.filter(
                organisation_id__in=companies, is_active=True, role__in=[Role.COMPANY_MEMBER, Role.ADMIN]
            ).values_list("user__email", flat=True)
        )
    )


def remind_companies(actor, lot: Lot, row: dict, base_url: str = "") -> int:
    """E-mail the members of the lot's companies: hours due, hours validated, where to declare. Returns the
    number of messages sent. No personal data of participants is written in the message."""
    recipients = company_recipients(lot)
    if not recipients:
        raise ValidationError("Aucun membre d'entreprise n'a de compte sur ce lot : relancez-les directement.")
    operation = lot.market.operation
    link = base_url + reverse("clauses:company_lot", args=[lot.pk])
    subject = f"Clause sociale – heures d'insertion à déclarer : {operation.name}"
    body = (
        f"Bonjour,\n\nPour le lot « {lot.label} » de l'opération « {operation.name} » ({operation.buyer.name}), "
        f"{row['due']:.0f} heures d'insertion étaient prévues à ce jour et {row['done']:.0f} heures sont "
        f"déclarées et validées (objectif : {row['target']:.0f} heures).\n\n"
        f"Merci de déclarer les heures des derniers mois, avec leurs justificatifs, dans votre espace : {link}\n\n"
        f"{actor.get_full_name() or 'Le facilitateur'} – facilitateur des clauses sociales\n"
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    return send_mass_mail(messages, fail_silently=False)
