"""The DECP import pipeline: read (streaming) → normalise → write in batches, with an error report.

Nothing here knows about the command line, the web page or the task queue: they give sources (a name
and a function that opens the file in binary mode), a path for the CSV error report and an optional
progress callback. Records are committed batch by batch, so an interrupted import keeps what it has
written, and a re-import of the same files changes nothing.

On a machine with several cores, reading and normalising run in a forked child process while the
parent writes to the database (the two halves cost about the same), batches passing through a pipe;
the pipe's small buffer keeps at most a couple of batches in memory.
"""

import contextlib
import csv
import multiprocessing
import os
import threading
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.db import transaction

from .normalize import REJECT, WARNING, Issue, Rejected, normalize, record_kind, record_label
from .places import PlaceResolver
from .reader import DecpFormatError, DecpReader, ReaderStats
from .writer import BatchCounts, ContractWriter

REPORT_HEADERS = [
    "fichier",
    "n° d'enregistrement",
    "identifiant du marché",
    "SIRET acheteur",
    "champ",
    "valeur",
    "gravité",
    "motif",
]
DEFAULT_BATCH_SIZE = 10_000


@dataclass
class Source:
    """A file to import: ``open()`` returns a binary file object; ``size`` is in bytes (0 if unknown)."""

    name: str
    open: Callable[[], IO[bytes]]
    size: int = 0


@dataclass
class ImportResult:
    files: int = 0
    read: int = 0
    rejected: int = 0
    concessions: int = 0
    warnings: int = 0
    corrections: int = 0
    encoding_fixes: int = 0
    counts: BatchCounts = field(default_factory=BatchCounts)
    fatal_errors: list[str] = field(default_factory=list)
    issues: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        """The counts with French labels, in display order (stored with the import and shown)."""
        return {
            "Fichiers": self.files,
            "Enregistrements lus": self.read,
            "Marchés créés": self.counts.created,
            "Marchés mis à jour": self.counts.updated,
            "Marchés inchangés": self.counts.unchanged,
            "Versions plus anciennes ignorées": self.counts.obsolete,
            "Doublons dans les fichiers": self.counts.duplicates,
            "Concessions ignorées": self.concessions,
            "Enregistrements rejetés": self.rejected,
            "Avertissements": self.warnings,
            "Corrections automatiques": self.corrections,
            "Caractères mal encodés convertis": self.encoding_fixes,
            "Erreurs bloquantes": len(self.fatal_errors),
        }

    def top_issues(self, limit: int = 12) -> list[dict]:
        return [
            {"gravité": severity, "champ": field_name, "motif": reason, "nombre": count}
            for (severity, field_name, reason), count in self.issues.most_common(limit)
        ]


ProgressCallback = Callable[[int, int, ImportResult, str], None]
Emit = Callable[[list, dict, int, str], None]


def _cell(value) -> str:
    """A published value made harmless for spreadsheet software (no formula: "=…", "+…", "@…")."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Producer:
    """Reads and normalises sources, writes the CSV report, hands batches of rows to ``emit``."""

    def __init__(self, places: PlaceResolver, report_path: str | None, batch_size: int):
        self.places = places
        self.batch_size = batch_size
        self.result = ImportResult()
        self._file = open(report_path, "w", encoding="utf-8-sig", newline="") if report_path else None  # noqa: SIM115
        self._report = csv.writer(self._file, delimiter=";") if self._file is not None else None
        if self._report is not None:
            self._report.writerow(REPORT_HEADERS)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def log(self, source: str, index, ref: str, siret: str, issue: Issue) -> None:
        self.result.issues[(issue.severity, issue.field, issue.reason)] += 1
        if issue.severity == WARNING:
            self.result.warnings += 1
        elif issue.severity != REJECT:
            self.result.corrections += 1
        if self._report is not None:
            self._report.writerow(
                [source, index, _cell(ref), _cell(siret), issue.field, _cell(issue.value), issue.severity, issue.reason]
            )

    def run(self, sources: list[Source], emit: Emit) -> ImportResult:
        done_before = 0
        for source in sources:
            self.result.files += 1
            stats = ReaderStats()
            with source.open() as handle:
                try:
                    self._stream(source.name, DecpReader(handle, stats), stats, emit, done_before)
                except DecpFormatError as exc:
                    message = f"{source.name} : {exc} Les enregistrements lus avant l'erreur sont importés."
                    self.result.fatal_errors.append(message)
                    self.log(source.name, "", "", "", Issue("(fichier)", "", REJECT, str(exc)))
            self.result.encoding_fixes += stats.encoding_fixes
            if stats.encoding_fixes:
                reason = "octets non UTF-8 lus comme Windows-1252 (accents à vérifier)"
                self.log(source.name, "", "", "", Issue("(fichier)", str(stats.encoding_fixes), WARNING, reason))
            done_before += source.size or stats.bytes_read
            emit([], {}, done_before, source.name)
        return self.result

    def _stream(self, name: str, reader: DecpReader, stats: ReaderStats, emit: Emit, done_before: int) -> None:
        rows: list[tuple] = []
        buyers: dict[str, str] = {}
        issues: list[Issue] = []
        result = self.result
        places = self.places
        try:
            for item in reader.items():
                result.read += 1
                record = item.value
                if isinstance(record, dict) and record_kind(record, item.kind) == "concession":
                    result.concessions += 1
                    continue
                issues.clear()
                try:
                    row, buyer_name = normalize(record, places, issues, item.raw)
                except Rejected as rejection:
                    result.rejected += 1
                    siret = ""
                    if isinstance(record, dict) and isinstance(record.get("acheteur"), dict):
                        siret = str(record["acheteur"].get("id", ""))[:20]
                    for issue in (rejection.issue, *issues):
                        self.log(name, item.index + 1, record_label(record), siret, issue)
                    continue
                for issue in issues:
                    self.log(name, item.index + 1, row[1], row[0], issue)
                rows.append(row)
                if buyer_name:
                    buyers[row[0]] = buyer_name
                if len(rows) >= self.batch_size:
                    emit(rows, buyers, done_before + stats.bytes_read, name)
                    rows, buyers = [], {}
        except DecpFormatError:
            emit(rows, buyers, done_before + stats.bytes_read, name)  # keep what was read before
            raise
        emit(rows, buyers, done_before + stats.bytes_read, name)


def _can_fork() -> bool:
    return (
        getattr(settings, "PROCUREMENT_IMPORT_PARALLEL", True)
        and (os.cpu_count() or 1) >= 2
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.current_thread() is threading.main_thread()
    )


class DecpImporter:
    """Imports sources into the database; ``parallel=None`` chooses by itself (see module docstring)."""

    def __init__(
        self,
        report_path: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        places: PlaceResolver | None = None,
        parallel: bool | None = None,
        commit_every: int | None = None,
        dry_run: bool = False,
    ):
        self.places = places or PlaceResolver.from_database()
        self.writer = ContractWriter()
        self.batch_size = batch_size
        # Rows per transaction. Several batches per commit make a national import much faster (an index
        # page is written once for many rows), but hold the write lock longer: for bulk commands only.
        self.commit_every = max(commit_every or batch_size, batch_size)
        self.report_path = report_path
        self.dry_run = dry_run  # read, normalise and count against the database, write nothing
        self.parallel = _can_fork() if parallel is None else parallel
        self.result = ImportResult()
        self._transaction = None
        self._uncommitted = 0

    def _begin(self) -> None:
        if self._transaction is None:
            self._transaction = transaction.atomic()
            self._transaction.__enter__()

    def _end(self, error: BaseException | None = None) -> None:
        if self._transaction is not None:
            block, self._transaction, self._uncommitted = self._transaction, None, 0
            if error is None:
                block.__exit__(None, None, None)
            else:
                block.__exit__(type(error), error, error.__traceback__)

    def run(self, sources: Iterable[Source], progress: ProgressCallback | None = None) -> ImportResult:
        sources = list(sources)
        total = sum(s.size for s in sources)
        counts = BatchCounts()

        def write(rows, buyers, done, name, result):
            if rows and self.dry_run:
                counts.add(self.writer.count(rows))
            elif rows:
                self._begin()
                counts.add(self.writer.write(rows, buyers))
                self._uncommitted += len(rows)
                if self._uncommitted >= self.commit_every:
                    self._end()
            result.counts = counts
            self.result = result
            if progress:
                progress(done, total, result, name)

        try:
            if self.parallel:
                result = self._run_forked(sources, write)
            else:
                producer = _Producer(self.places, self.report_path, self.batch_size)
                try:
                    result = producer.run(
                        sources, lambda rows, buyers, done, name: write(rows, buyers, done, name, producer.result)
                    )
                finally:
                    producer.close()
        except BaseException as exc:
            self._end(exc)
            raise
        self._end()
        result.counts = counts
        self.result = result
        return result

    def _run_forked(self, sources: list[Source], write) -> ImportResult:
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)

        def child() -> None:
            status = 0
            try:
                receiver.close()
                producer = _Producer(self.places, self.report_path, self.batch_size)
                progress = producer.result

                def emit(rows, buyers, done, name):
                    sender.send(("batch", rows, buyers, done, name, progress.read, progress.rejected))

                producer.run(sources, emit)
                producer.close()
                sender.send(("done", producer.result))
            except BaseException:  # report anything to the parent, which raises it
                status = 1
                with contextlib.suppress(Exception):
                    sender.send(("error", traceback.format_exc()))
            finally:
                os._exit(status)  # no clean-up: the database connections belong to the parent

        process = context.Process(target=child, name="decp-reader", daemon=True)
        process.start()
        sender.close()
        partial = ImportResult()
        try:
            while True:
                try:
                    message = receiver.recv()
                except EOFError:
                    raise RuntimeError("Le processus de lecture s'est arrêté sans terminer.") from None
                if message[0] == "batch":
                    _, rows, buyers, done, name, partial.read, partial.rejected = message
                    write(rows, buyers, done, name, partial)
                elif message[0] == "done":
                    return message[1]
                else:
                    raise RuntimeError(f"Erreur pendant la lecture des fichiers DECP :\n{message[1]}")
        finally:
            receiver.close()
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join()
