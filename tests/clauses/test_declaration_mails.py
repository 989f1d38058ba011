"""E-mails to the declaring company when its declarations are validated or rejected (issue #11)."""

from datetime import date
from decimal import Decimal

from django.core import mail
from django.urls import reverse

from maillage.clauses import services
from maillage.clauses.models import HoursStatement
from maillage.clauses.services.declarations import GridLine, declare_grid
from maillage.clauses.services.notifications import notify_decisions
from tests.companies.factories import ContactFactory, EstablishmentFactory

from .test_declaration_grid import pay_slips

APRIL = date(2025, 4, 1)


def test_validation_emails_the_company_members_and_contacts(client, scenario, django_capture_on_commit_callbacks):
    company = scenario["company"]
    company.siret = "73282932000074"
    company.save()
    ContactFactory(establishment=EstablishmentFactory(siret="73282932000074"), email="rh@maconnerie.example")
    statement = HoursStatement.objects.get(contract=scenario["bob"], month=APRIL)
    client.force_login(scenario["facilitator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("clauses:statement_validate", args=[statement.pk]))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([scenario["company_user"].email, "rh@maconnerie.example"])
    message = mail.outbox[0]
    assert message.subject == "Clause sociale – déclaration d'avril 2025 validée"
    assert "avril 2025, Groupe scolaire – lot" in message.body and "35\u00a0h – validé" in message.body
    person = statement.participant
    assert f"{person.first_name} B." in message.body
    assert "Bernard" not in message.body and str(person.birth_date.year) not in message.body
    assert "/clauses/espace-entreprise/" in message.body


def test_rejection_emails_the_reason(client, scenario, django_capture_on_commit_callbacks):
    statement = HoursStatement.objects.get(contract=scenario["bob"], month=APRIL)
    client.force_login(scenario["facilitator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("clauses:statement_reject", args=[statement.pk]), {"reason": "Bulletin d'avril manquant"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Clause sociale – déclaration d'avril 2025 rejetée"
    assert "(motif : Bulletin d'avril manquant)" in mail.outbox[0].body
    assert "déclarez-les de nouveau" in mail.outbox[0].body


def test_no_mail_for_the_facilitator_own_entry_nor_a_second_validation(scenario, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.record_statement(scenario["facilitator"], scenario["alice"], month=APRIL, hours=Decimal("50"))
        already = HoursStatement.objects.get(contract=scenario["alice"], month=date(2025, 3, 1))
        services.validate_statement(scenario["facilitator"], already)
    assert mail.outbox == []


def test_a_grid_decision_goes_to_the_declaring_company(scenario, django_capture_on_commit_callbacks):
    """An ETTI that declared a grid for its staff is told, not the lot's holder."""
    batch = declare_grid(
        scenario["company_user"],
        [GridLine(scenario["alice"], Decimal("70")), GridLine(scenario["bob"], Decimal("20"))],
        month=date(2025, 6, 1),
        proof=pay_slips(),
    )
    ids = list(batch.statements.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        for statement in HoursStatement.objects.filter(pk__in=ids):
            services.validate_statement(scenario["facilitator"], statement, notify=False)
    assert mail.outbox == []
    assert notify_decisions(ids) == 1
    assert mail.outbox[0].subject == "Clause sociale – décisions sur vos déclarations d'heures"
    assert "2 déclarations validées" in mail.outbox[0].body
