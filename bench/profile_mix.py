"""Server time of the load bench's mix, in-process: what one request of each group costs on average.

``bench/load.py`` measures the whole server under concurrency; this script replays its plan (the
pages each demo role may open, their details, exports) one request at a time with Django's test
client, so the cost of each page is seen without the noise of the queue. It prints, per group, the
mean Python (CPU) and SQL milliseconds, the weighted mean per request of the mix, and the ceiling
it puts on throughput for this machine (cores ÷ mean cost), the 20 costliest pages first.

    DATABASE_URL=postgres://…/maillage_bench .venv/bin/python bench/profile_mix.py [--top 20]
"""

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def plan_for(client, lists, dashboards, detail_re) -> dict[str, list[str]]:
    plan = {"liste": [], "tableau de bord": [], "détail": [], "export": []}
    details = set()
    for path in lists:
        response = client.get(path)
        if response.status_code == 200:
            plan["liste"].append(path)
            text = response.content.decode()
            details.update(detail_re.findall(text)[:15])
            if "?export=csv" in text:
                plan["export"].append(path + "?export=csv")
    plan["tableau de bord"] = [p for p in dashboards if client.get(p).status_code == 200]
    plan["détail"] = [p for p in sorted(details)[:40] if client.get(p).status_code == 200]
    return plan


def cost(client, path, connection, capture) -> tuple[float, float]:
    with capture(connection) as queries:
        cpu = time.process_time()
        client.get(path)
        cpu = (time.process_time() - cpu) * 1000
    sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    return cpu, sql


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from load import DASHBOARDS, DETAIL, LISTS, ROLES, WEIGHTS

    from maillage.accounts.models import User

    settings.ALLOWED_HOSTS = ["*"]
    per_group, per_group_cpu, per_page = defaultdict(list), defaultdict(list), {}
    for email in ROLES:
        client = Client()
        client.force_login(User.objects.get(email=email))
        plan = plan_for(client, LISTS, DASHBOARDS, DETAIL)
        for group, paths in plan.items():
            for path in paths:
                cpu, sql = cost(client, path, connection, CaptureQueriesContext)
                per_group[group].append(cpu + sql)
                per_group_cpu[group].append(cpu)
                per_page[(email.split("@")[0], path)] = (cpu, sql)
    weights = {g: WEIGHTS[g] for g in per_group if per_group[g]}
    print(f"{'groupe':<16}{'pages':>6}{'moyenne ms':>12}{'dont CPU':>10}{'max ms':>9}")
    for group, values in per_group.items():
        if values:
            cpu = statistics.mean(per_group_cpu[group])
            print(f"{group:<16}{len(values):>6}{statistics.mean(values):>12.1f}{cpu:>10.1f}{max(values):>9.0f}")
    mean = sum(weights[g] * statistics.mean(per_group[g]) for g in weights) / sum(weights.values())
    cores = os.cpu_count() or 1
    print(f"\ncoût moyen d'une requête du mélange : {mean:.1f} ms (CPU Python + SQL)")
    print(f"plafond de débit sur {cores} cœurs, générateur de charge non compté : {cores * 1000 / mean:.0f} requêtes/s")
    print(f"\n{'rôle':<22}{'page':<48}{'CPU ms':>8}{'SQL ms':>8}")
    costly = sorted(per_page.items(), key=lambda item: -sum(item[1]))[: args.top]
    for (role, path), (cpu, sql) in costly:
        print(f"{role:<22}{path[:47]:<48}{cpu:>8.0f}{sql:>8.0f}")


if __name__ == "__main__":
    main()
