"""Counting rules as SQL expressions: how many hours a stored statement counts for, computed at query time.

A statement's counted hours depend on the counting rule of its lot (the most specific rule of the
buyer or the territory, see ``services.markets.reassign_counting_rules``):

- hours actually paid count 1:1;
- sub-contracting / co-contracting with a SIAE: the declared hours, or the invoiced amount converted
  (amount × labour share ÷ hourly cost) when the rule says so;
- training hours are capped per person and month, across all their training contracts, when the rule sets
  a cap (each statement counts its share of the capped total);
- lasting contracts (CDI, CDD ≥ 6 months) get the rule's bonus.

Nothing here writes: changing a rule changes the totals, never the statements.
"""

from django.db.models import Case, F, FloatField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, Greatest, Least

from ..models import Modality, StatementStatus, SubcontractingMode
from ..models.catalogue import CentreHoursMode
from ..models.people import SUBCONTRACTING


def _f(path: str):
    return Cast(F(path), FloatField())


def _month_training_total(prefix: str):
    from ..models import HoursStatement

    total = (
        HoursStatement.objects.filter(
            participant_id=OuterRef(f"{prefix}participant_id"),
            month=OuterRef(f"{prefix}month"),
            status=StatementStatus.VALIDATED,
            contract__modality=Modality.TRAINING,
        )
        .values("participant_id")
        .annotate(total=Sum("hours"))
        .values("total")[:1]
    )
    return Cast(Coalesce(Subquery(total), Value(0)), FloatField())


def counted_hours(prefix: str = "", *, with_bonus: bool = True):
    """Expression of the counted hours of a statement reached through ``prefix`` (e.g. ``"statements__"``)."""
    p = prefix
    rule = f"{p}lot__counting_rule__"
    hours = _f(f"{p}hours")
    converted = (
        _f(f"{p}amount")
        * Coalesce(_f(rule + "conversion_labour_share"), Value(50.0))
        / Value(100.0)
        / Coalesce(_f(rule + "conversion_hourly_cost"), Value(30.0))
    )
    cap = _f(rule + "training_monthly_cap")
    centre = _f(f"{p}training_centre_hours")
    base = Case(
        When(
            Q(**{f"{p}contract__modality__in": list(SUBCONTRACTING)})
            & Q(**{rule + "subcontracting_mode": SubcontractingMode.CONVERTED})
            & Q(**{f"{p}amount__isnull": False}),
            then=converted,
        ),
        When(
            Q(**{f"{p}contract__modality": Modality.TRAINING}) & Q(**{rule + "training_monthly_cap__isnull": False}),
            # The cap holds per person and month across all their training contracts: each statement counts
            # its share of the capped total (hours × cap ÷ max(person's training hours of the month, cap)).
            then=hours * cap / Greatest(_month_training_total(p), cap),
        ),
        When(
            Q(**{f"{p}contract__modality__in": [Modality.APPRENTICESHIP, Modality.PROFESSIONALISATION]})
            & Q(**{f"{p}training_centre_hours__isnull": False})
            & Q(**{rule + "centre_hours_mode": CentreHoursMode.EXCLUDE}),
            then=hours - centre,
        ),
        When(
            Q(**{f"{p}contract__modality__in": [Modality.APPRENTICESHIP, Modality.PROFESSIONALISATION]})
            & Q(**{f"{p}training_centre_hours__isnull": False})
            & Q(**{rule + "centre_hours_mode": CentreHoursMode.CAP})
            & Q(**{rule + "centre_hours_cap__isnull": False}),
            then=hours - centre + Least(centre, _f(rule + "centre_hours_cap")),
        ),
        default=hours,
        output_field=FloatField(),
    )
    if not with_bonus:
        return base
    bonus = Case(
        When(
            Q(**{f"{p}contract__is_lasting": True}),
            then=Value(1.0) + Coalesce(_f(rule + "lasting_bonus_percent"), Value(0.0)) / Value(100.0),
        ),
        default=Value(1.0),
        output_field=FloatField(),
    )
    return base * bonus


def globalised(prefix: str = "") -> Q:
    """The one definition of globalised hours: a contract credited to another lot, on a worked lot whose rule
    allows globalisation. Such hours count for the credited lot everywhere (lot pages, bilans, exports)."""
    return Q(
        **{f"{prefix}contract__credited_lot__isnull": False, f"{prefix}lot__counting_rule__allow_globalisation": True}
    )


def effective_lot(prefix: str = ""):
    """The lot a statement's hours count for (the credited lot of globalised hours, else the worked lot)."""
    from django.db.models import IntegerField

    return Case(
        When(globalised(prefix), then=F(f"{prefix}contract__credited_lot_id")),
        default=F(f"{prefix}lot_id"),
        output_field=IntegerField(),
    )
