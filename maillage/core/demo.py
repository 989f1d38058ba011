"""The demo territory: each module seeds its own part, in dependency order.

Every ``seed`` is idempotent and deterministic (seeded random generators), so ``make run`` can be
re-run safely and every machine shows the same demo.
"""

import importlib

DEMO_MODULES = [
    "maillage.accounts.demo",
    "maillage.companies.demo",
    "maillage.clauses.demo",
    "maillage.procurement.demo",
    "maillage.jobs.demo",
    "maillage.reconversion.demo",
]


def run(stdout=None) -> list[str]:
    seeded = []
    for name in DEMO_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.seed(stdout=stdout)
        seeded.append(name)
    return seeded
