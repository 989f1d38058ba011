"""Reminders: the facilitator asks the companies of a late lot for their missing declarations."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse

from maillage.accounts.models import Membership, Role
from maillage.common_text import count_of
from maillage.companies.selectors import contact_emails_of_organisations

from ..models import Contract, Lot, LotCompany

RECENT_CONTRACTS = timedelta(days=92)


def _hours(value) -> str:
    """« 12 345 heures » (thin no-break space between thousands, French agreement)."""
    return count_of(round(float(value or 0)), "heure")


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


def declaring_recipients(lot: Lot, today: date | None = None) -> list[str]:
    """The lot's companies (accountable for the clause) and the structures employing people on it for them
    (ETTI, AI, GEIQ, SIAE: they hold the pay slips and declare), for contracts running in the last months."""
    since = (today or date.today()) - RECENT_CONTRACTS
    employers = (
        Contract.objects.filter(lot=lot)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=since))
        .values_list("employer_id", flat=True)
    )
    lot_companies = LotCompany.objects.filter(lot=lot).values_list("company_id", flat=True)
    return company_emails(set(lot_companies) | set(employers))


def remind_companies(actor, lot: Lot, row: dict, base_url: str = "") -> int:
    """E-mail the members of the lot's companies and of the structures employing people on it: hours due,
    hours validated, where to declare. Returns the number of messages sent. No personal data of
    participants is written in the message."""
    recipients = declaring_recipients(lot)
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
        f"{_hours(row['due'])} d'insertion étaient prévues à ce jour et {_hours(row['done'])} sont "
        f"déclarées et validées (objectif : {_hours(row['target'])}).\n\n"
        f"Merci de déclarer les heures des derniers mois, avec leurs justificatifs, dans votre espace : {link}\n\n"
        f"{actor.get_full_name() or 'Le facilitateur'} – facilitateur des clauses sociales\n"
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    return send_mass_mail(messages, fail_silently=False)
