"""Reminders: the facilitator asks the companies of a late lot for their missing declarations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.urls import reverse

from maillage.accounts.models import Membership, Role
from maillage.companies.selectors import contact_emails_of_organisations

from ..models import Lot, LotCompany


def company_emails(companies) -> list[str]:
    """The people of these companies: the contacts of their establishments (company relations, one
    company by SIRET) and the members who have an account."""
    companies = list(companies)
    members = (
        Membership.objects.filter(
            organisation_id__in=companies, is_active=True, role__in=[Role.COMPANY_MEMBER, Role.ADMIN]
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(members) | set(contact_emails_of_organisations(companies)))


def company_recipients(lot: Lot) -> list[str]:
    """The people of the lot's companies (members and contacts)."""
    return company_emails(LotCompany.objects.filter(lot=lot).values_list("company_id", flat=True))


def remind_companies(actor, lot: Lot, row: dict, base_url: str = "") -> int:
    """E-mail the members of the lot's companies: hours due, hours validated, where to declare. Returns the
    number of messages sent. No personal data of participants is written in the message."""
    recipients = company_recipients(lot)
    if not recipients:
        raise ValidationError(
            "Ni contact ni membre des entreprises de ce lot n'a d'adresse e-mail : "
            "ajoutez un contact à l'établissement."
        )
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
