"""Permission matrix of the social clauses (see tests/matrix/__init__.py): lot A is company A's,
participant P is followed by the MDE; lot B (EPCI B) is company B's, participant Q is the PLIE's."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from maillage.clauses import services
from maillage.clauses.models import Coverage, ImportBatch, ShareRequest
from maillage.clauses.services.declarations import GridLine, declare_grid
from tests.clauses.factories import (
    ContractFactory,
    EligibilityFactory,
    LotFactory,
    MarketFactory,
    OperationFactory,
    ParticipantFactory,
    StatementFactory,
)
from tests.matrix import row


def build(world):
    facilitator, other = world.user("facilitator"), world.user("other_epci")
    world.operation = OperationFactory(name="Groupe scolaire", buyer=world.buyer_a, commune=world.commune_a)
    world.operation.followers.add(facilitator)
    world.market = MarketFactory(operation=world.operation)
    world.lot = LotFactory(market=world.market, commune=world.commune_a)
    services.assign_counting_rule(world.lot)
    services.rebuild_schedule(world.lot)
    services.set_lot_company(None, world.lot, world.company_a, "titulaire")
    world.participant = ParticipantFactory(structure=world.mde, created_by=facilitator)
    world.clause_contract = ContractFactory(lot=world.lot, employer=world.company_a, participant=world.participant)
    world.eligibility = EligibilityFactory(participant=world.participant)
    world.statement = StatementFactory(
        contract=world.clause_contract, month=date(2025, 4, 1), hours=Decimal("35"), status="declare"
    )
    StatementFactory(contract=world.clause_contract, month=date(2025, 3, 1), hours=Decimal("100"))
    far_operation = OperationFactory(name="Voirie", buyer=world.buyer_a, commune=world.commune_b)
    world.far_lot = LotFactory(market=MarketFactory(operation=far_operation), commune=world.commune_b)
    services.set_lot_company(None, world.far_lot, world.company_b, "titulaire")
    world.far_participant = ParticipantFactory(structure=world.plie, created_by=other)
    ContractFactory(lot=world.far_lot, employer=world.company_b, participant=world.far_participant)
    world.share = ShareRequest.objects.create(
        participant=world.participant,
        requested_by=other,
        requester_structure=world.plie,
        holder_structure=world.mde,
    )
    world.coverage = Coverage.objects.create(facilitator=facilitator, structure=world.mde)
    world.coverage.epcis.set([world.epci_a])
    world.batch = declare_grid(
        world.user("company"),
        [GridLine(world.clause_contract, Decimal("20"))],
        month=date(2025, 5, 1),
        proof=ContentFile(b"%PDF-1.4 bulletins", name="bulletins.pdf"),
    )
    world.import_batch = ImportBatch.objects.create(kind="participants", filename="p.csv", created_by=facilitator)


def grow(world):
    """Eight more operations, lots, people, contracts and statements (an N+1 would multiply queries)."""
    for _index in range(8):
        operation = OperationFactory(buyer=world.buyer_a, commune=world.commune_a)
        operation.followers.add(world.user("facilitator"))
        lot = LotFactory(market=MarketFactory(operation=operation), commune=world.commune_a)
        services.assign_counting_rule(lot)
        services.set_lot_company(None, lot, world.company_a, "titulaire")
        participant = ParticipantFactory(structure=world.mde, created_by=world.user("facilitator"))
        EligibilityFactory(participant=participant)
        contract = ContractFactory(lot=lot, employer=world.company_a, participant=participant)
        StatementFactory(contract=contract, month=date(2025, 3, 1), hours=Decimal("20"))
        StatementFactory(contract=contract, month=date(2025, 4, 1), hours=Decimal("10"), status="declare")


# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "clauses:dashboard": row({}, "302 200 200 302 302 302 302 302 302 200 403"),
    "clauses:operation_list": row({}, "302 200 200 200 200 200 200 200 200 200 403"),
    "clauses:operation_create": row({}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:operation_detail": row({"pk": "operation"}, "302 200 200 404 404 200 200 404 404 404 403"),
    "clauses:operation_edit": row({"pk": "operation"}, "302 200 200 403 403 403 403 403 403 404 403"),
    "clauses:operation_follow": row({"pk": "operation"}, "302 302 302 403 403 403 403 403 403 404 403", method="POST"),
    "clauses:operation_close": row({"pk": "operation"}, "302 200 200 403 403 403 403 403 403 404 403", method="POST"),
    "clauses:operation_bilan": row({"pk": "operation"}, "302 200 200 404 404 403 200 404 404 404 403"),
    "clauses:market_create": row({"operation_pk": "operation"}, "302 200 200 403 403 403 403 403 403 404 403"),
    "clauses:market_detail": row({"pk": "market"}, "302 200 200 404 404 200 200 404 404 404 403"),
    "clauses:market_edit": row({"pk": "market"}, "302 200 200 403 403 403 403 403 403 404 403"),
    "clauses:lot_create": row({"market_pk": "market"}, "302 200 200 403 403 403 403 403 403 404 403"),
    "clauses:lot_list": row({}, "302 200 200 200 200 200 200 200 200 200 403"),
    "clauses:lot_detail": row({"pk": "lot"}, "302 200 200 404 404 200 200 404 404 404 403"),
    "clauses:lot_candidates": row({"pk": "lot"}, "302 200 200 403 403 403 403 403 403 404 403"),
    "clauses:candidate_lots": row({"candidate_pk": "candidate"}, "302 200 200 200 200 404 404 404 404 404 200"),
    "clauses:company_autocomplete": row({}, "302 200 200 403 403 403 403 403 403 200 403", query="q=bat"),
    "clauses:lot_edit": row({"pk": "lot"}, "302 200 200 403 403 403 403 403 403 404 403"),
    "clauses:lot_sizing": row({"pk": "lot"}, "302 200 200 403 403 403 403 403 403 404 403"),
    "clauses:lot_company": row({"pk": "lot"}, "302 200 200 403 403 403 403 403 403 404 403", method="POST"),
    "clauses:lot_clause": row({"pk": "lot"}, "302 200 200 403 403 403 403 403 403 404 403", method="POST"),
    "clauses:lot_hours": row({"pk": "lot"}, "302 200 200 403 403 403 403 403 403 404 403"),
    "clauses:lot_amend": row({"pk": "lot"}, "302 200 200 403 403 403 403 403 403 404 403", method="POST"),
    "clauses:lot_framework": row({"pk": "lot"}, "302 200 200 403 403 403 403 403 403 404 403", method="POST"),
    "clauses:lot_reopen": row({"pk": "lot"}, "302 302 302 403 403 403 403 403 403 404 403", method="POST"),
    "clauses:lot_remind": row({"pk": "lot"}, "302 302 302 403 403 403 403 403 403 404 403", method="POST"),
    "clauses:lot_schedule": row({"pk": "lot"}, "302 200 200 403 403 403 403 403 403 404 403"),
    "clauses:attestation": row({"pk": "lot", "company_pk": "company_a"}, "302 200 200 404 404 200 200 404 404 404 403"),
    "clauses:sizing": row({}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:participant_list": row({}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:participant_create": row({}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:participant_detail": row({"pk": "participant"}, "302 200 200 403 403 403 403 403 403 403 403"),
    "clauses:participant_edit": row({"pk": "participant"}, "302 200 200 403 403 403 403 403 403 403 403"),
    "clauses:participant_attach": row({"pk": "participant"}, "302 302 302 403 403 403 403 403 403 200 403"),
    "clauses:participant_export": row({"pk": "participant"}, "302 200 200 403 403 403 403 403 403 403 403"),
    "clauses:eligibility_add": row({"pk": "participant"}, "302 200 200 403 403 403 403 403 403 403 403", method="POST"),
    "clauses:eligibility_proof": row({"pk": "eligibility"}, "302 404 404 403 403 403 403 403 403 403 403"),
    "clauses:contract_add": row({"pk": "participant"}, "302 200 200 403 403 403 403 403 403 403 403", method="POST"),
    "clauses:share_requests": row({}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:share_decide": row({"pk": "share"}, "302 302 302 403 403 403 403 403 403 403 403", method="POST"),
    "clauses:outcome_add": row({"pk": "participant"}, "302 200 200 403 403 403 403 403 403 403 403", method="POST"),
    "clauses:statement_queue": row({}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:statement_validate": row(
        {"pk": "statement"}, "302 302 302 403 403 403 403 403 403 403 403", method="POST"
    ),
    "clauses:statement_reject": row({"pk": "statement"}, "302 302 302 403 403 403 403 403 403 403 403", method="POST"),
    "clauses:statement_proof": row({"pk": "statement"}, "302 404 404 403 403 404 403 403 403 403 403"),
    "clauses:company_space": row({}, "302 403 403 403 403 200 403 403 200 403 403"),
    "clauses:company_lot": row({"pk": "lot"}, "302 403 403 403 403 200 403 403 403 403 403"),
    "clauses:company_grid": row({}, "302 403 403 403 403 200 403 403 200 403 403"),
    "clauses:batch_proof": row({"pk": "batch"}, "302 200 200 403 403 200 403 403 403 403 403"),
    "clauses:statement_bulk_validate": row({}, "302 302 302 403 403 403 403 403 403 302 403", method="POST"),
    "clauses:declaration_calendar": row({}, "302 200 403 403 403 403 403 403 403 403 403"),
    "clauses:import_upload": row({}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:import_template": row({"kind": "=heures", "fmt": "=xlsx"}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:import_preview": row({"pk": "import_batch"}, "302 404 200 403 403 403 403 403 403 404 403"),
    "clauses:import_confirm": row({"pk": "import_batch"}, "302 404 302 403 403 403 403 403 403 404 403", method="POST"),
    "clauses:bilan_year": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "clauses:consolidation": row({}, "302 200 200 200 200 403 403 200 403 200 403"),
    "clauses:outcomes_due": row({}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:coverage": row({}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:coverage_geojson": row({}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:coverage_create": row({}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:coverage_edit": row({"pk": "coverage"}, "302 200 200 403 403 403 403 403 403 403 403"),
    "clauses:catalogue_list": row({"key": "=criteres"}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:catalogue_create": row({"key": "=criteres"}, "302 200 200 403 403 403 403 403 403 200 403"),
    "clauses:catalogue_edit": row(
        {"key": "=regles", "pk": "lot.counting_rule"}, "302 200 200 403 403 403 403 403 403 200 403"
    ),
    "clauses-operation-list": row({}, "401 200 200 200 200 200 200 200 200 200 403"),
    "clauses-operation-detail": row({"pk": "operation"}, "401 200 200 404 404 200 200 404 404 404 403"),
    "clauses-lot-list": row({}, "401 200 200 200 200 200 200 200 200 200 403"),
    "clauses-lot-detail": row({"pk": "lot"}, "401 200 200 404 404 200 200 404 404 404 403"),
    "clauses-lot-size": row({"pk": "lot"}, "401 400 400 404 404 403 403 404 404 404 403", method="POST"),
    "clauses-statement-list": row({}, "401 200 200 403 403 200 403 403 200 200 403"),
    "clauses-statement-detail": row({"pk": "statement"}, "401 200 200 403 403 200 403 403 404 404 403"),
    "clauses-statement-reject": row({"pk": "statement"}, "401 400 400 403 403 403 403 403 403 403 403", method="POST"),
    "clauses-statement-validate": row(
        {"pk": "statement"}, "401 200 200 403 403 403 403 403 403 403 403", method="POST"
    ),
    "clauses-statement-validate-several": row({}, "401 400 400 403 403 403 403 403 403 400 403", method="POST"),
    "clauses-bilan-list": row({}, "401 200 200 200 200 403 200 200 403 200 403"),
}

# Another company's lot, another structure's participant (read by the generic test as extra rows).
OBJECTS = {
    "clauses:lot_detail": row({"pk": "far_lot"}, "302 200 404 404 404 404 200 404 200 200 403"),
    "clauses:company_lot": row({"pk": "far_lot"}, "302 403 403 403 403 403 403 403 200 403 403"),
    "clauses:participant_detail": row({"pk": "far_participant"}, "302 200 403 403 403 403 403 403 403 200 403"),
    "clauses-lot-detail": row({"pk": "far_lot"}, "401 200 404 404 404 404 200 404 200 200 403"),
}

# Query-count guards (tests/matrix/test_query_counts.py): at most this many SQL queries for the
# MDE administrator on the grown world.
QUERIES = {
    "clauses:dashboard": 14,
    "clauses:dashboard?tri=-realisees&page=2": 14,
    "clauses:operation_list": 7,
    "clauses:operation_list?tri=-lots": 7,
    "clauses:operation_create": 8,
    "clauses:operation_detail": 15,
    "clauses:operation_edit": 9,
    "clauses:operation_bilan": 20,
    "clauses:market_create": 6,
    "clauses:market_detail": 12,
    "clauses:market_edit": 7,
    "clauses:lot_create": 9,
    "clauses:lot_list": 11,
    "clauses:lot_list?tri=-avancement": 11,
    "clauses:lot_detail": 18,
    "clauses:lot_edit": 8,
    "clauses:lot_sizing": 9,
    "clauses:lot_hours": 8,
    "clauses:lot_schedule": 7,
    "clauses:attestation": 22,
    "clauses:sizing": 8,
    "clauses:participant_list": 9,
    "clauses:participant_list?tri=-commune": 9,
    "clauses:participant_create": 7,
    "clauses:participant_detail": 19,
    "clauses:participant_edit": 11,
    "clauses:participant_export": 13,
    "clauses:share_requests": 9,
    "clauses:statement_queue": 12,  # the filters list the lots, companies, structures and months pending; +1: ids first
    "clauses:import_upload": 5,
    "clauses:bilan_year": 18,
    "clauses:consolidation": 37,
    "clauses:outcomes_due": 19,
    "clauses:coverage": 16,
    "clauses:coverage_geojson": 12,  # the contours are read by the map alone, in their own query
    "clauses:coverage_create": 10,
    "clauses:coverage_edit": 13,
    "clauses:catalogue_list": 6,
    "clauses:catalogue_create": 5,
    "clauses-operation-list": 6,
    "clauses-operation-detail": 5,
    "clauses-lot-list": 10,
    "clauses-lot-detail": 10,
    "clauses-statement-list": 6,
    "clauses-statement-detail": 5,
    "clauses-bilan-list": 15,
    "clauses:coverage?export=csv": 11,
    "clauses:statement_queue?export=csv": 7,
    "clauses:lot_list?export=csv": 9,
    "clauses:operation_list?export=csv": 5,
    "clauses:participant_list?export=csv": 9,
}
