"""Writes of the social-clauses module (one function per use case, transactional)."""

from .hours import record_statement, reject_statement, validate_statement
from .markets import (
    assign_counting_rule,
    close_operation,
    create_market_from_contract,
    find_or_create_organisation,
    reassign_counting_rules,
    remove_lot_company,
    save_counting_rule,
    save_lot,
    save_market,
    save_operation,
    set_lot_clause,
    set_lot_company,
)
from .participants import (
    create_contract,
    find_or_create_participant,
    is_eligible_on,
    possible_duplicates,
    record_outcome,
    update_participant,
    validate_eligibility,
)
from .sizing import Sizing, compute_target_hours, presets_for, rebuild_schedule, size_lot, sizing_from_preset

__all__ = [
    "Sizing",
    "assign_counting_rule",
    "close_operation",
    "compute_target_hours",
    "create_contract",
    "create_market_from_contract",
    "find_or_create_organisation",
    "find_or_create_participant",
    "is_eligible_on",
    "possible_duplicates",
    "presets_for",
    "reassign_counting_rules",
    "rebuild_schedule",
    "record_outcome",
    "record_statement",
    "reject_statement",
    "remove_lot_company",
    "save_counting_rule",
    "save_lot",
    "save_market",
    "save_operation",
    "set_lot_clause",
    "set_lot_company",
    "size_lot",
    "sizing_from_preset",
    "update_participant",
    "validate_eligibility",
    "validate_statement",
]
