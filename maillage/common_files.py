"""File helpers shared by every module (the bundled reference data is gzip-compressed)."""

import gzip
import io
from pathlib import Path


def open_text(path: Path) -> io.TextIOBase:
    """Open a UTF-8 text file, gzip-compressed when its name ends with ``.gz``; a BOM is dropped.

    ``newline=""`` so that the ``csv`` module reads quoted multi-line fields correctly.
    """
    path = Path(path)
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - the caller closes it
