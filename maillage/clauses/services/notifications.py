"""E-mails to the declaring company when the facilitator validates or rejects its declarations.

One message per company for the decisions taken together (a bulk validation is one e-mail, not
twenty), sent once the transaction is committed. The company learns only what it already knows:
the month, the operation and lot, the hours it declared, a person's first name and initial (its
own employee), and the facilitator's reason for a rejection.
"""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format

from maillage.common_text import count_of, elide, group_thousands

from ..models import HoursStatement, StatementStatus
from .reminders import company_emails


def declaring_company_id(statement: HoursStatement) -> int:
    """The company that declared: the grid's company, else the person's employer."""
    return statement.batch.company_id if statement.batch_id else statement.contract.employer_id


def _person(statement: HoursStatement) -> str:
    person = statement.participant
    initial = f" {person.last_name[:1].upper()}." if person.last_name else ""
    return f"{person.first_name}{initial}".strip()


def _line(statement: HoursStatement) -> str:
    lot = statement.lot
    hours = statement.hours
    hours = group_thousands(hours.quantize(1) if hours == hours.to_integral_value() else hours.normalize())
    text = (
        f"- {date_format(statement.month, 'F Y')}, {lot.market.operation.name} – lot {lot.number} : "
        f"{_person(statement)}, {hours}\u00a0h – {statement.get_status_display().lower()}"
    )
    if statement.status == StatementStatus.REJECTED:
        text += f" (motif : {statement.rejection_reason})"
    return text


def notify_decisions(statement_ids) -> int:
    """Send the decisions on these statements to their declaring companies; returns the messages sent."""
    statements = (
        HoursStatement.objects.filter(pk__in=list(statement_ids))
        .exclude(status=StatementStatus.SUBMITTED)
        .select_related("participant__person", "lot__market__operation", "contract", "batch")
        .order_by("month", "lot_id", "participant__person__last_name")
    )
    by_company = defaultdict(list)
    for statement in statements:
        by_company[declaring_company_id(statement)].append(statement)
    link = settings.SITE_URL.rstrip("/") + reverse("clauses:company_space")
    messages = []
    for company_id, decided in by_company.items():
        recipients = company_emails([company_id])
        if not recipients:
            continue
        rejected = sum(1 for s in decided if s.status == StatementStatus.REJECTED)
        validated = len(decided) - rejected
        if len(decided) == 1:
            month = date_format(decided[0].month, "F Y")
            verdict = "rejetée" if rejected else "validée"
            subject = f"Clause sociale – déclaration {elide('de', month)} {verdict}"
        else:
            subject = "Clause sociale – décisions sur vos déclarations d'heures"
        summary = []
        if validated:
            summary.append(count_of(validated, "déclaration validée"))
        if rejected:
            summary.append(count_of(rejected, "déclaration rejetée"))
        body = (
            "Bonjour,\n\nLe facilitateur des clauses sociales a examiné vos déclarations d'heures d'insertion : "
            f"{' et '.join(summary)}.\n\n" + "\n".join(_line(s) for s in decided) + "\n\n"
        )
        if rejected:
            body += "Corrigez les déclarations rejetées et déclarez-les de nouveau dans votre espace : "
        else:
            body += "Le détail est dans votre espace entreprise : "
        body += f"{link}\n\nCe message est envoyé automatiquement ; pour toute question, répondez au facilitateur.\n"
        messages.extend((subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients)
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def notify_on_commit(statement_ids) -> None:
    ids = list(statement_ids)
    if ids:
        transaction.on_commit(lambda: notify_decisions(ids))
