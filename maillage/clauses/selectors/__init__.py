"""Reads of the social-clauses module: progress, bilans, consolidation, coordination (SQL aggregations)."""

from .bilans import (
    AGE_BANDS,
    Bilan,
    BilanScope,
    amount_bands,
    available_years,
    bilan,
    bilan_scope,
    territory_choices,
)
from .counting import counted_hours
from .national import National, national
from .progress import dashboard, home_figures, progress_rows

__all__ = [
    "AGE_BANDS",
    "amount_bands",
    "National",
    "national",
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
