"""The generic import's files on the server: the uploaded table waiting for its column mapping, and each
run's error report. Statistics, no one's personal data; ``retention`` deletes both after a week without use.

An upload is "in use" while the analyst maps, previews or imports it: each of those reads renews its
modification time, so the week counts from the last use and a file an import in progress still needs is
never purged. One pending upload per session: a new one deletes the one it replaces.

A report holds every refused line of a run (up to ``generic.MAX_ROWS``, 200,000) as JSON lines, after a
first line that says what the run was and where each block of ``BLOCK`` lines starts: a page of the report
reads that first line, seeks to its block and reads only the lines it shows; the CSV reads them one by
one while it is sent (``bench/observatory_report.py``).
"""

import contextlib
import json
import os
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

UPLOADS_DIR = "observatory/imports"
REPORTS_DIR = "private/observatory/import-reports"
KEEP = timedelta(days=7)
BLOCK = 100  # lines between two entries of a report's index


def save_upload(content: bytes, suffix: str) -> str:
    """Store an uploaded table (``suffix``: ``.csv`` or ``.xlsx``); returns its path in the storage."""
    return default_storage.save(f"{UPLOADS_DIR}/{uuid.uuid4().hex}{suffix}", ContentFile(content))


def read_upload(path: str) -> bytes | None:
    """The pending upload's bytes, its week renewed; None when retention deleted it."""
    if not _is_upload(path) or not default_storage.exists(path):
        return None
    _touch(path)
    with default_storage.open(path, "rb") as handle:
        return handle.read()


def delete_upload(path) -> None:
    if _is_upload(path):
        default_storage.delete(path)


def is_report_token(token) -> bool:
    return isinstance(token, str) and len(token) == 32 and all(c in "0123456789abcdef" for c in token)


def _report_path(token: str) -> str:
    if not is_report_token(token):
        raise ValueError("jeton de rapport invalide")
    return f"{REPORTS_DIR}/{token}.jsonl"


def save_report(report, name: str) -> str:
    """Store ``report``'s refused lines (an ``ImportReport``) with what the run was; returns the report's token."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for 200,000 lines: half the time
    body = [encode(error).encode() + b"\n" for error in report.errors]
    blocks, offset = [], 0
    for index, encoded in enumerate(body):
        if index % BLOCK == 0:
            blocks.append(offset)
        offset += len(encoded)
    head = {
        "name": name, "summary": report.summary(), "dry_run": report.dry_run, "error_count": report.error_count,
        "lines": len(body), "blocks": blocks,
    }  # fmt: skip
    token = uuid.uuid4().hex
    content = json.dumps(head, ensure_ascii=False).encode() + b"\n" + b"".join(body)
    default_storage.save(_report_path(token), ContentFile(content))
    return token


def delete_report(token: str) -> None:
    default_storage.delete(_report_path(token))


def open_report(token: str) -> "StoredReport | None":
    """The report of ``token`` (its first line read), None when retention deleted it."""
    path = _report_path(token)
    try:
        with default_storage.open(path, "rb") as handle:
            first = handle.readline()
    except FileNotFoundError:
        return None
    head = json.loads(first)
    return StoredReport(
        path=path, name=head["name"], summary=head["summary"], dry_run=head["dry_run"],
        error_count=head["error_count"], lines=ReportLines(path, len(first), head["blocks"], head["lines"]),
    )  # fmt: skip


@dataclass(frozen=True)
class StoredReport:
    path: str
    name: str
    summary: str
    dry_run: bool
    error_count: int
    lines: "ReportLines"


class ReportLines(Sequence):
    """A report's refused lines as a sequence that a paginator slices: a slice reads only its own lines."""

    def __init__(self, path: str, body_start: int, blocks: list[int], count: int):
        self.path, self.body_start, self.blocks, self.count_ = path, body_start, blocks, count

    def __len__(self) -> int:
        return self.count_

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.count_)
            if step != 1:
                raise ValueError("pas de 1 seulement")
            return self._read(start, stop)
        if not -self.count_ <= index < self.count_:
            raise IndexError(index)
        index %= self.count_
        return self._read(index, index + 1)[0]

    def __iter__(self) -> Iterator[list]:
        """Every line, read one by one (the CSV)."""
        with default_storage.open(self.path, "rb") as handle:
            handle.seek(self.body_start)
            for raw in iter(handle.readline, b""):  # not ``for raw in handle``: Django's File rewinds first
                yield json.loads(raw)

    def _read(self, start: int, stop: int) -> list[list]:
        if start >= stop:
            return []
        block = start // BLOCK
        with default_storage.open(self.path, "rb") as handle:
            handle.seek(self.body_start + self.blocks[block])
            for _skipped in range(start - block * BLOCK):
                handle.readline()
            return [json.loads(handle.readline()) for _line in range(stop - start)]


def purge_unused(directory: str, now: datetime, dry_run: bool) -> int:
    """Delete (or count) the files of ``directory`` not written nor used for ``KEEP``."""
    try:
        _dirs, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return 0
    count = 0
    for name in files:
        path = f"{directory}/{name}"
        # Read just before deleting: a file renewed by a request since the listing is kept.
        with contextlib.suppress(FileNotFoundError):
            if default_storage.get_modified_time(path) < now - KEEP:
                count += 1
                if not dry_run:
                    default_storage.delete(path)
    return count


def _is_upload(path) -> bool:
    return isinstance(path, str) and path.startswith(f"{UPLOADS_DIR}/") and ".." not in path


def _touch(path: str) -> None:
    try:
        local = default_storage.path(path)
    except NotImplementedError:  # a storage without local files: the week then counts from the upload
        return
    with contextlib.suppress(FileNotFoundError):
        os.utime(local)
