"""Social-clauses demo: three years of activity in the Eure (27) demo territory.

Hundreds of operations (markets and lots sized with the territory's presets), thousands of participants
with their eligibility, contracts and monthly hours (mostly validated, the last month waiting for
validation, a few rejected), outcomes 6 months after, and the facilitators' coverage (the MDE and the
PLIE overlap on the core EPCI; two EPCIs are left uncovered).

Deterministic (``random.Random(27)``, dates anchored on the current month) and idempotent (does nothing
when the demo operations exist). Rows are written with ``bulk_create``: the whole seed loads in seconds.
The steps run in a fixed order, each drawing from the same generator: ``setting`` (organisations,
coverage, counting rules), ``operations`` (operations, markets, lots, schedules), ``people``
(participants, contracts, hours, eligibility, outcomes, closings), then ``declarations`` (the demo
company's monthly grid). Imported only by the demo hook.
"""

import random

from django.db import transaction

from maillage.territories.models import Commune

from ..models import Operation
from . import operations, people, setting
from .declarations import seed_company_grid
from .setting import MARKER, OPERATIONS, PERIMETER_EPCIS

__all__ = ["MARKER", "OPERATIONS", "PERIMETER_EPCIS", "seed"]


def _say(stdout, message):
    if stdout:
        stdout.write(f"  Clauses sociales : {message}")


def seed(stdout=None) -> None:
    if Operation.objects.filter(description__startswith=MARKER).exists():
        _say(stdout, "déjà chargées.")
        return
    communes = list(
        Commune.objects.filter(epci_id__in=PERIMETER_EPCIS)
        .order_by("-population")
        .values_list("code", "epci_id", "name")
    )
    if not communes:
        _say(stdout, "territoire de démonstration absent (lancez load_reference), rien à faire.")
        return
    with transaction.atomic():
        counts = _seed(random.Random(27), communes)
        counts["grid"] = seed_company_grid()
    _say(
        stdout,
        f"{counts['operations']} opérations, {counts['lots']} lots, {counts['participants']} participants, "
        f"{counts['contracts']} contrats, {counts['statements']} relevés mensuels, "
        f"{counts['grid']} déclarations de l'entreprise de démonstration en une grille.",
    )


def _seed(rng: random.Random, communes: list[tuple[str, str, str]]) -> dict:
    demo = setting.build(rng, communes)
    ops, follow = operations.create_operations(demo)
    lots = operations.create_lots(demo, ops)
    operations.plan_lots(demo, lots)
    participants = people.create_participants(demo)
    work = people.create_contracts(demo, lots, participants)
    people.create_eligibilities(demo, participants, work)
    statements = people.create_statements(demo, work, {f.operation_id: f.user_id for f in follow})
    people.create_outcomes(demo, work.contracts)
    people.close_finished_lots(demo)
    return {
        "operations": len(ops),
        "lots": len(lots),
        "participants": len(participants),
        "contracts": len(work.contracts),
        "statements": len(statements),
    }
