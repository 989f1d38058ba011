"""Capacity and slots under concurrent requests (PostgreSQL: real row locks and concurrent
transactions; SQLite serialises writers, so these run on PostgreSQL only, as in CI)."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from maillage.events.choices import RegistrationStatus
from maillage.events.models import Event, InterviewSlot, Registration
from maillage.events.services import EventFull, EventsError, SlotTaken, interviews

from .conftest import make_event, register

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (concurrent writers)")


def _race(workers, target):
    barrier = threading.Barrier(workers)
    results = []

    def run(index):
        try:
            barrier.wait()
            results.append(target(index))
        except (EventFull, SlotTaken, EventsError) as exc:
            results.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_forty_people_for_ten_places(transactional_db, world):
    event = make_event(world.mde, capacity=10, title="Dix places", kind="job_dating")
    results = _race(40, lambda i: register(event, 100 + i).pk)
    event.refresh_from_db()
    active = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()
    assert active == event.registered_on_site == 10
    assert results.count("EventFull") == 30


def test_twenty_people_for_one_slot(transactional_db, world):
    people = [register(world.event, 200 + i) for i in range(20)]
    slot = InterviewSlot.objects.create(
        stand=world.other_stand, starts_at=timezone.now() + datetime.timedelta(days=9), channel="telephone"
    )
    results = _race(20, lambda i: interviews.book(registration=people[i], slot_id=slot.pk).pk)
    assert results.count(slot.pk) == 1 and results.count("SlotTaken") == 19
    assert InterviewSlot.objects.filter(pk=slot.pk, booked_by__isnull=False).count() == 1
    assert Event.objects.get(pk=world.event.pk).registered_on_site == 20
