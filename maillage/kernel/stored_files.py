"""Files a module keeps in the storage for a while (an upload waiting for its column mapping, a run's report):
each use renews a file (``touch``), and the module's retention hook deletes those unused for its delay
(``purge_unused``), so a file an import in progress still reads is never purged under it."""

import contextlib
import os
from datetime import datetime

from django.core.files.storage import default_storage


def touch(path: str) -> None:
    """Renew ``path``'s modification time: its delay counts from now."""
    try:
        local = default_storage.path(path)
    except NotImplementedError:  # a storage without local files: the delay then counts from the upload
        return
    with contextlib.suppress(FileNotFoundError):
        os.utime(local)


def purge_unused(directory: str, *, before: datetime, dry_run: bool, name_prefix: str = "") -> int:
    """Delete (or count) the files of ``directory`` (whose names start with ``name_prefix``) neither written nor
    used since ``before``."""
    try:
        _dirs, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return 0
    count = 0
    for name in files:
        if not name.startswith(name_prefix):
            continue
        path = f"{directory}/{name}"
        # Read just before deleting: a file renewed by a request since the listing is kept.
        with contextlib.suppress(FileNotFoundError):
            if default_storage.get_modified_time(path) < before:
                count += 1
                if not dry_run:
                    default_storage.delete(path)
    return count
