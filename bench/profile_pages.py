"""Where the time of a page goes: queries and time per page, in-process, for each demo role.

Uses the database of ``DATABASE_URL`` (demo data loaded) and Django's test client; prints, per page,
the number of SQL queries, their total time and the page time; ``--profile PATH`` prints a
pyinstrument profile of one page.

    DATABASE_URL=postgres://…/maillage_bench .venv/bin/python bench/profile_pages.py [--profile /clauses/]
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="")
    parser.add_argument("--email", default="facilitateur@demo.maillage.fr")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    from maillage.accounts.models import User

    sys.path.insert(0, str(ROOT / "bench"))
    from load import DASHBOARDS, LISTS

    client = Client()
    client.force_login(User.objects.get(email=args.email))
    if args.profile:
        from pyinstrument import Profiler

        client.get(args.profile)
        profiler = Profiler()
        profiler.start()
        for _ in range(args.repeat):
            client.get(args.profile)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return
    print(f"{'page':<40}{'statut':>7}{'requêtes':>9}{'SQL ms':>8}{'page ms':>9}")
    for path in DASHBOARDS + LISTS:
        client.get(path)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - start) * 1000
        sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(f"{path:<40}{response.status_code:>7}{len(queries):>9}{sql:>8.0f}{elapsed:>9.0f}")


if __name__ == "__main__":
    main()
