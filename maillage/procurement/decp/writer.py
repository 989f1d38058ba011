"""Batch writes of contracts and buyers, in raw SQL for speed (SQLite and PostgreSQL).

For each batch: buyers are upserted, the batch's existing keys are read in one query, then new and
changed contracts are upserted (SQLite: ``executemany``; PostgreSQL: ``COPY`` into a temporary table,
then one ``INSERT … ON CONFLICT DO UPDATE``). A stored contract is replaced only by a version with at
least as many modifications, so re-importing an older file never undoes a newer one; a record whose
content did not change (same checksum) is not written at all.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, transaction

from maillage.common_text import sort_key
from maillage.procurement.models import Buyer, Contract

from .normalize import COL, COLUMNS

CONTRACT_TABLE = Contract._meta.db_table
BUYER_TABLE = Buyer._meta.db_table
WRITE_COLUMNS = (*COLUMNS, "imported_at", "updated_at")
_UPDATED = [c for c in WRITE_COLUMNS if c not in ("buyer_siret", "ref", "imported_at")]
_I_SIRET, _I_REF, _I_MODS, _I_SUM = COL["buyer_siret"], COL["ref"], COL["modifications_count"], COL["checksum"]
_LOOKUP_CHUNK = 400


@dataclass
class BatchCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    obsolete: int = 0
    duplicates: int = 0

    def add(self, other: "BatchCounts") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.obsolete += other.obsolete
        self.duplicates += other.duplicates


def tune_sqlite_connection() -> None:
    """A larger page cache for bulk work: with SQLite's default 2 MB, index pages touched by random keys
    are evicted and read again for every batch (gigabytes of I/O for a national file)."""
    megabytes = getattr(settings, "PROCUREMENT_SQLITE_CACHE_MB", 384)
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA cache_size = -{int(megabytes) * 1024}")
        if not connection.in_atomic_block:  # SQLite refuses it inside a transaction
            cursor.execute("PRAGMA temp_store = MEMORY")


def _dedupe(rows: list[tuple]) -> tuple[dict, int]:
    """One row per key: the one with most modifications (the last one on a tie)."""
    by_key: dict[tuple[str, str], tuple] = {}
    duplicates = 0
    for row in rows:
        key = (row[_I_SIRET], row[_I_REF])
        previous = by_key.get(key)
        if previous is not None:
            duplicates += 1
            if previous[_I_MODS] > row[_I_MODS]:
                continue
        by_key[key] = row
    return by_key, duplicates


def _sort(by_key: dict, existing: dict, counts: BatchCounts) -> tuple[list[tuple], list[tuple]]:
    """The rows to create and the rows to update (a newer version), counting those left as they are."""
    new_rows, to_write = [], []
    for key, row in by_key.items():
        current = existing.get(key)
        if current is None:
            counts.created += 1
            new_rows.append(row)
        elif current[0] == row[_I_SUM]:
            counts.unchanged += 1
        elif current[1] > row[_I_MODS]:
            counts.obsolete += 1
        else:
            counts.updated += 1
            to_write.append(row)
    return new_rows, to_write


class ContractWriter:
    """Writes batches of normalised rows; one instance per import (it remembers the buyers written)."""

    def __init__(self):
        self.vendor = connection.vendor
        self._buyers_done: dict[str, str] = {}
        self._sql_upsert_sqlite = self._upsert_sql("?", "excluded")
        self._pg_temp_ready = False
        if self.vendor == "sqlite":
            tune_sqlite_connection()

    # -- SQL ------------------------------------------------------------------------------------
    @staticmethod
    def _upsert_sql(placeholder: str, excluded: str) -> str:
        columns = ", ".join(WRITE_COLUMNS)
        values = ", ".join([placeholder] * len(WRITE_COLUMNS))
        updates = ", ".join(f"{c} = {excluded}.{c}" for c in _UPDATED)
        return (
            f"INSERT INTO {CONTRACT_TABLE} ({columns}) VALUES ({values}) "
            f"ON CONFLICT (buyer_siret, ref) DO UPDATE SET {updates} "
            f"WHERE {excluded}.modifications_count >= {CONTRACT_TABLE}.modifications_count "
            f"AND {excluded}.checksum <> {CONTRACT_TABLE}.checksum"
        )

    # -- public ---------------------------------------------------------------------------------
    def count(self, rows: list[tuple]) -> BatchCounts:
        """What ``write`` would do with these rows, writing nothing (a dry run)."""
        counts = BatchCounts()
        if rows:
            by_key, counts.duplicates = _dedupe(rows)
            connection.ensure_connection()
            _sort(by_key, self._existing(connection.connection, list(by_key)), counts)
        return counts

    def write(self, rows: list[tuple], buyer_names: dict[str, str]) -> BatchCounts:
        counts = BatchCounts()
        if not rows:
            return counts
        by_key, counts.duplicates = _dedupe(rows)
        now = datetime.now(UTC)
        with transaction.atomic():
            connection.ensure_connection()
            raw = connection.connection
            self._write_buyers(raw, {k[0] for k in by_key}, buyer_names)
            new_rows, to_write = _sort(by_key, self._existing(raw, list(by_key)), counts)
            if self.vendor == "postgresql":
                if new_rows and not self._copy_new_postgresql(raw, new_rows, now):
                    to_write = new_rows + to_write
                if to_write:
                    try:
                        self._upsert_postgresql(raw, to_write, now)
                    except Exception:
                        self._pg_temp_ready = False  # the temporary table went away with the transaction
                        raise
            elif to_write or new_rows:
                # One upsert for both: the IMMEDIATE transaction holds SQLite's write lock since the lookup.
                stamp = now.replace(tzinfo=None).isoformat(sep=" ")
                extra = (stamp, stamp)
                cursor = raw.cursor()
                cursor.executemany(self._sql_upsert_sqlite, [row + extra for row in new_rows + to_write])
                cursor.close()
        return counts

    # -- buyers ---------------------------------------------------------------------------------
    def _write_buyers(self, raw, sirets: set[str], names: dict[str, str]) -> None:
        pending = []
        for siret in sirets:
            name = names.get(siret, "")
            known = self._buyers_done.get(siret)
            if known is None or (name and name != known):
                pending.append((siret, name))
        if not pending:
            return
        cursor = raw.cursor()
        if self.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {BUYER_TABLE} (siret, name, name_key) "
                f"SELECT * FROM unnest(%s::text[], %s::text[], %s::text[]) "
                f"ON CONFLICT (siret) DO UPDATE SET name = excluded.name, name_key = excluded.name_key "
                f"WHERE excluded.name <> '' AND excluded.name <> {BUYER_TABLE}.name",
                ([p[0] for p in pending], [p[1] for p in pending], [sort_key(p[1]) for p in pending]),
            )
        else:
            cursor.executemany(
                f"INSERT INTO {BUYER_TABLE} (siret, name, name_key) VALUES (?, ?, ?) "
                f"ON CONFLICT (siret) DO UPDATE SET name = excluded.name, name_key = excluded.name_key "
                f"WHERE excluded.name <> '' AND excluded.name <> {BUYER_TABLE}.name",
                [(siret, name, sort_key(name)) for siret, name in pending],
            )
        cursor.close()
        for siret, name in pending:
            if name or siret not in self._buyers_done:
                self._buyers_done[siret] = name

    # -- existing keys ----------------------------------------------------------------------------
    def _existing(self, raw, keys: list[tuple[str, str]]) -> dict:
        found = {}
        cursor = raw.cursor()
        if self.vendor == "postgresql":
            cursor.execute(
                f"SELECT c.buyer_siret, c.ref, c.checksum, c.modifications_count FROM {CONTRACT_TABLE} c "
                f"JOIN unnest(%s::text[], %s::text[]) AS k(b, r) ON c.buyer_siret = k.b AND c.ref = k.r",
                ([k[0] for k in keys], [k[1] for k in keys]),
            )
            for siret, ref, checksum, mods in cursor.fetchall():
                found[(siret, ref)] = (checksum, mods)
        else:
            for start in range(0, len(keys), _LOOKUP_CHUNK):
                chunk = keys[start : start + _LOOKUP_CHUNK]
                values = ",".join(["(?,?)"] * len(chunk))
                params = [part for key in chunk for part in key]
                # A join (not "(a, b) IN (VALUES …)", which SQLite answers with a full scan).
                cursor.execute(
                    f"SELECT c.buyer_siret, c.ref, c.checksum, c.modifications_count "
                    f"FROM (VALUES {values}) AS k JOIN {CONTRACT_TABLE} c "
                    f"ON c.buyer_siret = k.column1 AND c.ref = k.column2",
                    params,
                )
                for siret, ref, checksum, mods in cursor.fetchall():
                    found[(siret, ref)] = (checksum, mods)
        cursor.close()
        return found

    # -- PostgreSQL bulk path ----------------------------------------------------------------------
    def _copy_new_postgresql(self, raw, rows: list[tuple], now: datetime) -> bool:
        """COPY straight into the table the contracts the database does not know yet (the cheapest write);
        False if another import inserted one of them meanwhile (the caller then upserts them)."""
        import psycopg

        columns = ", ".join(WRITE_COLUMNS)
        try:
            with (
                transaction.atomic(),  # a savepoint, for the rare conflict
                raw.cursor() as cursor,
                cursor.copy(f"COPY {CONTRACT_TABLE} ({columns}) FROM STDIN") as copy,
            ):
                extra = (now, now)
                for row in rows:
                    copy.write_row(row + extra)
        except psycopg.errors.UniqueViolation:
            return False
        return True

    def _upsert_postgresql(self, raw, rows: list[tuple], now: datetime) -> None:
        columns = ", ".join(WRITE_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in _UPDATED)
        with raw.cursor() as cursor:
            if not self._pg_temp_ready:
                cursor.execute("DROP TABLE IF EXISTS procurement_contract_load")
                cursor.execute(
                    f"CREATE TEMP TABLE procurement_contract_load ON COMMIT DELETE ROWS AS "
                    f"SELECT {columns} FROM {CONTRACT_TABLE} WITH NO DATA"
                )
                self._pg_temp_ready = True
            with cursor.copy(f"COPY procurement_contract_load ({columns}) FROM STDIN") as copy:
                extra = (now, now)
                for row in rows:
                    copy.write_row(row + extra)
            cursor.execute(
                f"INSERT INTO {CONTRACT_TABLE} ({columns}) SELECT {columns} FROM procurement_contract_load "
                f"ON CONFLICT (buyer_siret, ref) DO UPDATE SET {updates} "
                f"WHERE excluded.modifications_count >= {CONTRACT_TABLE}.modifications_count "
                f"AND excluded.checksum <> {CONTRACT_TABLE}.checksum"
            )
            # Emptied here too: inside an enclosing transaction, ON COMMIT comes too late.
            cursor.execute("TRUNCATE procurement_contract_load")
