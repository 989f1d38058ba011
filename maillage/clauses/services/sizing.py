"""The sizing calculator: target insertion hours of a lot and their monthly schedule."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from ..dates import add_months  # noqa: F401  (re-exported for the services)
from ..models import Lot, ScheduleStep, SizingMethod, SizingPreset
from ..models.limits import (
    MAX_AMOUNT,
    MAX_EUROS_PER_HOUR,
    MAX_HOURLY_COST,
    MAX_PERCENT,
    MAX_TARGET_HOURS,
    fr_number,
)

HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Sizing:
    method: str
    amount: Decimal | None = None
    labour_share: Decimal | None = None
    insertion_rate: Decimal | None = None
    hourly_cost: Decimal | None = None
    euros_per_hour: Decimal | None = None
    manual_hours: Decimal | None = None


def _check_bounds(sizing: Sizing) -> None:
    """Every input within its bounds (the same as the model's), with a French message per field."""
    bounds = {
        "amount": (Decimal("0"), MAX_AMOUNT, "Le montant"),
        "labour_share": (Decimal("0"), MAX_PERCENT, "La part de main-d'œuvre"),
        "insertion_rate": (Decimal("0"), MAX_PERCENT, "Le taux d'insertion"),
        "hourly_cost": (Decimal("1"), MAX_HOURLY_COST, "Le coût horaire"),
        "euros_per_hour": (Decimal("1"), MAX_EUROS_PER_HOUR, "Le ratio"),
        "manual_hours": (Decimal("0"), MAX_TARGET_HOURS, "Le nombre d'heures"),
    }
    errors = {}
    for name, (low, high, label) in bounds.items():
        value = getattr(sizing, name)
        if value is None:
            continue
        if not isinstance(value, Decimal) or not value.is_finite():
            errors[name] = f"{label} n'est pas un nombre."
        elif not low <= value <= high:
            errors[name] = f"{label} doit être compris entre {fr_number(low)} et {fr_number(high)}."
    if errors:
        raise ValidationError(errors)


def compute_target_hours(sizing: Sizing) -> Decimal:
    """Hours = amount × labour share × rate ÷ hourly cost, or amount ÷ € per hour (ratio), to the hour.

    Inputs and result are bounded: a target above ``MAX_TARGET_HOURS`` is refused, never stored.

    >>> compute_target_hours(Sizing("taux", Decimal(1_000_000), Decimal(50), Decimal(5), Decimal(30)))
    Decimal('833')
    """
    _check_bounds(sizing)
    hours = _raw_target_hours(sizing)
    if hours > MAX_TARGET_HOURS:
        ceiling = fr_number(MAX_TARGET_HOURS)
        message = f"Objectif invraisemblable ({fr_number(hours)}\u00a0h) : au plus {ceiling} heures par lot."
        raise ValidationError({"amount": message})
    return hours


def _raw_target_hours(sizing: Sizing) -> Decimal:
    if sizing.method == SizingMethod.MANUAL:
        if sizing.manual_hours is None or sizing.manual_hours < 0:
            raise ValidationError({"manual_hours": "Indiquez un nombre d'heures positif."})
        return sizing.manual_hours.quantize(Decimal("1"), ROUND_HALF_UP)
    if sizing.amount is None or sizing.amount <= 0:
        raise ValidationError({"amount": "Indiquez le montant HT du lot."})
    if sizing.method == SizingMethod.RATIO:
        if not sizing.euros_per_hour or sizing.euros_per_hour <= 0:
            raise ValidationError({"euros_per_hour": "Indiquez le montant facturé correspondant à une heure."})
        hours = sizing.amount / sizing.euros_per_hour
    else:
        missing = {
            name: label
            for name, label in (
                ("labour_share", "la part de main-d'œuvre"),
                ("insertion_rate", "le taux d'insertion"),
                ("hourly_cost", "le coût horaire"),
            )
            if getattr(sizing, name) is None
        }
        if missing:
            raise ValidationError({name: f"Indiquez {label}." for name, label in missing.items()})
        if sizing.hourly_cost <= 0:
            raise ValidationError({"hourly_cost": "Le coût horaire doit être positif."})
        hours = sizing.amount * sizing.labour_share / HUNDRED * sizing.insertion_rate / HUNDRED / sizing.hourly_cost
    return hours.quantize(Decimal("1"), ROUND_HALF_UP)


def feasibility_notes(hours: Decimal | None, *, duration_months: int | None = None, division: str = "") -> list[str]:
    """Warnings on the clause's feasibility (DOMAIN §2): enough hours, enough time, a labour-intensive market."""
    notes = []
    if hours is not None and hours < 70:
        notes.append(
            "Moins de 70 heures : regroupez des lots, ou préférez un critère social d'attribution ou un marché réservé."
        )
    if duration_months is not None and duration_months < 2:
        notes.append("Exécution de moins de 2 mois : un parcours d'insertion est difficile à y construire.")
    if division and division.isdigit() and (int(division) <= 44 or int(division) == 48):
        notes.append("Marché de fournitures : la part de main-d'œuvre sur le territoire est souvent faible.")
    return notes


def presets_for(cpv_code: str, epci_code: str | None = None, trade: str = "") -> list[SizingPreset]:
    """Presets of the lot's CPV code, the most specific first: the longest CPV group the code starts with
    (painting 4544… is not structural works 45223…), then the trade asked for, then the division's other
    trades (the facilitator may pick one); a territory's own preset replaces the default of the same trade."""
    code = "".join(ch for ch in (cpv_code or "") if ch.isdigit())
    division = code[:2]
    presets = SizingPreset.objects.filter(cpv_division=division).select_related("epci")
    by_trade: dict[str, SizingPreset] = {}
    for preset in presets.order_by("trade"):
        if preset.epci_id is None:
            by_trade.setdefault(preset.trade, preset)
        elif preset.epci_id == epci_code:
            by_trade[preset.trade] = preset

    def specificity(preset: SizingPreset):
        prefix = preset.cpv_prefix or preset.cpv_division
        # Groups the code belongs to, longest first; then the trade asked for; other trades of the division last.
        return (not code.startswith(prefix), -len(prefix), preset.trade != trade, preset.trade)

    return sorted(by_trade.values(), key=specificity)


def sizing_from_preset(preset: SizingPreset, amount: Decimal | None) -> Sizing:
    return Sizing(
        method=preset.method,
        amount=amount,
        labour_share=preset.labour_share,
        insertion_rate=preset.insertion_rate,
        hourly_cost=preset.hourly_cost,
        euros_per_hour=preset.euros_per_hour,
    )


def month_start(day: date) -> date:
    return day.replace(day=1)


def schedule_months(lot: Lot) -> list[date]:
    if not lot.start_on:
        return []
    start = month_start(lot.start_on)
    if lot.end_on:
        end = month_start(lot.end_on)
    elif lot.duration_months:
        end = month_start(add_months(start, lot.duration_months - 1))
    else:
        return []
    months = []
    current = start
    while current <= end and len(months) < 240:
        months.append(current)
        current = add_months(current, 1)
    return months


def linear_schedule(target: Decimal, months: list[date]) -> list[tuple[date, Decimal]]:
    """Cumulative hours due at the end of each month, spread evenly; the last month reaches the target."""
    if not months:
        return []
    count = len(months)
    steps = []
    for index, month in enumerate(months, start=1):
        cumulative = (target * index / count).quantize(Decimal("0.01"), ROUND_HALF_UP)
        steps.append((month, cumulative))
    return steps


@transaction.atomic
def size_lot(actor, lot: Lot, sizing: Sizing) -> Lot:
    """Store the calculator's result and the monthly schedule on the lot."""
    from .closing import ensure_open

    ensure_open(lot)
    lot.target_hours = compute_target_hours(sizing)
    lot.sizing_method = sizing.method
    lot.labour_share = sizing.labour_share if sizing.method == SizingMethod.RATE else None
    lot.insertion_rate = sizing.insertion_rate if sizing.method == SizingMethod.RATE else None
    lot.hourly_cost = sizing.hourly_cost if sizing.method == SizingMethod.RATE else None
    lot.euros_per_hour = sizing.euros_per_hour if sizing.method == SizingMethod.RATIO else None
    if sizing.amount is not None:
        lot.amount = sizing.amount
    lot.save()
    rebuild_schedule(lot)
    return lot


def rebuild_schedule(lot: Lot) -> None:
    ScheduleStep.objects.filter(lot=lot).delete()
    ScheduleStep.objects.bulk_create(
        ScheduleStep(lot=lot, month=month, cumulative_hours=hours)
        for month, hours in linear_schedule(lot.target_hours, schedule_months(lot))
    )


@transaction.atomic
def set_schedule(actor, lot: Lot, steps: list[tuple[date, Decimal]]) -> None:
    """Replace the lot's schedule by the facilitator's own (a phased building site is rarely linear).

    Cumulative hours must never decrease and must reach the lot's target in the last month.
    """
    from .closing import ensure_open

    ensure_open(lot)
    if not steps:
        raise ValidationError("Le calendrier est vide.")
    steps = sorted(steps)
    previous = Decimal("0")
    for month, hours in steps:
        if hours < previous:
            raise ValidationError(
                f"{month:%m/%Y} : le cumul ne peut pas baisser "
                f"({fr_number(hours)}\u00a0h après {fr_number(previous)}\u00a0h)."
            )
        previous = hours
    if previous != lot.target_hours:
        raise ValidationError(
            f"Le dernier mois doit atteindre l'objectif du lot ({fr_number(lot.target_hours)}\u00a0h), "
            f"et non {fr_number(previous)}\u00a0h."
        )
    ScheduleStep.objects.filter(lot=lot).delete()
    ScheduleStep.objects.bulk_create(ScheduleStep(lot=lot, month=m, cumulative_hours=h) for m, h in steps)
