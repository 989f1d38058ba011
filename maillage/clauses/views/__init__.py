"""Pages of the social-clauses module (thin: policies decide, services write, selectors read)."""

from .coordination import catalogue_form, catalogue_list, coverage, coverage_form, coverage_geojson
from .dashboard import dashboard
from .hours import company_lot, company_space, lot_hours, statement_queue, statement_reject, statement_validate
from .imports import import_confirm, import_preview, import_upload
from .operations import (
    lot_clause,
    lot_company,
    lot_detail,
    lot_form,
    lot_list,
    market_detail,
    market_form,
    operation_detail,
    operation_follow,
    operation_form,
    operation_list,
    sizing,
)
from .participants import (
    contract_add,
    eligibility_add,
    outcome_add,
    participant_attach,
    participant_create,
    participant_detail,
    participant_edit,
    participant_list,
)
from .reports import attestation, bilan_year, consolidation, operation_bilan, outcomes_due

__all__ = [
    "attestation",
    "bilan_year",
    "catalogue_form",
    "catalogue_list",
    "company_lot",
    "company_space",
    "consolidation",
    "contract_add",
    "coverage",
    "coverage_form",
    "coverage_geojson",
    "dashboard",
    "eligibility_add",
    "import_confirm",
    "import_preview",
    "import_upload",
    "lot_clause",
    "lot_company",
    "lot_detail",
    "lot_form",
    "lot_hours",
    "lot_list",
    "market_detail",
    "market_form",
    "operation_bilan",
    "operation_detail",
    "operation_follow",
    "operation_form",
    "operation_list",
    "outcome_add",
    "outcomes_due",
    "participant_attach",
    "participant_create",
    "participant_detail",
    "participant_edit",
    "participant_list",
    "sizing",
    "statement_queue",
    "statement_reject",
    "statement_validate",
]
