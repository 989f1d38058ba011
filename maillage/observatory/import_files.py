"""The generic import's files on the server: the uploaded table waiting for its column mapping, and each
run's error report. Statistics, no one's personal data; ``retention`` deletes both after a week without use.

An upload is "in use" while the analyst maps, previews or imports it: each of those reads renews its
modification time, so the week counts from the last use and a file an import in progress still needs is
never purged. One pending upload per session: a new one deletes the one it replaces.
"""

import contextlib
import os
import uuid
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

UPLOADS_DIR = "observatory/imports"
KEEP = timedelta(days=7)


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
