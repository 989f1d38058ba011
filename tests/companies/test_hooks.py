"""Module hooks: retention of contacts, home-dashboard cards, the company-file export."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from maillage.accounts.models import AuditAction, AuditEvent
from maillage.companies import dashboard, retention
from maillage.companies.models import Contact

from .factories import ContactFactory, EstablishmentFactory, InteractionFactory, RecruitmentNeedFactory


def _age(contact, days):
    Contact.objects.filter(pk=contact.pk).update(updated_at=timezone.now() - datetime.timedelta(days=days))


def test_retention(db):
    now = timezone.now()
    left_long_ago = ContactFactory(is_active=False)
    _age(left_long_ago, 400)
    left_recently = ContactFactory(is_active=False)
    _age(left_recently, 100)
    idle = ContactFactory()
    _age(idle, 4 * 365)
    alive = ContactFactory()
    _age(alive, 4 * 365)
    InteractionFactory(establishment=alive.establishment, date=datetime.date.today() - datetime.timedelta(days=30))
    counts = retention.purge(now=now, dry_run=True)
    assert list(counts.values()) == [1, 1] and Contact.objects.count() == 4
    retention.purge(now=now, dry_run=False)
    assert set(Contact.objects.values_list("pk", flat=True)) == {left_recently.pk, alive.pk}


def test_dashboard_cards(users, establishment, own_establishment):
    RecruitmentNeedFactory(establishment=own_establishment, positions=4)
    InteractionFactory(establishment=establishment, follow_up_on=datetime.date.today() - datetime.timedelta(days=3))
    staff_cards = dashboard.cards(users["charge_mission"])
    assert [c.title for c in staff_cards] == ["Relances entreprises", "Postes à pourvoir"]
    assert staff_cards[0].figure == "1" and staff_cards[0].alert and staff_cards[1].figure == "4"
    assert dashboard.cards(users["company"])[0].figure == "4"
    assert dashboard.cards(users["viewer"])[0].figure == "4"


@pytest.mark.parametrize(
    "role,expected", [("charge_mission", 200), ("partner", 200), ("company", 200), ("viewer", 404)]
)
def test_company_file_export(client, users, own_establishment, role, expected):
    ContactFactory(establishment=own_establishment, last_name="Hamel")
    InteractionFactory(establishment=own_establishment, subject="Note interne")
    RecruitmentNeedFactory(establishment=own_establishment)
    client.force_login(users[role])
    response = client.get(reverse("companies:establishment_export", args=[own_establishment.pk]))
    assert response.status_code == expected
    if expected != 200:
        return
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook["Contacts"]["B2"].value == "Hamel"
    assert ("Échanges" in workbook.sheetnames) is (role != "company")
    assert AuditEvent.objects.filter(actor=users[role], action=AuditAction.EXPORT).exists()


def test_other_company_cannot_export(client, users):
    other = EstablishmentFactory()
    client.force_login(users["company"])
    assert client.get(reverse("companies:establishment_export", args=[other.pk])).status_code == 404


def test_a_partner_or_facilitator_is_reminded_of_their_own_follow_ups_only(users, establishment):
    # A partner who never met a company saw « Relances entreprises : 1, dont 1 en retard » as an
    # alert on her home: another person's follow-up.
    late = datetime.date.today() - datetime.timedelta(days=3)
    InteractionFactory(establishment=establishment, follow_up_on=late, author=users["charge_mission"])
    assert "Relances entreprises" not in [c.title for c in dashboard.cards(users["partner"])]
    assert "Vos relances entreprises" not in [c.title for c in dashboard.cards(users["facilitator"])]
    InteractionFactory(establishment=establishment, follow_up_on=late, author=users["facilitator"])
    own = next(c for c in dashboard.cards(users["facilitator"]) if c.title == "Vos relances entreprises")
    assert own.figure == "1" and own.alert and own.url.endswith("?moi=1")
    team = next(c for c in dashboard.cards(users["charge_mission"]) if c.title == "Relances entreprises")
    assert team.figure == "2"
