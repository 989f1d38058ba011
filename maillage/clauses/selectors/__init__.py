"""Reads of the social-clauses module: progress, bilans, consolidation, coordination (SQL aggregations)."""

from .bilans import AGE_BANDS, AMOUNT_BANDS, Bilan, BilanScope, available_years, bilan, territory_choices
from .counting import counted_hours
from .progress import dashboard, lot_rows, with_progress

__all__ = [
    "AGE_BANDS",
    "AMOUNT_BANDS",
    "Bilan",
    "BilanScope",
    "available_years",
    "bilan",
    "counted_hours",
    "dashboard",
    "lot_rows",
    "territory_choices",
    "with_progress",
]
