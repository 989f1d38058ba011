"""Load bench of the events module: public registrations and interview-slot bookings under concurrency.

Bounded and localhost only. Runs against a server you start yourself (gunicorn + PostgreSQL), on a
database the bench may fill (it creates its own event, stands and slots):

    createdb -h 127.0.0.1 -U postgres events_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/events_bench DJANGO_DEBUG=0 \
           REDIS_URL=redis://127.0.0.1:6379/11 HUEY_NAME=events_bench
    python manage.py migrate
    gunicorn config.wsgi -b 127.0.0.1:8150 -w 4 --threads 2 &
    python bench/events_load.py --url http://127.0.0.1:8150 --registrations 2000 --bookings 500 --clients 8

It prints errors (target 0: 5xx, exceptions, unexpected answers), overbookings (target 0: people
registered beyond a capacity, counters that disagree with the rows, a slot booked twice or two slots
per person and stand) and latency percentiles (target p95 < 300 ms). Demand exceeds the capacity on
purpose (2,000 registrations for 1,900 places; random slot picks collide), so « complet » and
« créneau déjà pris » answers are expected refusals, not errors.
"""

import argparse
import os
import random
import re
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MAX_REGISTRATIONS = 5000
MAX_BOOKINGS = 2000
MAX_SECONDS = 600
CAPACITY_ON_SITE, CAPACITY_REMOTE = 1500, 400
STANDS, SLOTS_PER_STAND = 30, 20


def setup_event(run_id: str):
    """An online job fair with 30 stands of 20 slots each (created through the ORM, same database)."""
    import datetime

    import django

    django.setup()
    from django.utils import timezone

    from maillage.accounts.models import Organisation, OrganisationKind
    from maillage.companies.models import Establishment
    from maillage.events.models import Event, InterviewSlot, Stand
    from maillage.territories.models import Commune, Departement, Region

    region, _ = Region.objects.get_or_create(code="28", defaults={"name": "Normandie"})
    dep, _ = Departement.objects.get_or_create(code="27", defaults={"name": "Eure", "region": region})
    commune, _ = Commune.objects.get_or_create(
        code="27229", defaults={"name": "Évreux", "search_name": "evreux", "departement": dep}
    )
    mde, _ = Organisation.objects.get_or_create(name="MDE (banc de charge)", kind=OrganisationKind.MDE)
    start = timezone.localdate() + datetime.timedelta(days=20)
    event = Event.objects.create(
        title=f"Banc de charge {run_id}",
        kind="salon_en_ligne",
        status="publie",
        start_date=start,
        start_time=datetime.time(9),
        end_time=datetime.time(18),
        modality="MIXTE",
        capacity_on_site=CAPACITY_ON_SITE,
        capacity_remote=CAPACITY_REMOTE,
        organiser=mde,
        commune=commune,
    )
    slot_ids = []
    base = timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
    for index in range(STANDS):
        siret = _siret(int(run_id[-6:], 16) % 10_000_000 * 100 + index)
        establishment, _ = Establishment.objects.get_or_create(
            siret=siret, defaults={"name": f"Entreprise {index}", "commune": commune}
        )
        stand = Stand.objects.create(event=event, establishment=establishment)
        slots = InterviewSlot.objects.bulk_create(
            InterviewSlot(stand=stand, starts_at=base + datetime.timedelta(minutes=20 * i), channel="visio")
            for i in range(SLOTS_PER_STAND)
        )
        slot_ids += [s.pk for s in slots]
    return event.pk, slot_ids


def _siret(number: int) -> str:
    """A 14-digit SIRET whose Luhn key is valid."""
    body = f"{number:013d}"[-13:]
    for last in range(10):
        candidate = body + str(last)
        total = 0
        for i, ch in enumerate(reversed(candidate)):
            d = int(ch) * (2 if i % 2 else 1)
            total += d - 9 if d > 9 else d
        if total % 10 == 0:
            return candidate
    raise ValueError


def verify(event_id: int) -> dict:
    from django.db.models import Count

    from maillage.events.models import Event, InterviewSlot, Registration

    event = Event.objects.get(pk=event_id)
    active = dict(
        Registration.objects.filter(event=event, status="inscrit")
        .values("mode")
        .annotate(n=Count("pk"))
        .values_list("mode", "n")
    )
    on_site, remote = active.get("ENPHY", 0), active.get("ADIST", 0)
    overbookings = max(0, on_site - event.capacity_on_site) + max(0, remote - event.capacity_remote)
    overbookings += abs(on_site - event.registered_on_site) + abs(remote - event.registered_remote)
    doubled = (
        InterviewSlot.objects.filter(stand__event=event, booked_by__isnull=False)
        .values("stand_id", "booked_by_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    booked = InterviewSlot.objects.filter(stand__event=event, booked_by__isnull=False).count()
    return {"on_site": on_site, "remote": remote, "overbookings": overbookings + doubled, "slots_booked": booked}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.counts: dict[str, int] = {}

    def time(self, kind: str, seconds: float):
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds * 1000)

    def count(self, key: str):
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1

    def error(self, message: str):
        with self.lock:
            self.errors.append(message)


def register_one(base: str, event_id: int, index: int, stats: Stats, deadline: float):
    if time.monotonic() > deadline:
        return None
    session = requests.Session()
    url = f"{base}/evenements/agenda/{event_id}/"
    try:
        started = time.perf_counter()
        page = session.get(url, timeout=30)
        stats.time("GET page de l'événement", time.perf_counter() - started)
        token = CSRF.search(page.text)
        if page.status_code != 200 or not token:
            stats.error(f"GET {page.status_code}")
            return None
        mode = "ADIST" if index % 4 == 0 else "ENPHY"
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "first_name": f"Prénom{index}",
            "last_name": f"Banc{index}",
            "email": f"banc{index}@exemple.org",
            "mode": mode,
            "consent": "on",
            "public": "demandeurs",
        }
        started = time.perf_counter()
        answer = session.post(url, data=form, headers={"Referer": url}, allow_redirects=False, timeout=30)
        stats.time("POST inscription", time.perf_counter() - started)
    except requests.RequestException as exc:
        stats.error(type(exc).__name__)
        return None
    if answer.status_code == 302 and "/mon-inscription/" in answer.headers.get("Location", ""):
        stats.count("inscrits")
        return session, base + answer.headers["Location"]
    if answer.status_code == 400 and "plus de place" in answer.text:
        stats.count("refus : complet (attendu)")
        return None
    stats.error(f"POST inscription {answer.status_code}")
    return None


def book_one(session, manage_url: str, slot_ids: list[int], taken: set, lock, stats: Stats, rng, deadline: float):
    for _attempt in range(10):
        if time.monotonic() > deadline:
            return
        with lock:
            free = [s for s in rng.sample(slot_ids, 40) if s not in taken]
        if not free:
            continue
        slot = free[0]
        csrf = session.cookies.get("csrftoken")
        try:
            started = time.perf_counter()
            answer = session.post(
                manage_url + "entretien/",
                data={"csrfmiddlewaretoken": csrf, "slot": slot},
                headers={"Referer": manage_url},
                allow_redirects=False,
                timeout=30,
            )
            stats.time("POST réservation", time.perf_counter() - started)
        except requests.RequestException as exc:
            stats.error(type(exc).__name__)
            return
        result = answer.headers.get("X-Booking")
        if answer.status_code == 302 and result == "booked":
            with lock:
                taken.add(slot)
            stats.count("entretiens réservés")
            return
        if answer.status_code == 302 and result == "refused":
            with lock:
                taken.add(slot)
            stats.count("refus : créneau déjà pris (attendu)")
            continue
        stats.error(f"POST réservation {answer.status_code}")
        return


def percentile(values, q):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8150")
    parser.add_argument("--registrations", type=int, default=2000)
    parser.add_argument("--bookings", type=int, default=500)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    host = urlparse(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("Ce banc ne vise que la machine locale (127.0.0.1).")
    registrations = min(max(1, args.registrations), MAX_REGISTRATIONS)
    bookings = min(max(0, args.bookings), MAX_BOOKINGS, STANDS * SLOTS_PER_STAND)
    clients = min(max(1, args.clients), 32)
    run_id = f"{int(time.time()):x}"
    event_id, slot_ids = setup_event(run_id)
    print(
        f"Événement n° {event_id} : {CAPACITY_ON_SITE} places sur place + {CAPACITY_REMOTE} à distance, "
        f"{len(slot_ids)} créneaux sur {STANDS} stands ; {clients} clients en parallèle."
    )
    stats = Stats()
    deadline = time.monotonic() + MAX_SECONDS
    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        sessions = [
            s
            for s in pool.map(lambda i: register_one(args.url, event_id, i, stats, deadline), range(registrations))
            if s
        ]
    registered_in = time.monotonic() - started
    taken: set = set()
    lock = threading.Lock()
    rng = random.Random(7)
    chosen = sessions[:bookings]
    booking_start = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        list(
            pool.map(
                lambda s: book_one(s[0], s[1], slot_ids, taken, lock, stats, random.Random(rng.random()), deadline),
                chosen,
            )
        )
    booked_in = time.monotonic() - booking_start
    total = time.monotonic() - started
    checked = verify(event_id)
    print(
        f"\nInscriptions demandées : {registrations} en {registered_in:.1f} s ; "
        f"réservations demandées : {len(chosen)} en {booked_in:.1f} s ; total {total:.1f} s (limite 600 s)"
    )
    for key, value in sorted(stats.counts.items()):
        print(f"  {key:40} {value}")
    print(f"  {'inscrits en base (sur place / à distance)':40} {checked['on_site']} / {checked['remote']}")
    print(f"  {'créneaux réservés en base':40} {checked['slots_booked']}")
    print(
        f"\nErreurs : {len(stats.errors)} (objectif 0)"
        + (f" – {sorted(set(stats.errors))[:10]}" if stats.errors else "")
    )
    print(f"Surréservations : {checked['overbookings']} (objectif 0)")
    print("\nLatences (ms)                      n      p50     p95     max   (objectif p95 < 300)")
    all_posts = []
    for kind, values in sorted(stats.latencies.items()):
        if kind.startswith("POST"):
            all_posts += values
        print(
            f"  {kind:28} {len(values):6} {statistics.median(values):8.1f} {percentile(values, 95):7.1f} "
            f"{max(values):7.1f}"
        )
    print(
        f"  {'toutes les écritures (POST)':28} {len(all_posts):6} {statistics.median(all_posts):8.1f} "
        f"{percentile(all_posts, 95):7.1f} {max(all_posts):7.1f}"
    )


if __name__ == "__main__":
    main()
