"""The monthly reminder before the declaration deadline (issue #11): once per company and month."""

from datetime import date
from decimal import Decimal

from django.core import mail

from maillage.clauses.models import DeclarationCalendar, DeclarationReminder, HoursStatement, LotStatus
from maillage.clauses.services.monthly_reminders import month_to_remind, send_declaration_reminders
from tests.clauses.factories import StatementFactory

JUNE = date(2025, 6, 1)
IN_WINDOW = date(2025, 7, 6)  # default calendar: June's hours due on 10 July, reminder from 5 July


def test_reminder_window_follows_the_calendar(db):
    assert month_to_remind(date(2025, 7, 4)) is None
    assert month_to_remind(date(2025, 7, 5)) == JUNE
    assert month_to_remind(date(2025, 7, 10)) == JUNE
    assert month_to_remind(date(2025, 7, 11)) is None
    DeclarationCalendar.objects.create(pk=1, deadline_day=20, reminder_days=3)
    assert month_to_remind(date(2025, 7, 16)) is None
    assert month_to_remind(date(2025, 7, 17)) == JUNE
    assert month_to_remind(date(2025, 1, 20)) == date(2024, 12, 1)
    DeclarationCalendar.objects.filter(pk=1).update(reminders_enabled=False)
    assert month_to_remind(date(2025, 7, 17)) is None


def test_company_without_declaration_is_reminded_once(scenario):
    counts = send_declaration_reminders(IN_WINDOW)
    assert counts["entreprises relancées"] == 1
    assert counts["sans adresse"] == 1  # the far lot's employer has neither member nor contact
    assert [m.to for m in mail.outbox] == [[scenario["company_user"].email]]
    message = mail.outbox[0]
    assert message.subject == "Clause sociale – heures de juin 2025 à déclarer avant le 10 juillet 2025"
    assert "Groupe scolaire, lot" in message.body and "2 personnes à déclarer" in message.body
    assert "/clauses/espace-entreprise/grille/?mois=2025-06" in message.body
    for person in (scenario["alice"].participant, scenario["bob"].participant):
        assert person.last_name not in message.body
    reminder = DeclarationReminder.objects.get()
    assert (reminder.company_id, reminder.month, reminder.missing) == (scenario["company"].pk, JUNE, 2)
    # The next mornings of the window: never a second message for June.
    assert send_declaration_reminders(date(2025, 7, 7))["déjà relancées"] == 1
    assert send_declaration_reminders(date(2025, 7, 10))["entreprises relancées"] == 0
    assert len(mail.outbox) == 1


def test_nothing_outside_the_window(scenario):
    assert send_declaration_reminders(date(2025, 7, 2))["entreprises relancées"] == 0
    assert mail.outbox == [] and not DeclarationReminder.objects.exists()


def test_declared_month_is_not_reminded_but_a_rejected_one_is(scenario):
    StatementFactory(contract=scenario["alice"], month=JUNE, hours=Decimal("100"), status="declare")
    rejected = StatementFactory(contract=scenario["bob"], month=JUNE, hours=Decimal("10"), status="rejete")
    send_declaration_reminders(IN_WINDOW)
    assert "1 personne à déclarer" in mail.outbox[0].body
    HoursStatement.objects.filter(pk=rejected.pk).update(status="declare")
    DeclarationReminder.objects.all().delete()
    mail.outbox.clear()
    send_declaration_reminders(IN_WINDOW)
    assert mail.outbox == []


def test_closed_lot_and_ended_contracts_are_left_out(scenario):
    scenario["lot"].status = LotStatus.CLOSED
    scenario["lot"].save(update_fields=["status"])
    send_declaration_reminders(IN_WINDOW)
    assert mail.outbox == []
    scenario["lot"].status = LotStatus.RUNNING
    scenario["lot"].save(update_fields=["status"])
    # February 2026: Bob's contract ended in December, Alice's CDI runs on.
    send_declaration_reminders(date(2026, 3, 8))
    assert "1 personne à déclarer" in mail.outbox[0].body


def test_the_periodic_task_is_declared_through_module_py(db):
    from huey.contrib.djhuey import HUEY

    from maillage.clauses import tasks
    from maillage.clauses.module import MODULE

    assert MODULE.tasks == "maillage.clauses.tasks"
    assert tasks.declaration_reminders.task_class in HUEY._registry._periodic_tasks
    DeclarationCalendar.objects.create(pk=1, reminders_enabled=False)
    assert tasks.declaration_reminders.call_local() == {
        "entreprises relancées": 0,
        "déjà relancées": 0,
        "sans adresse": 0,
    }


def test_the_mde_administrator_sets_the_calendar(client, scenario):
    from django.urls import reverse

    from maillage.accounts.models import OrganisationKind, Role
    from tests.factories import user_with_role

    url = reverse("clauses:declaration_calendar")
    client.force_login(scenario["facilitator"])
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.ADMIN, OrganisationKind.MDE))
    page = client.post(url, {"deadline_day": "31", "reminder_days": "3", "reminders_enabled": "on"})
    assert "inférieure ou égale à 28" in page.content.decode()
    assert client.post(url, {"deadline_day": "15", "reminder_days": "3", "reminders_enabled": "on"}).status_code == 302
    calendar = DeclarationCalendar.objects.get(pk=1)
    assert (calendar.deadline_day, calendar.reminder_days, calendar.reminders_enabled) == (15, 3, True)
    assert month_to_remind(date(2025, 7, 12)) == JUNE
