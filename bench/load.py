"""Load test: concurrent sessions of mixed roles against a local production-like server.

Bounded and local only. By default it prepares and starts the server itself: production settings
(``MAILLAGE_ENV=production``, DEBUG off), ``collectstatic``, gunicorn, the PostgreSQL database of
``DATABASE_URL`` (loaded with ``load_reference``, ``load_demo`` and ``demo_accounts``) and the Redis
cache of ``REDIS_URL``. Then N sessions (demo accounts of every role) log in and, for a bounded time,
open list pages, dashboards, details and exports, and write (hours declared by a company, declarations
validated by a facilitator). It prints p50/p95 per page group, requests per second and errors beside
the targets and the baseline of issue #9.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage_bench REDIS_URL=redis://127.0.0.1:6379/14 \\
        .venv/bin/python bench/load.py --sessions 50 --duration 300

``--url http://127.0.0.1:PORT`` uses a server already running (on this machine only).
``--path /healthz`` (repeatable) replaces the mix by these pages only, for every session: the ceiling
of the server for a given page (the cheapest page, the layout alone…), to set beside the mix.

At the end it prints where the machine's CPU went during the measure: the server (gunicorn's
processes), PostgreSQL, Redis, this load generator and the rest, read from ``/proc`` (Linux).

By default every session sends its next request as soon as the last one is answered (a closed loop:
the throughput printed is the server's ceiling, and the latency is that of a saturated server: with
50 sessions, p95 under 300 ms would need well over 150 requests/s). ``--rate R`` paces the sessions
instead, R requests/s in all, each session waiting a random think time between its requests: the
latency printed is then the one users see at that load, as long as the server keeps up.
"""

import argparse
import asyncio
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Maillage-demo-2026"
ROLES = [
    "facilitateur@demo.maillage.fr",
    "entreprise@demo.maillage.fr",
    "facilitatrice.plie@demo.maillage.fr",
    "charge.mission@demo.maillage.fr",
    "conseiller.ft@demo.maillage.fr",
    "admin@demo.maillage.fr",
    "conseillere.ml@demo.maillage.fr",
    "acheteur@demo.maillage.fr",
    "elu@demo.maillage.fr",
]
LISTS = [
    "/comptes/organisations/",
    "/entreprises/",
    "/entreprises/besoins/",
    "/clauses/operations/",
    "/clauses/lots/",
    "/clauses/participants/",
    "/clauses/declarations/",
    "/offres/",
    "/offres/candidats/",
    "/offres/candidatures/",
    "/marches-publics/marches/",
    "/referentiels/",
    "/territoires/communes/",
]
DASHBOARDS = ["/", "/clauses/", "/entreprises/synthese/", "/marches-publics/", "/clauses/bilans/", "/observatoire/"]
DETAIL = re.compile(
    r'href="(/(?:comptes/organisations|entreprises|clauses/(?:operations|lots|participants)'
    r'|offres(?:/candidats)?|marches-publics/marches)/\d+/)"'
)
TARGETS = {"p95_ms": 300, "rps": 100, "errors": 0}
BASELINE = "gunicorn 2×2, debug settings, 20 readers: 14 req/s, p50 0.24–1.8 s, p95 3.2–4.0 s, 0 errors"


class Session:
    """One browser-like session: its own cookies (kept by hand: the server marks them Secure)."""

    def __init__(self, client: httpx.AsyncClient, base: str, email: str):
        self.client, self.base, self.email = client, base, email
        self.cookies: dict[str, str] = {}
        netloc = urlsplit(base).netloc
        self.origin = f"https://{netloc}"

    def _headers(self, extra=None):
        headers = {"X-Forwarded-Proto": "https", "Origin": self.origin, "Referer": self.origin + "/"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.update(extra or {})
        return headers

    def _keep(self, response):
        for header in response.headers.get_list("set-cookie"):
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    async def get(self, path):
        response = await self.client.get(self.base + path, headers=self._headers())
        self._keep(response)
        return response

    async def post(self, path, data):
        data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        response = await self.client.post(self.base + path, data=data, headers=self._headers())
        self._keep(response)
        return response

    async def login(self):
        await self.get("/comptes/connexion/")
        response = await self.post("/comptes/connexion/", {"username": self.email, "password": PASSWORD})
        if response.status_code != 302:
            raise SystemExit(f"Connexion impossible pour {self.email} ({response.status_code}).")


async def discover(session: Session) -> dict[str, list[str]]:
    """The pages this role may open (200), and detail links found on them."""
    plan: dict[str, list[str]] = {"liste": [], "tableau de bord": [], "détail": [], "export": [], "écriture": []}
    details: set[str] = set()
    for path in LISTS:
        response = await session.get(path)
        if response.status_code == 200:
            plan["liste"].append(path)
            details.update(DETAIL.findall(response.text)[:15])
            if "?export=csv" in response.text or 'href="?export=csv' in response.text:
                plan["export"].append(path + "?export=csv")
    for path in DASHBOARDS:
        if (await session.get(path)).status_code == 200:
            plan["tableau de bord"].append(path)
    for path in sorted(details)[:40]:
        if (await session.get(path)).status_code == 200:
            plan["détail"].append(path)
    space = await session.get("/clauses/espace-entreprise/")
    if space.status_code == 200:
        plan["écriture"] += [
            f"declare:{p}" for p in set(re.findall(r'href="(/clauses/espace-entreprise/lots/\d+/)"', space.text))
        ]
    if "/clauses/declarations/" in plan["liste"]:
        plan["écriture"].append("validate:/clauses/declarations/")
    return plan


async def write(session: Session, action: str):
    kind, _, path = action.partition(":")
    page = await session.get(path)
    if kind == "declare":
        contracts = re.findall(r'<option value="(\d+)"', page.text)
        if not contracts:
            return page
        month = date.today().replace(day=1).isoformat()[:7]
        data = {"contract": random.choice(contracts), "month": month, "hours": str(random.randint(1, 20))}
        return await session.post(path, data)
    targets = re.findall(r'action="(/clauses/declarations/\d+/valider/)"', page.text)
    if not targets:
        return page
    return await session.post(random.choice(targets), {})


WEIGHTS = {"liste": 40, "tableau de bord": 20, "détail": 30, "export": 4, "écriture": 6, "chemin": 1}


async def run_session(session, plan, deadline, results, max_requests, interval=0.0):
    """``interval``: mean seconds between the starts of two requests of this session (0: no pause)."""
    groups = [g for g in WEIGHTS if plan.get(g)]
    weights = [WEIGHTS[g] for g in groups]
    while time.monotonic() < deadline and results["count"] < max_requests:
        if interval:
            await asyncio.sleep(random.expovariate(1 / interval))
        group = random.choices(groups, weights)[0]
        target = random.choice(plan[group])
        start = time.perf_counter()
        try:
            response = await (write(session, target) if group == "écriture" else session.get(target))
            ok = response.status_code < 400
            status = response.status_code
        except httpx.HTTPError as error:
            ok, status = False, type(error).__name__
        elapsed = (time.perf_counter() - start) * 1000
        results["count"] += 1
        results[group].append(elapsed)
        if not ok:
            results["errors"].append((group, target, status))


def fixed_plan(paths: list[str]) -> dict[str, list[str]]:
    plan = {group: [] for group in WEIGHTS}
    plan["chemin"] = list(paths)
    return plan


def _process_cpu(pid: str) -> tuple[str, float] | None:
    """Command line and CPU seconds (user + system) of one process, or None if it is gone."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            command = f.read().replace(b"\0", b" ").decode(errors="replace")
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime + stime, plus cutime + cstime: the children it has reaped (gunicorn's recycled workers,
    # PostgreSQL's ended backends) are counted in their parent.
    return command, sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def cpu_by_group() -> dict[str, float]:
    """CPU seconds used so far by the processes alive now and the children they reaped, by group. This
    generator counts through ``getrusage`` (its child, the server's master, is read from ``/proc``)."""
    if not os.path.isdir("/proc/self"):
        return {}
    groups: dict[str, float] = defaultdict(float)
    me = str(os.getpid())
    for pid in filter(str.isdigit, os.listdir("/proc")):
        found = _process_cpu(pid) if pid != me else None
        if found is None:
            continue
        command, seconds = found
        group = next((g for g in ("gunicorn", "postgres", "redis") if g in command), "autres")
        groups[group] += seconds
    usage = resource.getrusage(resource.RUSAGE_SELF)
    groups["générateur (ce banc)"] = usage.ru_utime + usage.ru_stime
    return dict(groups)


def start_server(port: int, workers: int, threads: int) -> subprocess.Popen:
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        raise SystemExit("DATABASE_URL doit désigner une base PostgreSQL (données de démonstration chargées).")
    var = Path(tempfile.mkdtemp(prefix="maillage-bench-"))
    env = {
        **os.environ,
        "MAILLAGE_ENV": "production",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
        "MAILLAGE_VAR_DIR": os.environ.get("MAILLAGE_VAR_DIR", str(var)),
        "STATIC_ROOT": str(var / "static"),
        "AXES_FAILURE_LIMIT": "1000",
        "LOG_LEVEL": "WARNING",
        "API_USER_RATE": "100000/hour",
    }
    python = sys.executable
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    # The production configuration (config/gunicorn.py), its access log in a file beside the bench's data.
    env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS=str(workers), GUNICORN_THREADS=str(threads))
    command = [
        python, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi",
        "--access-logfile", str(var / "access.log"), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    for _ in range(120):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}).status_code:
                return server
        except httpx.HTTPError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("Le serveur n'a pas démarré.")


def percentile(values, q):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def main_async(args):
    base = args.url.rstrip("/")
    limits = httpx.Limits(max_connections=args.sessions, max_keepalive_connections=args.sessions)
    async with httpx.AsyncClient(timeout=30, limits=limits, follow_redirects=False) as client:
        sessions = [Session(client, base, ROLES[i % len(ROLES)]) for i in range(args.sessions)]
        for session in sessions:
            await session.login()
        plans = {}
        for session in sessions:
            if session.email not in plans:
                plans[session.email] = fixed_plan(args.path) if args.path else await discover(session)
        print(f"{args.sessions} sessions connectées ({len(plans)} rôles) ; mesure pendant {args.duration} s…")
        results = defaultdict(list)
        results["count"] = 0
        started = time.monotonic()
        cpu_before = cpu_by_group()
        deadline = started + args.duration
        interval = args.sessions / args.rate if args.rate else 0.0
        await asyncio.gather(
            *(run_session(s, plans[s.email], deadline, results, args.max_requests, interval) for s in sessions)
        )
        wall = time.monotonic() - started
        results["cpu"] = {k: v - cpu_before.get(k, 0.0) for k, v in cpu_by_group().items()}
    return results, wall


def report(results, wall, args):
    total = results["count"]
    print()
    print(f"{'groupe':<16}{'requêtes':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  cible p95")
    for group in WEIGHTS:
        values = results[group]
        if not values:
            continue
        target = f"< {TARGETS['p95_ms']} ms" if group in {"liste", "tableau de bord"} else "–"
        print(
            f"{group:<16}{len(values):>9}{statistics.median(values):>9.0f}{percentile(values, 0.95):>9.0f}"
            f"{max(values):>9.0f}  {target}"
        )
    rps = total / wall if wall else 0
    print()
    print(f"débit : {rps:.1f} requêtes/s (cible ≥ {TARGETS['rps']}) ; {total} requêtes en {wall:.0f} s")
    print(f"erreurs : {len(results['errors'])} (cible {TARGETS['errors']})")
    for group, target, status in results["errors"][:10]:
        print(f"  {group} {target} → {status}")
    cpu = results.get("cpu") or {}
    if cpu and total:
        available = wall * (os.cpu_count() or 1)
        print(f"CPU pendant la mesure ({os.cpu_count()} cœurs, {available:.0f} s disponibles) :")
        for group, seconds in sorted(cpu.items(), key=lambda item: -item[1]):
            share, per_request = 100 * seconds / available, 1000 * seconds / total
            print(f"  {group:<22}{seconds:>7.1f} s  {share:>5.1f} %  {per_request:>6.1f} ms/requête")
    print(f"référence (issue #9) : {BASELINE}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="secondes de mesure (300 au plus)")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--url", default="", help="un serveur déjà lancé, sur cette machine")
    parser.add_argument("--port", type=int, default=8190)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--path", action="append", default=[], help="cette page seulement (répétable)")
    parser.add_argument(
        "--rate", type=float, default=0, help="requêtes/s visées en tout : chaque session pense en moyenne sessions/R s"
    )
    args = parser.parse_args()
    args.duration = max(5, min(args.duration, 300))
    random.seed(args.seed)
    server = None
    if args.url:
        if urlsplit(args.url).hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise SystemExit("Banc local seulement : --url doit désigner 127.0.0.1 ou localhost.")
    else:
        server = start_server(args.port, args.workers, args.threads)
        args.url = f"http://127.0.0.1:{args.port}"
    try:
        results, wall = asyncio.run(main_async(args))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    print(f"serveur : gunicorn {args.workers} workers × {args.threads} threads, réglages de production, "
          f"PostgreSQL, cache Redis ; {args.sessions} sessions"
          + (f", rythmées à {args.rate:g} requêtes/s en tout" if args.rate else ", sans pause"))  # fmt: skip
    report(results, wall, args)


if __name__ == "__main__":
    main()
