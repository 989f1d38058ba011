"""The monthly reminder: before the declaration deadline, each company that has people under contract
last month and has not declared them yet gets one e-mail (recorded: never two for a company and month).

Run every morning by ``clauses.tasks.declaration_reminders`` (Huey); it acts only in the reminder
window (``reminder_days`` before the ``deadline_day`` of the MDE's calendar, up to the deadline), so
a worker stopped on the first day still reminds on the next. A company is the contract's employer (it
holds the pay slips and declares); when the employer is not a company of the lot (an ETTI, AI or GEIQ
making people available, an SIAE sub-contractor), the lot's company accountable for the clause (the one
the hours are made for, else the holder) is reminded too. The message gives counts per lot and the link to
the month's grid, no name.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format

from maillage.common_text import count_of, elide, long_date, plural

from ..models import (
    Contract,
    DeclarationCalendar,
    DeclarationReminder,
    HoursStatement,
    LotStatus,
    StatementStatus,
    declaration_calendar,
)
from .reminders import company_emails
from .sizing import add_months


def deadline_of(month: date, deadline_day: int) -> date:
    """The day the hours of ``month`` are due: ``deadline_day`` of the next month."""
    return DeclarationCalendar(deadline_day=deadline_day).deadline_of(month)


def month_to_remind(today: date) -> date | None:
    """Last month, when today is in its reminder window; ``None`` otherwise (or reminders off)."""
    calendar = declaration_calendar()
    if not calendar.reminders_enabled:
        return None
    month = add_months(today.replace(day=1), -1)
    deadline = deadline_of(month, calendar.deadline_day)
    if deadline - timedelta(days=calendar.reminder_days) <= today <= deadline:
        return month
    return None


# (operation name, « lot N – label », employer's name when the hours are made for the company by another
# structure, "" for the company's own employees) → number of people to declare.
LotKey = tuple[str, str, str]


def _accountable_companies(contracts) -> dict[int, set[int]]:
    """For each contract whose employer is not a company of its lot (an ETTI, AI or GEIQ making people
    available, an SIAE sub-contractor): the lot's company accountable for the clause, i.e. the company the
    hours are made for (``for_company``) or else the lot's holder (titulaire)."""
    from ..models import CompanyRole, LotCompany

    lots = {c["lot_id"] for c in contracts}
    companies: dict[int, set[int]] = defaultdict(set)
    holders: dict[int, set[int]] = defaultdict(set)
    for lot_id, company_id, role in LotCompany.objects.filter(lot__in=lots).values_list("lot_id", "company_id", "role"):
        companies[lot_id].add(company_id)
        if role == CompanyRole.HOLDER:
            holders[lot_id].add(company_id)
    accountable: dict[int, set[int]] = {}
    for c in contracts:
        if c["employer_id"] in companies[c["lot_id"]]:
            continue
        chosen = {c["for_company_id"]} if c["for_company_id"] else holders[c["lot_id"]]
        accountable[c["pk"]] = chosen - {c["employer_id"]}
    return accountable


def missing_by_company(month: date) -> dict[int, dict[LotKey, int]]:
    """Contracts running in ``month`` on open lots with no declaration (a rejected one counts as none),
    counted per company to remind and lot: the employer (it holds the pay slips and declares), and, when
    the employer is not a company of the lot (ETTI, AI, GEIQ, SIAE), the lot's company accountable for the
    clause too (``for_company``, else the holder), told which structure employs the people."""
    declared = HoursStatement.objects.filter(month=month).exclude(status=StatementStatus.REJECTED)
    contracts = list(
        Contract.objects.filter(start_on__lt=add_months(month, 1))
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=month))
        .exclude(lot__status=LotStatus.CLOSED)
        .exclude(pk__in=declared.values("contract_id"))
        .values(
            "pk",
            "lot_id",
            "employer_id",
            "employer__name",
            "for_company_id",
            "lot__market__operation__name",
            "lot__number",
            "lot__label",
        )
    )
    accountable = _accountable_companies(contracts)
    found: dict[int, dict[LotKey, int]] = defaultdict(lambda: defaultdict(int))
    for c in contracts:
        operation, lot = c["lot__market__operation__name"], f"lot {c['lot__number']} – {c['lot__label']}"
        found[c["employer_id"]][(operation, lot, "")] += 1
        for company_id in accountable.get(c["pk"], ()):
            found[company_id][(operation, lot, c["employer__name"])] += 1
    return found


def _line(operation: str, lot: str, via: str, count: int) -> str:
    to_declare = count_of(count, "personne à déclarer", "personnes à déclarer")
    if via:
        return f"- {operation}, {lot} : {to_declare} pour votre compte, {plural(count, 'employée')} par {via}"
    return f"- {operation}, {lot} : {to_declare}"


def _message(month: date, deadline: date, lots: dict[LotKey, int]) -> tuple[str, str]:
    month_name = date_format(month, "F Y")
    total = sum(lots.values())
    link = settings.SITE_URL.rstrip("/") + reverse("clauses:company_grid") + f"?mois={month:%Y-%m}"
    subject = f"Clause sociale – heures {elide('de', month_name)} à déclarer avant le {long_date(deadline)}"
    lines = "\n".join(_line(operation, lot, via, count) for (operation, lot, via), count in sorted(lots.items()))
    body = (
        f"Bonjour,\n\nLes heures d'insertion {elide('de', month_name)} sont à déclarer au plus tard le "
        f"{long_date(deadline)}. Il manque encore {count_of(total, 'déclaration')} sur vos lots :\n\n{lines}\n\n"
        f"Déclarez-les en une fois, avec les bulletins de salaire en un seul justificatif : {link}\n\n"
        "Ce rappel est envoyé automatiquement une fois par mois ; ne tenez pas compte de ce message si vous "
        "venez de déclarer.\n"
    )
    return subject, body


def send_declaration_reminders(today: date) -> dict[str, int]:
    """Remind every company that has not declared last month yet, once; returns the counts."""
    month = month_to_remind(today)
    counts = {"entreprises relancées": 0, "déjà relancées": 0, "sans adresse": 0}
    if month is None:
        return counts
    deadline = deadline_of(month, declaration_calendar().deadline_day)
    already = set(DeclarationReminder.objects.filter(month=month).values_list("company_id", flat=True))
    for company_id, lots in missing_by_company(month).items():
        if company_id in already:
            counts["déjà relancées"] += 1
            continue
        recipients = company_emails([company_id])
        if not recipients:
            counts["sans adresse"] += 1
            continue
        subject, body = _message(month, deadline, lots)
        try:
            with transaction.atomic():
                DeclarationReminder.objects.create(
                    company_id=company_id, month=month, recipients=len(recipients), missing=sum(lots.values())
                )
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
        except IntegrityError:  # another worker reminded it a moment ago
            counts["déjà relancées"] += 1
            continue
        counts["entreprises relancées"] += 1
    return counts
