import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from maillage.accounts.models import AuditEvent
from maillage.events.choices import ApplicationDecision, RegistrationStatus
from maillage.events.models import Event, InterviewSlot, Outcome, Registrant, Registration
from maillage.events.services import EventFull, EventsError, SlotTaken, interviews, outcomes, registrations
from maillage.events.services import stands as stand_services
from maillage.people.models import Person

from .conftest import make_event, register


def test_registration_takes_a_place_and_sends_a_confirmation_with_ics(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(world.event, 1, commune=world.ref.communes.evreux, public="jeunes")
    world.event.refresh_from_db()
    assert world.event.registered_on_site == 1
    assert registration.epci_code == world.ref.communes.evreux.epci_id
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Inscription confirmée" in message.subject
    assert "/evenements/mon-inscription/" in message.body and "/evenements/desinscription/" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "evenement.ics" and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "SUMMARY:Salon en ligne de l'industrie" in content


def test_the_same_person_is_one_person_and_registers_once(world):
    first = register(world.event, 1)
    again = register(world.event, 1, email="PERSONNE1@exemple.org")
    assert first.pk == again.pk
    assert Person.objects.count() == 1
    world.event.refresh_from_db()
    assert world.event.registered_on_site == 1


def test_capacity_is_never_exceeded_and_cancel_frees_the_place(world):
    event = make_event(world.mde, capacity=2, title="Petit job dating", kind="job_dating")
    a = register(event, 1)
    register(event, 2)
    with pytest.raises(EventFull):
        register(event, 3)
    assert registrations.cancel(registration=a)
    assert not registrations.cancel(registration=a)  # twice: the place is given back once
    register(event, 3)
    event.refresh_from_db()
    assert event.registered_on_site == 2
    assert Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count() == 2


def test_database_refuses_a_counter_above_capacity(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=world.event.pk).update(registered_on_site=world.event.capacity_on_site + 1)


def test_consent_is_required_and_closed_events_refuse(world):
    with pytest.raises(EventsError, match="accord"):
        register(world.event, 1, consent=False)
    past = make_event(world.mde, days=-3, title="Passé")
    with pytest.raises(EventsError, match="fermées"):
        register(past, 2)
    with pytest.raises(EventsError, match="modalité"):
        register(make_event(world.mde, capacity=0, remote=10, title="En ligne"), 3, mode="ENPHY")


def test_counsellor_registers_on_behalf_with_audit(world):
    registration = register(world.event, 5, registered_by=world.partner)
    assert registration.registrant.registered_by == world.partner
    assert AuditEvent.objects.filter(actor=world.partner, object_type="events.registration").exists()


def test_walk_in_is_counted_present_even_when_full(world):
    event = make_event(world.mde, capacity=1, title="Complet", kind="forum")
    register(event, 1)
    walk_in = register(event, 2, walk_in=True, registered_by=world.staff)
    assert walk_in.walk_in and walk_in.checked_in_at
    event.refresh_from_db()
    assert event.registered_on_site == 2 == event.capacity_on_site


def test_slot_booking_is_exclusive_and_one_per_stand(world):
    alice = register(world.event, 1)
    bob = register(world.event, 2)
    slot = world.slots[0]
    interviews.book(registration=alice, slot_id=slot.pk)
    with pytest.raises(SlotTaken):
        interviews.book(registration=bob, slot_id=slot.pk)
    with pytest.raises(EventsError, match="déjà un entretien"):
        interviews.book(registration=alice, slot_id=world.slots[1].pk)
    moved = interviews.reschedule(registration=alice, old_slot_id=slot.pk, new_slot_id=world.slots[1].pk)
    assert moved.booked_by_id == alice.registrant_id
    assert InterviewSlot.objects.get(pk=slot.pk).booked_by_id is None
    interviews.book(registration=bob, slot_id=slot.pk)
    assert interviews.cancel_booking(registration=bob, slot_id=slot.pk)


def test_reschedule_to_a_taken_slot_keeps_the_old_one(world):
    alice, bob = register(world.event, 1), register(world.event, 2)
    interviews.book(registration=alice, slot_id=world.slots[0].pk)
    interviews.book(registration=bob, slot_id=world.slots[1].pk)
    with pytest.raises(SlotTaken):
        interviews.reschedule(registration=alice, old_slot_id=world.slots[0].pk, new_slot_id=world.slots[1].pk)
    assert InterviewSlot.objects.get(pk=world.slots[0].pk).booked_by_id == alice.registrant_id


def test_database_refuses_two_slots_per_person_and_stand(world):
    alice = register(world.event, 1)
    InterviewSlot.objects.filter(pk=world.slots[0].pk).update(booked_by=alice.registrant)
    with pytest.raises(IntegrityError), transaction.atomic():
        InterviewSlot.objects.filter(pk=world.slots[1].pk).update(booked_by=alice.registrant)


def test_cancelling_a_registration_frees_its_slots(world):
    alice = register(world.event, 1)
    interviews.book(registration=alice, slot_id=world.slots[0].pk)
    registrations.cancel(registration=alice)
    assert InterviewSlot.objects.get(pk=world.slots[0].pk).booked_by_id is None


def test_eliminatory_question_and_kind_shortlist(world):
    question = stand_services.add_question(
        stand_offer=world.stand_offer, text="Avez-vous le permis B ?", expected_answer=True, is_eliminatory=True
    )
    alice, bob = register(world.event, 1), register(world.event, 2)
    with pytest.raises(EventsError, match="Répondez"):
        stand_services.apply(registration=alice, stand_offer=world.stand_offer, answers={})
    no = stand_services.apply(registration=alice, stand_offer=world.stand_offer, answers={str(question.pk): False})
    assert (no.decision, no.reason, no.passes_questions) == (ApplicationDecision.NOT_RETAINED, "question", False)
    yes = stand_services.apply(registration=bob, stand_offer=world.stand_offer, answers={str(question.pk): True})
    assert yes.decision == ApplicationDecision.PENDING
    with pytest.raises(EventsError, match="motif"):
        stand_services.decide(user=world.company, application=yes, decision="non_retenu")
    stand_services.decide(user=world.company, application=yes, decision="retenu")
    assert yes.decision == "retenu"


def test_outcomes_and_kpis(world):
    from maillage.events import selectors

    alice, bob = register(world.event, 1, public="jeunes"), register(world.event, 2, mode="ADIST")
    registrations.check_in(registration=alice, actor=world.staff)
    stand_services.apply(registration=alice, stand_offer=world.stand_offer, answers={})
    interviews.book(registration=alice, slot_id=world.slots[0].pk)
    with pytest.raises(EventsError):
        outcomes.record_outcome(
            user=world.company,
            registrant=alice.registrant,
            stand_offer=world.stand_offer,
            interviewed=True,
            hired=True,
        )
    outcome = outcomes.record_outcome(
        user=world.company,
        registrant=alice.registrant,
        stand_offer=world.stand_offer,
        interviewed=True,
        hired=True,
        contract_type="CDI",
        situation_1m="en_poste",
        situation_3m="en_poste",
    )
    assert outcome.entered_by_company
    figures = selectors.kpis(Event.objects.filter(pk=world.event.pk))
    assert (figures.registrants, figures.present, figures.attendance_rate) == (2, 1, 50.0)
    assert (figures.applications, figures.interviews_booked, figures.hired, figures.in_employment_3m) == (1, 1, 1, 1)
    assert {r["public"]: r["n"] for r in figures.by_public} == {"jeunes": 1, "": 1}
    assert figures.per_offer[0]["n_applications"] == 1 or figures.per_offer[1]["n_applications"] == 1
    assert Outcome.objects.count() == 1
    del bob


def test_retention_anonymises_after_twelve_months_unless_followed(world):
    from maillage.events import retention

    old = make_event(world.mde, days=20, title="Ancien")
    a, b = register(old, 1), register(old, 2)
    Registrant.objects.filter(pk=b.registrant_id).update(follow_up=True)
    Event.objects.filter(pk=old.pk).update(start_date=timezone.localdate() - datetime.timedelta(days=400))
    Event.objects.filter(pk=world.event.pk).delete()
    counts = retention.purge(now=timezone.now(), dry_run=True)
    assert counts["inscrits aux événements anonymisés (12 mois)"] == 1
    assert Registrant.objects.get(pk=a.registrant_id).person_id is not None  # dry run
    retention.purge(now=timezone.now(), dry_run=False)
    assert Registrant.objects.get(pk=a.registrant_id).person_id is None
    assert not Person.objects.filter(first_name="Prénom1").exists()
    assert Person.objects.filter(first_name="Prénom2").exists()
    assert Registration.objects.filter(event=old).count() == 2  # the figures stay


def test_reminders_two_days_and_two_hours_before(world):
    from maillage.events.tasks import reminders_due

    event = make_event(world.mde, days=1, title="Bientôt")
    register(event, 1)
    mail.outbox.clear()
    now = event.starts_at - datetime.timedelta(hours=30)
    assert reminders_due(now=now) == {"2j": 1, "2h": 0}
    assert reminders_due(now=now) == {"2j": 0, "2h": 0}
    assert reminders_due(now=event.starts_at - datetime.timedelta(hours=1)) == {"2j": 0, "2h": 1}
    assert "Rappel" in mail.outbox[0].subject


def test_unsubscribed_people_get_no_reminder(world):
    from maillage.events.tasks import reminders_due

    event = make_event(world.mde, days=1, title="Bientôt")
    registration = register(event, 1)
    registrations.unsubscribe(registrant=registration.registrant)
    assert reminders_due(now=event.starts_at - datetime.timedelta(hours=1)) == {"2j": 0, "2h": 0}


def test_outcome_reminders_one_month_after(world):
    from maillage.events.tasks import outcome_reminders_due

    Event.objects.filter(pk=world.event.pk).update(created_by=world.staff)
    alice = register(world.event, 1)
    outcomes.record_outcome(
        user=world.staff,
        registrant=alice.registrant,
        stand_offer=world.stand_offer,
        interviewed=True,
        hired=True,
        contract_type="CDD",
    )
    mail.outbox.clear()
    later = timezone.now() + datetime.timedelta(days=45)
    assert outcome_reminders_due(now=later) == 1
    assert outcome_reminders_due(now=later) == 0
    assert "1 mois" in mail.outbox[0].subject


def test_invitations_direct_and_through_transitions(world, django_capture_on_commit_callbacks):
    from maillage.events.services.outcomes import invite, matching_candidates
    from maillage.reconversion.models import Transition
    from tests.jobs.factories import make_candidate

    direct = make_candidate(world.ref.communes.evreux, sought=["10004"], first_name="Direct", email="d@exemple.org")
    # Couture (B1803) leads to câblage (H2605) through the transition engine.
    Transition.objects.create(source_id="B1803", target_id="H2605", rank=1, score=0.8)
    bridge = make_candidate(world.ref.communes.evreux, held=["10001"], first_name="Passerelle", email="p@exemple.org")
    make_candidate(world.ref.communes.evreux, sought=["10004"], consent=False, first_name="SansAccord")
    make_candidate(world.ref.communes.evreux, sought=["10004"], consent_purpose="accompagnement", first_name="Suivi")
    make_candidate(world.ref.communes.evreux, sought=["10007"], first_name="Caisse")
    matches = matching_candidates(user=world.staff, event=world.event)
    found = {c.first_name: reason for c, reason, _rome, _score in matches}
    assert found == {"Direct": "direct", "Passerelle": "passerelle"}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(user=world.staff, event=world.event, matches=matches) == 2
    assert len(mail.outbox) == 2 and {m.to[0] for m in mail.outbox} == {direct.email, bridge.email}
    assert invite(user=world.staff, event=world.event, matches=matches) == 0


def test_a_job_candidate_registering_stays_one_person_and_keeps_their_identity(world):
    from maillage.events import retention
    from tests.jobs.factories import make_candidate

    candidate = make_candidate(world.ref.communes.evreux, first_name="Hélène", last_name="Dupré", email="h@exemple.org")
    old = make_event(world.mde, title="Ancien")
    registration = register(old, 0, first_name="helene", last_name="DUPRE", email="H@exemple.org")
    assert registration.registrant.person_id == candidate.person_id
    Event.objects.filter(pk=old.pk).update(start_date=timezone.localdate() - datetime.timedelta(days=400))
    Event.objects.filter(pk=world.event.pk).delete()
    retention.purge(now=timezone.now(), dry_run=False)
    assert Registrant.objects.get(pk=registration.registrant_id).person_id is None
    assert Person.objects.filter(pk=candidate.person_id).exists()  # the jobs module's part still needs it
