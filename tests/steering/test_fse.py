"""FSE+ participant records and the common indicators of Regulation (EU) 2021/1057."""

import csv
import io
from datetime import date, datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.models import AuditEvent
from maillage.people.models import Person
from maillage.steering import retention
from maillage.steering.models import FseParticipant
from maillage.steering.selectors import fse as selectors

from .conftest import YEAR

ENTRY = {
    "first_name": "Inès",
    "last_name": "Benali",
    "birth_date": "2001-04-02",
    "entry_date": "2025-02-03",
    "sex": "f",
    "labour_status": "chomeur_ld",
    "education": "3_4",
    "rural": "non",
}


@pytest.fixture
def fse_action(action):
    action.is_fse_cofunded = True
    action.save()
    return action


def test_entry_exit_and_six_months_through_the_pages(client, director, fse_action):
    client.force_login(director)
    response = client.post(reverse("steering:fse_create", args=[fse_action.pk]), ENTRY)
    assert response.status_code == 302
    participant = FseParticipant.objects.get()
    assert participant.person.last_name == "Benali" and participant.age_at_entry == 23
    assert participant.disability == "" and not participant.sensitive_consent
    response = client.post(
        reverse("steering:fse_exit", args=[participant.pk]),
        {"exit_date": "2025-06-30", "exit_situation": "emploi", "qualification_gained": "nr"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("steering:fse_followup", args=[participant.pk]),
        {"followup_date": "2025-12-31", "employed_six_months": "oui"},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.exit_situation == "emploi" and participant.employed_six_months == "oui"
    actions = list(AuditEvent.objects.filter(object_type="steering.fseparticipant").values_list("action", "detail"))
    assert ("create", "FSE+ : entrée") in actions and ("update", "FSE+ : à six mois") in actions
    client.get(reverse("steering:fse_detail", args=[participant.pk]))
    assert AuditEvent.objects.filter(object_type="steering.fseparticipant", action="view").exists()


def test_same_person_is_not_duplicated(client, director, fse_action):
    Person.objects.create(first_name="Inès", last_name="BENALI", birth_date=date(2001, 4, 2))
    client.force_login(director)
    client.post(reverse("steering:fse_create", args=[fse_action.pk]), ENTRY)
    assert Person.objects.count() == 1


def test_disadvantaged_situations_need_consent(client, director, fse_action):
    client.force_login(director)
    response = client.post(reverse("steering:fse_create", args=[fse_action.pk]), {**ENTRY, "disability": "oui"})
    assert response.status_code == 200 and "consentement" in response.content.decode()
    response = client.post(
        reverse("steering:fse_create", args=[fse_action.pk]),
        {**ENTRY, "disability": "oui", "homeless": "nr", "sensitive_consent": "on"},
    )
    assert response.status_code == 302
    participant = FseParticipant.objects.get()
    assert participant.disability == "oui" and participant.sensitive_consent_at is not None
    # Withdrawn consent: the situations are erased.
    response = client.post(reverse("steering:fse_entry", args=[participant.pk]), ENTRY)
    participant.refresh_from_db()
    assert participant.disability == "" and participant.sensitive_consent_at is None


def test_not_answered_is_accepted_but_an_empty_answer_is_not(client, director, fse_action):
    client.force_login(director)
    response = client.post(reverse("steering:fse_create", args=[fse_action.pk]), {**ENTRY, "education": ""})
    assert response.status_code == 200
    response = client.post(
        reverse("steering:fse_create", args=[fse_action.pk]), {**ENTRY, "education": "nr", "sex": "nr"}
    )
    assert response.status_code == 302


def make(action, **fields):
    values = {
        "entry_date": date(YEAR, 3, 1),
        "sex": "f",
        "age_at_entry": 30,
        "labour_status": "chomeur",
        "education": "0_2",
        "rural": "non",
    }
    values.update(fields)
    return FseParticipant.objects.create(action=action, **values)


def test_common_indicators_follow_the_regulation(fse_action):
    fse_action.fse_smes_supported = 4
    fse_action.save()
    make(
        fse_action,
        sex="f",
        age_at_entry=17,
        labour_status="inactif",
        education="0_2",
        exit_date=date(YEAR, 6, 1),
        exit_situation="recherche",
        qualification_gained="non",
    )
    make(
        fse_action,
        sex="m",
        age_at_entry=25,
        labour_status="chomeur_ld",
        education="3_4",
        rural="oui",
        sensitive_consent=True,
        disability="oui",
        exit_date=date(YEAR, 5, 1),
        exit_situation="emploi",
        qualification_gained="oui",
        followup_date=date(YEAR, 11, 1),
        employed_six_months="oui",
    )
    make(fse_action, sex="x", age_at_entry=58, labour_status="emploi", education="5_8")
    # Disability recorded without consent is never counted (the service erases it; here forced in the table).
    make(fse_action, sex="f", age_at_entry=40, labour_status="nr", education="nr", disability="oui")
    make(fse_action, entry_date=date(YEAR - 1, 3, 1))  # entered another year
    report = selectors.common_indicators(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
    outputs = {row.code: row for row in report["outputs"]}
    assert outputs["EECO11"].total == 4 and outputs["EECO11"].women == 2 and outputs["EECO11"].non_binary == 1
    assert outputs["EECO01"].total == 1 and outputs["EECO02"].total == 1
    assert outputs["EECO03"].total == 1 and outputs["EECO04"].total == 1
    assert outputs["EECO05"].total == 1 and outputs["EECO06"].total == 1 and outputs["EECO07"].total == 1
    assert (outputs["EECO08"].total, outputs["EECO09"].total, outputs["EECO10"].total) == (1, 1, 1)
    assert outputs["EECO12"].total == 1 and outputs["EECO17"].total == 1
    results = {row.code: row.total for row in report["results"] + report["longer_term"]}
    assert results == {"EECR01": 1, "EECR02": 0, "EECR03": 1, "EECR04": 1, "EECR05": 1}
    assert {code: value for code, _, value in report["entities"]}["EECO19"] == 4


def test_export_is_refused_until_the_records_are_complete(client, director, fse_action):
    incomplete = make(
        fse_action, education="", entry_date=date(YEAR, 1, 10), exit_date=date(YEAR, 2, 1), exit_situation="emploi"
    )
    client.force_login(director)
    response = client.get(reverse("steering:fse_export"), {"annee": YEAR, "format": "csv"})
    assert response.status_code == 409
    html = unescape(response.content.decode())
    assert f"Participant n° {incomplete.pk}" in html and "niveau d'études" in html and "qualification obtenue" in html
    assert "suivi à six mois" in html  # exit + 6 months has passed
    FseParticipant.objects.filter(pk=incomplete.pk).update(
        education="nr", qualification_gained="non", followup_date=date(YEAR, 8, 1), employed_six_months="nr"
    )
    response = client.get(reverse("steering:fse_export"), {"annee": YEAR, "format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Code", "Type", "Indicateur", "Total", "Femmes", "Hommes", "Non binaires"]
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["EECO11"][3] == "1" and by_code["EECR04"][3] == "1" and "EECO19" in by_code
    assert AuditEvent.objects.filter(action="export", object_type="steering.fseparticipant").exists()


def test_retention_anonymises_old_records_and_keeps_the_figures(fse_action):
    person = Person.objects.create(first_name="A", last_name="B")
    old = make(
        fse_action,
        person=person,
        entry_date=date(2017, 1, 2),
        exit_date=date(2017, 6, 1),
        sensitive_consent=True,
        disability="oui",
    )
    recent = make(fse_action, person=person, exit_date=date(2025, 6, 1), entry_date=date(2025, 1, 2))
    now = timezone.make_aware(datetime(2026, 12, 1))
    assert retention.purge(now, dry_run=True) == {"participants FSE+ anonymisés": 1}
    old.refresh_from_db()
    assert old.person_id == person.pk
    retention.purge(now, dry_run=False)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.person_id is None and old.disability == "" and old.anonymised_at and old.sex == "f"
    assert recent.person_id == person.pk


def test_the_participants_are_paged_not_cut(client, director, fse_action):
    """The list was cut at the 200 latest entries: older participants could not be reached from it."""
    from datetime import timedelta

    from maillage.kernel.pagination import PER_PAGE

    start = date(YEAR, 12, 31)
    FseParticipant.objects.bulk_create(
        FseParticipant(
            action=fse_action,
            person=Person.objects.create(first_name="Entrée", last_name=f"Numéro{n:03d}"),
            entry_date=start - timedelta(days=n),
            sex="f",
            age_at_entry=30,
        )
        for n in range(205)
    )
    client.force_login(director)
    url = reverse("steering:fse_home")
    first = client.get(url).content.decode().lower()
    assert "205 participants" in first and "numéro000" in first and "numéro204" not in first
    last = client.get(url, {"page": str(-(-205 // PER_PAGE))}).content.decode().lower()
    assert "numéro204" in last and "numéro000" not in last
