"""Reads of the social-clauses module: progress, bilans, consolidation, coordination (SQL aggregations)."""

from .bilans import (
    AGE_BANDS,
    AMOUNT_BANDS,
    Bilan,
    BilanScope,
    available_years,
    bilan,
    bilan_scope,
    territory_choices,
)
from .counting import counted_hours
from .progress import dashboard, home_figures, progress_rows

__all__ = [
    "AGE_BANDS",
    "AMOUNT_BANDS",
    "Bilan",
    "BilanScope",
    "bilan_scope",
    "available_years",
    "bilan",
    "counted_hours",
    "dashboard",
    "territory_choices",
    "progress_rows",
    "home_figures",
]
