"""Shared plumbing of the referential loaders: finding files, reading CSV, syncing rows in bulk.

Every loader reads whole files, builds the target rows in memory (a few tens of thousands at
most), then compares them with the database and writes only the difference with
``bulk_create`` / ``bulk_update``: a re-run on unchanged data writes nothing.
"""

import csv
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models

from maillage.common_files import open_text
from maillage.common_text import elide, plural

BATCH_SIZE = 2000

Progress = Callable[[str], None]


def no_progress(_message: str) -> None:
    """Default progress callback: say nothing."""


class ReferentialFileError(Exception):
    """A required source file is missing or unreadable (message in French for the user)."""


@dataclass
class SyncStats:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    total: int = 0

    def __str__(self) -> str:
        return f"{self.total} ({self.created} créés, {self.updated} modifiés, {self.deleted} supprimés)"


@dataclass
class LoadResult:
    """What one referential load did, per table."""

    name: str
    version: str = ""
    skipped: bool = False
    stats: dict[str, SyncStats] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {table: stats.total for table, stats in self.stats.items()}


# --- files -------------------------------------------------------------------------------------


def read_csv(path: Path, delimiter: str = ",", required_columns: Iterable[str] = ()) -> Iterator[dict[str, str]]:
    """Rows of a CSV file as dicts of stripped strings; a missing required column is an error."""
    with open_text(path) as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        header = [(name or "").strip() for name in reader.fieldnames or []]
        missing = [name for name in required_columns if name not in header]
        if missing:
            raise ReferentialFileError(
                f"{plural(len(missing), 'Colonne absente')} {elide('de', path.name)} : {', '.join(missing)}"
            )
        try:
            for row in reader:
                yield {(key or "").strip(): (value or "").strip() for key, value in row.items() if key is not None}
        except (csv.Error, UnicodeDecodeError) as error:
            raise ReferentialFileError(f"{path.name}, ligne {reader.line_num} : fichier illisible ({error})") from error


def find_rome_file(directory: Path, name: str, required: bool = True) -> Path | None:
    """The official ``unix_<name>_v<version>_utf8.csv`` file (or ``.csv.gz``) of ``directory``.

    When several versions are present, the highest version wins.
    """
    pattern = re.compile(rf"^unix_{re.escape(name)}_v(\d+)_utf8\.csv(\.gz)?$")
    candidates = []
    for path in directory.iterdir() if directory.is_dir() else []:
        match = pattern.match(path.name)
        if match:
            # Prefer the highest version, then a plain .csv over a compressed copy of it.
            candidates.append((int(match.group(1)), match.group(2) is None, path))
    if not candidates:
        if required:
            raise ReferentialFileError(f"Fichier ROME introuvable : unix_{name}_v*_utf8.csv[.gz] dans {directory}")
        return None
    return max(candidates)[2]


def fingerprint(paths: Iterable[Path | None]) -> str:
    """A SHA-256 of the content of ``paths``: unchanged files give the same fingerprint."""
    digest = hashlib.sha256()
    for path in sorted(p for p in paths if p is not None):
        digest.update(path.name.encode())
        with open(path, "rb") as handle:
            for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def flag(value: str) -> bool:
    """ROME flags are "O" (oui) / "N" (non) / empty."""
    return value.strip().upper() in {"O", "OUI", "Y", "1", "TRUE"}


def unquote(text: str) -> str:
    """ROME texts double their apostrophes (``l''entretien``)."""
    return text.replace("''", "'").strip()


# --- syncing rows ------------------------------------------------------------------------------


def sync_by_pk(
    model: type[models.Model], rows: dict[str, dict], fields: list[str], delete_missing: bool = False
) -> SyncStats:
    """Make ``model`` hold ``rows`` (primary key → field values): create, update, optionally delete.

    Rows absent from the source are kept by default: other modules may point to them
    (an appellation retired by a newer ROME stays attached to old offers).
    """
    pk_name = model._meta.pk.attname
    attnames = [model._meta.get_field(name).attname for name in fields]
    existing = {
        values[0]: values[1:] for values in model.objects.values_list(pk_name, *attnames).iterator(chunk_size=5000)
    }
    to_create, to_update = [], []
    stats = SyncStats(total=len(rows))
    for pk, values in rows.items():
        wanted = tuple(values[name] for name in fields)
        current = existing.get(pk)
        if current is None:
            to_create.append(model(**{pk_name: pk, **values}))
        elif current != wanted:
            to_update.append(model(**{pk_name: pk, **values}))
        else:
            stats.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=500)
    stats.created, stats.updated = len(to_create), len(to_update)
    if delete_missing:
        missing = [pk for pk in existing if pk not in rows]
        for start in range(0, len(missing), BATCH_SIZE):
            model.objects.filter(pk__in=missing[start : start + BATCH_SIZE]).delete()
        stats.deleted = len(missing)
    else:
        stats.total = len(existing.keys() | rows.keys())
    return stats


def sync_links(model: type[models.Model], key_fields: list[str], rows: dict[tuple, dict]) -> SyncStats:
    """Make a link table hold exactly ``rows`` (natural key tuple → other field values)."""
    extra_fields = sorted({name for values in rows.values() for name in values})
    key_attnames = [model._meta.get_field(name).attname for name in key_fields]
    extra_attnames = [model._meta.get_field(name).attname for name in extra_fields]
    existing: dict[tuple, tuple] = {}
    for values in model.objects.values_list("pk", *key_attnames, *extra_attnames).iterator(chunk_size=5000):
        key = tuple(values[1 : 1 + len(key_fields)])
        existing[key] = (values[0], tuple(values[1 + len(key_fields) :]))
    to_create, to_update = [], []
    stats = SyncStats(total=len(rows))
    for key, values in rows.items():
        wanted = tuple(values[name] for name in extra_fields)
        current = existing.get(key)
        attributes = dict(zip(key_attnames, key, strict=True)) | dict(zip(extra_attnames, wanted, strict=True))
        if current is None:
            to_create.append(model(**attributes))
        elif current[1] != wanted:
            to_update.append(model(pk=current[0], **attributes))
        else:
            stats.unchanged += 1
    missing = [pk for key, (pk, _values) in existing.items() if key not in rows]
    for start in range(0, len(missing), BATCH_SIZE):
        model.objects.filter(pk__in=missing[start : start + BATCH_SIZE]).delete()
    model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model.objects.bulk_update(to_update, extra_attnames, batch_size=500)
    stats.created, stats.updated, stats.deleted = len(to_create), len(to_update), len(missing)
    return stats
