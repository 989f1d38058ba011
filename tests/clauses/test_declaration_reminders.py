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


def _etti_contract(scenario, **extra):
    from maillage.accounts.models import Role
    from maillage.clauses.models import Modality
    from tests.clauses.factories import CompanyFactory, ContractFactory
    from tests.factories import user_with_role

    etti = CompanyFactory(name="Eure Intérim Insertion")
    etti_user = user_with_role(Role.COMPANY_MEMBER, organisation=etti)
    contract = ContractFactory(
        lot=scenario["lot"], employer=etti, modality=Modality.ETTI, end_on=None, participant__last_name="Leroy", **extra
    )
    return etti_user, contract


def _mail_to(email):
    return next(m for m in mail.outbox if m.to == [email])


def test_etti_hours_remind_the_etti_and_the_lot_holder_accountable_for_the_clause(scenario):
    etti_user, _ = _etti_contract(scenario)
    counts = send_declaration_reminders(IN_WINDOW)
    assert counts["entreprises relancées"] == 2
    etti_message = _mail_to(etti_user.email)
    assert "1 personne à déclarer" in etti_message.body and "pour votre compte" not in etti_message.body
    holder_message = _mail_to(scenario["company_user"].email)
    assert "Groupe scolaire, lot" in holder_message.body
    assert "2 personnes à déclarer" in holder_message.body  # its own employees
    assert "1 personne à déclarer pour votre compte, employée par Eure Intérim Insertion" in holder_message.body
    assert "Leroy" not in holder_message.body
    reminders = dict(DeclarationReminder.objects.values_list("company__name", "missing"))
    assert reminders == {"Eure Intérim Insertion": 1, scenario["company"].name: 3}


def test_etti_hours_for_a_co_contractor_remind_that_company_not_the_holder(scenario):
    from maillage.accounts.models import Role
    from maillage.clauses import services
    from tests.clauses.factories import CompanyFactory
    from tests.factories import user_with_role

    co = CompanyFactory(name="Peinture Associée")
    services.set_lot_company(None, scenario["lot"], co, "cotraitant")
    co_user = user_with_role(Role.COMPANY_MEMBER, organisation=co)
    _etti_contract(scenario, for_company=co)
    send_declaration_reminders(IN_WINDOW)
    assert "pour votre compte, employée par Eure Intérim Insertion" in _mail_to(co_user.email).body
    assert "pour votre compte" not in _mail_to(scenario["company_user"].email).body


def test_a_company_of_the_lot_employing_through_etti_modality_is_reminded_once(scenario):
    # Bob (ETTI modality) is employed by the holder itself: no second line, no extra reminder.
    send_declaration_reminders(IN_WINDOW)
    assert len(mail.outbox) == 1 and "pour votre compte" not in mail.outbox[0].body


def test_the_facilitators_reminder_of_a_late_lot_reaches_the_etti_too(scenario):
    from maillage.clauses.services.reminders import remind_companies

    etti_user, _ = _etti_contract(scenario)
    row = {"due": 12345.4, "done": 280, "target": 20000}
    assert remind_companies(scenario["facilitator"], scenario["lot"], row) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([etti_user.email, scenario["company_user"].email])
    body = mail.outbox[0].body
    assert "12\u202f345 heures d'insertion" in body and "objectif : 20\u202f000 heures" in body
