"""Figures of the yearly activity report to the State and of the public dashboard.

``report_figures`` is the one source of the report's page, PDF and XLSX, so they show the same
numbers. The public dashboard shows no personal data and applies statistical secrecy: a count of
people (or of hires) between 1 and ``STEERING_SECRECY_THRESHOLD - 1`` is masked.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q

from maillage.kernel import mde
from maillage.kernel.plugins import IndicatorScope
from maillage.territories.selectors import epci_outlines

from ..models import ActionIndicator, AxisKind, FseParticipant, Outcome, ProgrammeParticipant
from . import fse as fse_selectors
from . import plan as plan_selectors

PERSON_UNITS = {"personnes", "participants", "embauches", "emplois"}
AXIS_SECTIONS = [
    (AxisKind.STATE_1, "axis1_text"),
    (AxisKind.STATE_2, "axis2_text"),
    (AxisKind.LOCAL, "local_text"),
]


def _number(value):
    """JSON-friendly numbers (the validated report is frozen as JSON)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value) if value % 1 else int(value)
    return value


def report_figures(year: int) -> dict:
    """The figures of the yearly report: actions by axis with their indicators, funding, FSE+, programmes."""
    axes = []
    for entry in plan_selectors.plan(year):
        actions = []
        for item in entry.actions:
            action = item.action
            actions.append(
                {
                    "title": action.title,
                    "status": action.get_status_display(),
                    "owner": action.owner.get_full_name()
                    if action.owner and hasattr(action.owner, "get_full_name")
                    else "",
                    "partners": [p.name for p in action.partners.all()],
                    "staff_hours": _number(action.staff_hours),
                    "indicators": [
                        {
                            "key": value.key,
                            "label": value.label,
                            "unit": value.unit,
                            "target": _number(value.target),
                            "actual": _number(value.actual),
                        }
                        for value in item.indicators
                    ],
                }
            )
        axes.append({"kind": entry.axis.kind, "code": entry.axis.code, "label": entry.axis.label, "actions": actions})
    funding = plan_selectors.funding_summary(year)
    start, end = date(year, 1, 1), date(year, 12, 31)
    fse = fse_selectors.common_indicators(start=start, end=end)
    programmes = ProgrammeParticipant.objects.filter(joined_on__lte=end).filter(
        Q(outcome_on__isnull=True) | Q(outcome_on__gte=start)
    )
    outcomes = programmes.aggregate(
        total=Count("pk"), **{value: Count("pk", filter=Q(outcome=value)) for value in Outcome.values}
    )
    return {
        "year": year,
        "axes": axes,
        "funding": {
            "budget": _number(funding.budget),
            "actual": _number(funding.actual),
            "state_share_percent": funding.state_share_percent,
            "state_over_limit": funding.state_over_limit,
            "by_funder": [
                {
                    "name": row["funder__name"],
                    "kind": row["kind_label"],
                    "budget": _number(row["budget"]),
                    "actual": _number(row["actual"]),
                    "share": row["share"],
                }
                for row in funding.by_funder
            ],
        },
        "fse": {
            "participants": next(r.total for r in fse["outputs"] if r.code == "EECO11"),
            "in_employment_at_exit": next(r.total for r in fse["results"] if r.code == "EECR04"),
            "in_employment_six_months": fse["longer_term"][0].total,
        },
        "programmes": {
            "participants": outcomes["total"],
            "outcomes": [[label, outcomes[value]] for value, label in Outcome.choices],
        },
    }


def report_sections(report, figures: dict) -> list[dict]:
    """The report's sections in order: the narrative of each axis beside its figures."""
    narrative = {kind: getattr(report, field) for kind, field in AXIS_SECTIONS}
    titles = dict(AxisKind.choices)
    sections = []
    for kind, _field in AXIS_SECTIONS:
        sections.append(
            {
                "title": titles[kind],
                "text": narrative[kind],
                "axes": [axis for axis in figures["axes"] if axis["kind"] == kind],
            }
        )
    return sections


def format_value(value) -> str:
    """One formatting for the page, the PDF and the XLSX-derived checks: « 1 234,5 » (narrow no-break space)."""
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")
    return f"{int(value):,}".replace(",", "\u202f")


# --- Public dashboard ---


def secrecy_threshold() -> int:
    return getattr(settings, "STEERING_SECRECY_THRESHOLD", 5)


def masked(value, unit: str):
    """Statistical secrecy: small counts of people are not published (``None`` means « secret »)."""
    if unit in PERSON_UNITS and value and 0 < value < secrecy_threshold():
        return None
    return value


def public_dashboard(year: int) -> dict:
    """Key figures of the year, for the whole perimeter and by EPCI, with small counts masked."""
    key = f"steering:public:{year}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    epcis = list(mde.perimeter_epcis().order_by("name"))
    outlines = epci_outlines(e.code for e in epcis)
    catalogue = plan_selectors.catalogue()
    # The key figures are those the year's plan follows (every declared indicator when it has none).
    followed = set(ActionIndicator.objects.filter(action__year=year).values_list("indicator_key", flat=True))
    if followed & set(catalogue):
        catalogue = {key: indicator for key, indicator in catalogue.items() if key in followed}
    start, end = date(year, 1, 1), date(year, 12, 31)
    figures = []
    for indicator_key, indicator in sorted(catalogue.items()):
        total = _number(indicator.compute(IndicatorScope(start=start, end=end)))
        by_epci = [
            masked(
                _number(indicator.compute(IndicatorScope(start=start, end=end, epci_codes=(e.code,)))), indicator.unit
            )
            for e in epcis
        ]
        figures.append(
            {
                "key": indicator_key,
                "label": indicator.label,
                "unit": indicator.unit,
                "total": masked(total, indicator.unit),
                "by_epci": by_epci,
            }
        )
    result = {
        "year": year,
        "epcis": [{"code": e.code, "name": e.name, "outline": outlines.get(e.code)} for e in epcis],
        "figures": figures,
        "threshold": secrecy_threshold(),
        "fse_participants": masked(
            FseParticipant.objects.filter(entry_date__gte=start, entry_date__lte=end).count(), "personnes"
        ),
    }
    cache.set(key, result, 600)
    return result
