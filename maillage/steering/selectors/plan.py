"""Reads of the action plan: the indicators' actual values fed by the modules, funding and shares.

Actual values are never stored: each is computed by the module that declares the indicator
(``plugins.all_indicators()``), with the scope the action chose (period, EPCI, funder).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce

from maillage.common_text import long_date
from maillage.kernel import plugins
from maillage.kernel.plugins import Indicator, IndicatorScope

from ..models import (
    STATE_SHARE_LIMIT,
    Action,
    ActionIndicator,
    Axis,
    FollowUpAction,
    FollowUpStatus,
    FunderKind,
    FundingLine,
    Milestone,
    TimeEntry,
)

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))


def catalogue() -> dict[str, Indicator]:
    """Every indicator the installed modules declare, by key."""
    return plugins.all_indicators()


def indicator_choices() -> list[tuple[str, str]]:
    return sorted(((key, f"{ind.label} ({ind.unit})") for key, ind in catalogue().items()), key=lambda c: c[1])


def scope_of(picked: ActionIndicator, year: int) -> IndicatorScope:
    codes = tuple(sorted(e.code for e in picked.epcis.all()))
    return IndicatorScope(
        start=picked.start or date(year, 1, 1),
        end=picked.end or date(year, 12, 31),
        epci_codes=codes,
        # The funder's filter speaks the base's language: the funder's organisation (``accounts``), which
        # every module knows, not the steering module's own ``Funder`` row.
        funder_id=picked.funder.organisation_id if picked.funder_id else None,
    )


@dataclass
class IndicatorValue:
    key: str
    label: str
    unit: str
    target: Decimal | None
    actual: int | float | Decimal | None  # None: the module providing it is not installed
    scope: IndicatorScope

    @property
    def available(self) -> bool:
        return self.actual is not None

    @property
    def rate(self) -> int | None:
        if self.actual is None or not self.target:
            return None
        return round(100 * float(self.actual) / float(self.target))

    @property
    def scope_label(self) -> str:
        period = f"du {long_date(self.scope.start)} au {long_date(self.scope.end)}"
        where = f", {len(self.scope.epci_codes)} EPCI" if self.scope.epci_codes else ""
        return period + where


def compute(picked: ActionIndicator, year: int, indicators: dict[str, Indicator] | None = None) -> IndicatorValue:
    indicators = catalogue() if indicators is None else indicators
    indicator = indicators.get(picked.indicator_key)
    scope = scope_of(picked, year)
    if indicator is None:
        return IndicatorValue(picked.indicator_key, picked.indicator_key, "", picked.target, None, scope)
    return IndicatorValue(
        picked.indicator_key, indicator.label, indicator.unit, picked.target, indicator.compute(scope), scope
    )


def actions_of_year(year: int):
    return (
        Action.objects.filter(year=year)
        .select_related("axis", "owner")
        .prefetch_related(
            "partners",
            Prefetch("indicators", queryset=ActionIndicator.objects.select_related("funder").prefetch_related("epcis")),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on")),
        )
        .annotate(
            staff_hours=Coalesce(
                Sum("time_entries__hours"),
                Value(Decimal("0"), output_field=DecimalField(max_digits=10, decimal_places=2)),
            )
        )
    )


@dataclass
class PlanAction:
    action: Action
    indicators: list[IndicatorValue]


@dataclass
class PlanAxis:
    axis: Axis
    actions: list[PlanAction]


def plan(year: int) -> list[PlanAxis]:
    """The action plan of a year, axis by axis, each action with its indicators computed by the modules."""
    indicators = catalogue()
    by_axis: dict[int, PlanAxis] = {axis.pk: PlanAxis(axis, []) for axis in Axis.objects.all()}
    for action in actions_of_year(year):
        values = [compute(picked, year, indicators) for picked in action.indicators.all()]
        by_axis[action.axis_id].actions.append(PlanAction(action, values))
    return [entry for entry in by_axis.values() if entry.actions]


def action_detail(action: Action) -> PlanAction:
    indicators = catalogue()
    picked = action.indicators.prefetch_related("epcis")
    return PlanAction(action, [compute(p, action.year, indicators) for p in picked])


def staff_hours(action: Action) -> Decimal:
    return action.time_entries.aggregate(total=Coalesce(Sum("hours"), ZERO))["total"]


# --- Funding ---


@dataclass
class FundingSummary:
    year: int
    budget: Decimal
    actual: Decimal
    state_budget: Decimal
    by_funder: list[dict]

    @property
    def state_share(self) -> Decimal | None:
        if not self.budget:
            return None
        return (self.state_budget / self.budget).quantize(Decimal("0.0001"))

    @property
    def state_share_percent(self) -> float | None:
        share = self.state_share
        return None if share is None else round(float(share) * 100, 1)

    @property
    def state_over_limit(self) -> bool:
        """DOMAIN.md §1: the State funds at most 60 % of the MDE's budget."""
        return bool(self.budget) and self.state_budget > self.budget * STATE_SHARE_LIMIT


def funding_summary(year: int) -> FundingSummary:
    lines = FundingLine.objects.filter(year=year)
    totals = lines.aggregate(
        total_budget=Coalesce(Sum("budget"), ZERO),
        total_actual=Coalesce(Sum("actual"), ZERO),
        state_budget=Coalesce(Sum("budget", filter=Q(funder__kind=FunderKind.STATE)), ZERO),
    )
    by_funder = list(
        lines.values("funder_id", "funder__name", "funder__kind")
        .annotate(budget=Sum("budget"), actual=Sum("actual"), actions=Count("action_id", distinct=True))
        .order_by("funder__kind", "funder__name")
    )
    kinds = dict(FunderKind.choices)
    for row in by_funder:
        row["kind_label"] = kinds.get(row["funder__kind"], row["funder__kind"])
        row["share"] = (
            round(100 * float(row["budget"]) / float(totals["total_budget"]), 1) if totals["total_budget"] else None
        )
    return FundingSummary(year, totals["total_budget"], totals["total_actual"], totals["state_budget"], by_funder)


def funding_lines(year: int):
    return FundingLine.objects.filter(year=year).select_related("action__axis", "funder")


def justification_rows(funder_id: int, year: int) -> list[dict]:
    """Per action funded by ``funder_id`` in ``year``: the funder's line, staff time and cost, outputs.

    Outputs are the action's indicators computed by the modules with the funder's filter applied.
    """
    indicators = catalogue()
    rows = []
    lines = (
        FundingLine.objects.filter(funder_id=funder_id, year=year)
        .select_related("action__axis", "funder")
        .order_by("action__axis__order", "action__title")
    )
    for line in lines:
        action = line.action
        time = TimeEntry.objects.filter(action=action, month__year=year).aggregate(
            staff_hours=Coalesce(Sum("hours"), ZERO),
            staff_cost=Coalesce(
                Sum(F("hours") * F("hourly_cost"), output_field=DecimalField(max_digits=14, decimal_places=2)), ZERO
            ),
        )
        total_budget = FundingLine.objects.filter(action=action, year=year).aggregate(
            total=Coalesce(Sum("budget"), ZERO)
        )["total"]
        outputs = []
        for picked in action.indicators.prefetch_related("epcis"):
            value = compute(picked, year, indicators)
            outputs.append(f"{value.label} : {_plain(value.actual)} {value.unit}".strip())
        rows.append(
            {
                "axis": str(action.axis),
                "action": action.title,
                "budget": line.budget,
                "actual": line.actual,
                "cofinancing_rate": line.cofinancing_rate,
                "action_budget": total_budget,
                "share": round(100 * float(line.budget) / float(total_budget), 1) if total_budget else None,
                "staff_hours": time["staff_hours"],
                "staff_cost": time["staff_cost"].quantize(Decimal("0.01")),
                "outputs": " ; ".join(outputs),
            }
        )
    return rows


def _plain(value) -> str:
    if value is None:
        return "indisponible"
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",")
    return f"{value:,}".replace(",", " ")


# --- Follow-up of committee decisions ---


def open_follow_ups():
    return (
        FollowUpAction.objects.exclude(status=FollowUpStatus.DONE)
        .select_related("decision__meeting__committee", "owner")
        .order_by("due_on", "pk")
    )


def available_years() -> list[int]:
    years = set(Action.objects.values_list("year", flat=True).distinct())
    years.add(date.today().year)
    return sorted(years, reverse=True)
