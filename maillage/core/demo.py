"""The demo territory: each module seeds its own part, in dependency order.

Every ``seed`` is idempotent and deterministic (seeded random generators), so ``make run`` can be
re-run safely and every machine shows the same demo.
"""

from maillage.kernel import plugins

from .hooks import provided

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
    for name, module in provided(DEMO_MODULES):
        module.seed(stdout=stdout)
        seeded.append(name)
    for spec in plugins.demo_order():
        spec.hook("demo")(stdout=stdout)
        seeded.append(spec.demo)
    return seeded
