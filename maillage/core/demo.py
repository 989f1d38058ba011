"""The demo territory: each module seeds its own part (its ``demo`` hook), in dependency order.

Every seed is idempotent and deterministic (seeded random generators), so ``make run`` can be
re-run safely and every machine shows the same demo.
"""

from maillage.kernel import plugins


def run(stdout=None) -> list[str]:
    seeded = []
    for spec in plugins.demo_order():
        spec.hook("demo")(stdout=stdout)
        seeded.append(spec.demo)
    return seeded
