"""Writes of the procurement module: DECP imports (command line and background task), radar settings,
and turning a contract into a market followed in the social-clauses module."""

import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from maillage.accounts.models import AuditAction, AuditEvent

from . import selectors
from .decp.importer import DecpImporter, ImportResult, Source
from .decp.writer import tune_sqlite_connection
from .models import BuyerCell, Contract, DecpImport, RadarCell

REPORT_DIR = "procurement/rapports"
STATISTICS_THRESHOLD = 10_000  # rows written: above this, refresh the planner's statistics
UPLOAD_DIR = "procurement/imports"


def path_sources(paths: Iterable[str]) -> list[Source]:
    """Sources for files on the local disk (the ``import_decp`` command)."""
    return [Source(os.path.basename(p), (lambda p=p: open(p, "rb")), os.path.getsize(p)) for p in paths]


def storage_source(name: str, label: str) -> Source:
    """A source read from the default storage (a file uploaded from the user interface)."""
    return Source(label, lambda: default_storage.open(name, "rb"), default_storage.size(name))


def run_import(
    sources: list[Source],
    *,
    user=None,
    decp_import: DecpImport | None = None,
    progress: Callable | None = None,
    batch_size: int | None = None,
    report_copy: str | None = None,
    parallel: bool | None = None,
    commit_every: int | None = None,
) -> DecpImport:
    """Imports ``sources`` and records the run (counts, main anomalies, CSV error report in storage).

    Records are committed batch by batch; a failure keeps what was written and marks the run failed.
    """
    if decp_import is None:
        decp_import = DecpImport.objects.create(label=", ".join(s.name for s in sources)[:255], created_by=user)
    handle, report_path = tempfile.mkstemp(suffix=".csv")
    os.close(handle)
    importer = DecpImporter(
        report_path=report_path,
        parallel=parallel,
        commit_every=commit_every,
        **({"batch_size": batch_size} if batch_size else {}),
    )

    def on_progress(done: int, total: int, result: ImportResult, name: str) -> None:
        if progress:
            progress(done, total, result, name)

    try:
        result = importer.run(sources, on_progress)
    except Exception as exc:
        os.unlink(report_path)
        decp_import.status = DecpImport.Status.FAILED
        decp_import.message = f"Échec de l'import : {exc.__class__.__name__} – {exc}"[:500]
        decp_import.counts = importer.result.as_dict()
        decp_import.finished_at = timezone.now()
        decp_import.save()
        raise
    try:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        with open(report_path, "rb") as handle:
            decp_import.report = default_storage.save(f"{REPORT_DIR}/decp-{stamp}-{decp_import.pk}.csv", File(handle))
        if report_copy:
            with open(report_path, "rb") as src, open(report_copy, "wb") as dst:
                dst.write(src.read())
    finally:
        os.unlink(report_path)
    started = time.perf_counter()
    if result.counts.created + result.counts.updated:
        rebuild_radar_cells()
    if result.counts.created + result.counts.updated >= STATISTICS_THRESHOLD:
        refresh_statistics()
    decp_import.maintenance_seconds = time.perf_counter() - started  # read by the benchmark
    decp_import.counts = result.as_dict()
    decp_import.summary = result.top_issues()
    decp_import.status = DecpImport.Status.DONE
    decp_import.message = summary_message(result)
    decp_import.finished_at = timezone.now()
    decp_import.save()
    return decp_import


_CELL_MEASURES = (
    "COUNT(*), COALESCE(SUM(amount), 0), COUNT(has_social), "
    "SUM(CASE WHEN has_social THEN 1 ELSE 0 END), SUM(CASE WHEN social_clause THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN social_criterion THEN 1 ELSE 0 END), SUM(CASE WHEN reserved THEN 1 ELSE 0 END), "
    "COALESCE(SUM(CASE WHEN has_social THEN amount END), 0)"
)
_CELL_COLUMNS = "contracts, amount, known, social, clause, criterion, reserved, social_amount"


@transaction.atomic
def rebuild_radar_cells() -> None:
    """Recomputes the radar's pre-aggregated cells from the contracts (two GROUP BY queries); the radar's
    cached figures are forgotten once this commits."""
    selectors.RADAR_DATA.bump()
    contracts = Contract._meta.db_table
    radar_cells = RadarCell._meta.db_table
    buyer_cells = BuyerCell._meta.db_table
    # SQLite would group buyers along the (buyer, ref) index, reading the wide table row by row: the narrow
    # covering radar index is read instead, and sorted.
    buyer_source = contracts
    buyer_key = "buyer_siret"
    if connection.vendor == "sqlite":
        tune_sqlite_connection()
        buyer_source = f"{contracts} INDEXED BY procurement_radar_idx"
        buyer_key = "+buyer_siret"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {radar_cells}")
        cursor.execute(
            f"INSERT INTO {radar_cells} (departement_code, epci_code, cpv_division, year, {_CELL_COLUMNS}) "
            f"SELECT departement_code, epci_code, cpv_division, year, {_CELL_MEASURES} FROM {contracts} "
            f"GROUP BY departement_code, epci_code, cpv_division, year"
        )
        cursor.execute(f"DELETE FROM {buyer_cells}")
        cursor.execute(
            f"INSERT INTO {buyer_cells} (buyer_siret, year, {_CELL_COLUMNS}) "
            f"SELECT buyer_siret, year, {_CELL_MEASURES} FROM {buyer_source} GROUP BY {buyer_key}, year"
        )


def refresh_statistics() -> None:
    """Refreshes the query planner's statistics after a large import (and, on PostgreSQL, the visibility
    map that lets the radar read its covering index only)."""
    table = Contract._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM (ANALYZE) {table}" if not connection.in_atomic_block else f"ANALYZE {table}")
        else:
            cursor.execute("PRAGMA analysis_limit = 2000")
            cursor.execute(f"ANALYZE {table}")


def simulate_import(
    sources: list[Source], *, progress: Callable | None = None, batch_size: int | None = None, report_copy=None
) -> ImportResult:
    """A dry run of ``run_import``: reads, normalises, validates and counts against the database what
    would be created, updated or left unchanged, and writes nothing (no contract, no buyer, no import
    record; only the error report, to ``report_copy`` if given). A contract repeated in two batches of
    the files counts as created twice (the real import creates it once, then leaves it unchanged)."""
    importer = DecpImporter(report_path=report_copy, dry_run=True, **({"batch_size": batch_size} if batch_size else {}))
    return importer.run(sources, progress)


def summary_message(result: ImportResult) -> str:
    parts = [
        f"{result.read} enregistrements lus",
        f"{result.counts.created} marchés créés",
        f"{result.counts.updated} mis à jour",
        f"{result.counts.unchanged} inchangés",
        f"{result.rejected} rejetés",
    ]
    message = ", ".join(parts) + "."
    if result.fatal_errors:
        message += " " + " ".join(result.fatal_errors)
    return message[:500]


def store_upload(uploaded_file) -> str:
    """Saves an uploaded DECP file in the storage (shared by web and worker processes)."""
    suffix = ".json.gz" if uploaded_file.name.lower().endswith(".gz") else ".json"
    return default_storage.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}{suffix}", uploaded_file)


def start_ui_import(user, uploaded_file) -> DecpImport:
    """Stores the upload, records the import and queues it as a background task with progress."""
    from maillage.kernel.tasks import start_task_run

    from .tasks import import_decp_task

    name = store_upload(uploaded_file)
    label = os.path.basename(uploaded_file.name)[:200]
    run = start_task_run("procurement.import_decp", f"Import DECP : {label}", total=0, user=user)
    decp_import = DecpImport.objects.create(label=label, upload=name, task_run=run, created_by=user)
    transaction.on_commit(lambda: import_decp_task(decp_import.pk))
    return decp_import


def delete_upload(decp_import: DecpImport) -> None:
    if decp_import.upload and default_storage.exists(decp_import.upload):
        default_storage.delete(decp_import.upload)
    DecpImport.objects.filter(pk=decp_import.pk).update(upload="")


class MarketFollowError(Exception):
    """The contract cannot be followed (clauses module missing, or it refused)."""


def clauses_market_factory():
    """``create_market_from_contract`` of the social-clauses module, or None while it is not there."""
    try:
        from maillage.clauses.services import create_market_from_contract
    except ImportError:
        return None
    return create_market_from_contract


@transaction.atomic
def follow_contract(actor, contract: Contract):
    """Creates the market in the social-clauses module, pre-filled from the contract; returns it.

    A contract already followed is not created twice: the existing market is returned.
    """
    contract = Contract.objects.select_for_update().select_related("buyer").get(pk=contract.pk)
    existing = followed_market(contract)
    if existing is not None:
        return existing
    factory = clauses_market_factory()
    if factory is None:
        raise MarketFollowError("Le module des clauses sociales n'est pas encore disponible.")
    holders = [(h.get("id", ""), h.get("name", "")) for h in (contract.holders or []) if h.get("id")]
    duration = contract.duration_months
    market = factory(
        actor,
        buyer_siret=contract.buyer_id,
        buyer_name=contract.buyer.name,
        object=contract.object,
        cpv_code=contract.cpv_code,
        commune_code=contract.commune_id or "",
        amount=contract.amount,
        notified_on=contract.notified_on,
        duration_months=duration,
        holders=holders,
        source_reference=contract.source_reference,
        social_considerations={
            "social_clause": contract.social_clause,
            "social_criterion": contract.social_criterion,
            "reserved": contract.reserved,
        },
    )
    contract.followed_market_pk = market.pk
    contract.followed_at = timezone.now()
    contract.followed_by = actor
    contract.save(update_fields=["followed_market_pk", "followed_at", "followed_by"])
    AuditEvent.objects.create(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="clauses.market",
        object_id=str(market.pk),
        detail=f"Créé depuis le marché DECP {contract.source_reference}"[:200],
    )
    return market


def followed_market(contract: Contract):
    """The clauses market created from this contract, if it still exists."""
    if not contract.followed_market_pk:
        return None
    from django.apps import apps

    try:
        market_model = apps.get_model("clauses", "Market")
    except LookupError:
        return None
    return market_model.objects.filter(pk=contract.followed_market_pk).first()
