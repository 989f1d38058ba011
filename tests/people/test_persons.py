"""One person, many parts: identity held once, duplicates merged with an audit trail."""

import logging
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.models import AuditEvent, OrganisationKind, Role
from maillage.clauses.models import Participant
from maillage.clauses.services.participants import anonymise_participant, find_or_create_participant
from maillage.jobs.models import Candidate, ConsentPurpose
from maillage.jobs.services.candidates import anonymise
from maillage.people import selectors, services
from maillage.people.models import Person, PersonMerge
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def _candidate(first="Inès", last="Martin", email="", **extra):
    return Candidate.objects.create(
        first_name=first,
        last_name=last,
        email=email,
        consent_at=timezone.now(),
        consent_purpose=ConsentPurpose.SHARING,
        **extra,
    )


def _participant(first="Inès", last="Martin", birth=date(1990, 3, 5)):
    return Participant.objects.create(first_name=first, last_name=last, birth_date=birth, sex="F")


def test_identity_is_held_once_on_the_person():
    candidate = _candidate(email="ines@exemple.fr", phone="0600000000")
    person = Person.objects.get()
    assert candidate.person_id == person.pk
    assert (person.first_name, person.last_name, person.email) == ("Inès", "Martin", "ines@exemple.fr")
    candidate.last_name = "Martin-Durand"
    candidate.save()
    person.refresh_from_db()
    assert person.last_name == "Martin-Durand" and person.identity_key == "martin durand|ines|"
    assert Candidate.objects.filter(person__last_name="Martin-Durand").exists()


def test_a_clause_participant_joins_a_known_person_instead_of_a_copy():
    candidate = _candidate()
    Person.objects.filter(pk=candidate.person_id).update(birth_date=date(1990, 3, 5), identity_key="")
    candidate.person.refresh_from_db()
    candidate.person.save()  # recomputes the key with the birth date
    participant, created = find_or_create_participant(
        None, last_name="MARTIN", first_name="Ines", birth_date=date(1990, 3, 5), sex="F"
    )
    assert created and participant.person_id == candidate.person_id
    assert Person.objects.count() == 1


def test_duplicates_by_identity_and_by_email_are_found_and_merged_with_an_audit():
    _participant()
    twin = _candidate(first="INES", last="martin")  # no birth date: not the same identity key…
    Person.objects.filter(pk=twin.person_id).update(birth_date=date(1990, 3, 5))
    twin.person.refresh_from_db()
    twin.person.save()
    mail_a = _candidate(first="Jo", last="Petit", email="jo@exemple.fr")
    mail_b = _participant(first="Johanna", last="Petit", birth=date(1985, 1, 2))
    Person.objects.filter(pk=mail_b.person_id).update(email="JO@exemple.fr")
    groups = selectors.duplicate_groups()
    assert {g.reason for g in groups} == {"identite", "email"}
    admin = user_with_role(Role.ADMIN, OrganisationKind.MDE)
    for group in groups:
        report = services.merge_group(admin, group)
        assert report.merged and not report.refused
    assert Person.objects.count() == 2
    mail_b.refresh_from_db()
    assert mail_b.person_id == mail_a.person_id
    twin.refresh_from_db()
    assert Participant.objects.get(person__identity_key="martin|ines|1990-03-05").person_id == twin.person_id
    merges = PersonMerge.objects.all()
    assert merges.count() == 2 and all(m.merged_by == admin for m in merges)
    assert AuditEvent.objects.filter(object_type="people.person", detail__startswith="fusion du doublon").count() == 2


def test_two_parts_of_the_same_kind_are_refused_not_forced():
    a = _candidate(first="Jo", last="Petit", email="jo@exemple.fr")
    b = _candidate(first="Jo", last="Petit", email="jo@exemple.fr")
    (group,) = selectors.duplicate_groups()
    report = services.merge_group(None, group)
    assert not report.merged and report.refused
    assert Candidate.objects.filter(pk__in=[a.pk, b.pk]).count() == 2 and Person.objects.count() == 2


def test_merge_completes_the_kept_record_and_keeps_the_older_one():
    participant = _participant()
    candidate = _candidate(first="Inès", last="Martin", email="ines@exemple.fr")
    Person.objects.filter(pk=candidate.person_id).update(birth_date=date(1990, 3, 5))
    Person.objects.get(pk=candidate.person_id).save()
    (group,) = selectors.duplicate_groups()
    services.merge_group(None, group)
    person = Person.objects.get()
    assert person.pk == participant.person_id
    assert person.email == "ines@exemple.fr"
    assert PersonMerge.objects.get().filled == ["email"]


def test_command_dry_run_writes_nothing_then_merges(caplog):
    _participant()
    c = _candidate()
    Person.objects.filter(pk=c.person_id).update(birth_date=date(1990, 3, 5))
    Person.objects.get(pk=c.person_id).save()
    out = StringIO()
    with caplog.at_level(logging.INFO, logger="maillage.commands"):
        call_command("merge_persons", "--dry-run", stdout=out)
    assert "fusionnerait" in out.getvalue() and Person.objects.count() == 2
    assert caplog.records[-1].getMessage().endswith("(fusions : 1, refus : 0)")
    assert "(simulation)" in caplog.records[-1].getMessage()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="maillage.commands"):
        call_command("merge_persons", stdout=StringIO())
    assert Person.objects.count() == 1 and PersonMerge.objects.count() == 1
    assert [r.getMessage().split(" : ")[0] for r in caplog.records] == ["merge_persons", "merge_persons"]
    assert caplog.records[-1].getMessage().endswith("(fusions : 1, refus : 0)")


def test_anonymising_one_part_keeps_the_identity_of_the_other():
    participant = _participant()
    candidate = Candidate.objects.create(
        person=participant.person, consent_at=timezone.now(), consent_purpose=ConsentPurpose.SHARING
    )
    anonymise(user=None, candidate=candidate)
    participant.person.refresh_from_db()
    assert participant.person.last_name == "Martin"  # the clause path is still followed
    candidate.refresh_from_db()
    assert candidate.person_id != participant.person_id and candidate.first_name == "Anonyme"
    anonymise_participant(None, participant)
    participant.refresh_from_db()
    assert participant.person.last_name == "Anonyme" and participant.birth_date == date(1990, 7, 1)


@pytest.mark.parametrize(
    ("role", "kind", "status"),
    [
        (Role.ADMIN, OrganisationKind.MDE, 200),
        (Role.ADMIN, OrganisationKind.COMPANY, 403),
        (Role.FACILITATOR, OrganisationKind.MDE, 403),
        (Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL, 403),
        (Role.COMPANY_MEMBER, OrganisationKind.COMPANY, 403),
        (Role.VIEWER, OrganisationKind.FUNDER, 403),
    ],
)
def test_merge_page_matrix(client, role, kind, status):
    client.force_login(user_with_role(role, kind))
    assert client.get(reverse("people:duplicates")).status_code == status
    assert client.post(reverse("people:merge"), {"group": "email:1,2"}).status_code in {status, 302}
    if status == 403:
        assert client.post(reverse("people:merge"), {"group": "email:1,2"}).status_code == 403


def test_merge_page_merges_a_listed_group_and_refuses_a_forged_one(client):
    admin = user_with_role(Role.ADMIN, OrganisationKind.MDE)
    client.force_login(admin)
    a = _participant()
    b = _candidate(email="x@exemple.fr")
    c = _candidate(first="Autre", last="Nom", email="x@exemple.fr")
    page = client.get(reverse("people:duplicates"))
    assert "même adresse e-mail" in page.content.decode()
    forged = client.post(reverse("people:merge"), {"group": f"email:{a.person_id},{b.person_id}"})
    assert forged.status_code == 302 and Person.objects.count() == 3
    client.post(reverse("people:merge"), {"group": f"email:{b.person_id},{c.person_id}"})
    # Two candidates: refused, reported, nothing lost.
    assert Person.objects.count() == 3 and Candidate.objects.count() == 2
