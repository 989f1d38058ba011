"""ROME's official mobility links, from a file in the official layout (display only).

The file is ``unix_rubrique_mobilite`` or an extract of it: ``code_rome,code_rome_cible,numero_ordre``
(plain or gzip). The transition engine never reads it; the explorer shows the links apart.
"""

import csv
import gzip
import io
from pathlib import Path

from django.db import transaction

from ..models import MobilityLink, RomeFiche
from .base import SyncStats, sync_links

REQUIRED = ("code_rome", "code_rome_cible")
MAX_BYTES = 20 * 1024 * 1024


class MobilityFileError(ValueError):
    pass


def read_links(path: Path) -> tuple[dict[tuple, dict], int]:
    """(links between known fiches, rows skipped) from the file at ``path``."""
    if path.stat().st_size > MAX_BYTES:
        raise MobilityFileError(f"Fichier trop volumineux (plus de {MAX_BYTES // 1024 // 1024} Mo).")
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    if not reader.fieldnames or any(column not in reader.fieldnames for column in REQUIRED):
        raise MobilityFileError("Colonnes attendues : code_rome, code_rome_cible, numero_ordre.")
    fiches = set(RomeFiche.objects.values_list("code", flat=True))
    links, skipped = {}, 0
    for row in reader:
        source, target = (row.get("code_rome") or "").strip(), (row.get("code_rome_cible") or "").strip()
        if source not in fiches or target not in fiches or source == target:
            skipped += 1
            continue
        order = (row.get("numero_ordre") or "").strip()
        links[(source, target)] = {"order": int(order) if order.isdigit() else 0}
    return links, skipped


def load_mobility_file(path: Path, dry_run: bool = False) -> tuple[SyncStats | None, int, int]:
    """Make MobilityLink hold the file's links: (stats or None when dry, links read, rows skipped)."""
    links, skipped = read_links(path)
    if dry_run:
        return None, len(links), skipped
    with transaction.atomic():
        stats = sync_links(MobilityLink, ["source_id", "target_id"], links)
    return stats, len(links), skipped
