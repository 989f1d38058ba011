"""Writes of the observatory: loading the bundled data, comments, diagnostic documents, GPECT.

One function per use case, keyword-only arguments, transactional (DOMAIN.md §5).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import fap_rome
from .importers import bundled
from .importers.store import ImportReport


@dataclass
class LoadResult:
    reports: list[ImportReport] = field(default_factory=list)
    zonings: dict[str, int] = field(default_factory=dict)
    coverage: fap_rome.Coverage | None = None


def load_bundled(
    *, dry_run: bool = False, force: bool = False, only: tuple[str, ...] = (), progress=None
) -> LoadResult:
    """Zonings, every bundled dataset (skipped when unchanged) and the FAP 2021 → ROME table."""
    result = LoadResult()
    say = progress or (lambda _message: None)
    if not only:
        say("Zonages : communes → bassins BMO, zones d'emploi, CLPE")
        result.zonings = bundled.import_zonings(dry_run=dry_run)
    for key in bundled.BUNDLED:
        if only and key not in only:
            continue
        say(f"Jeu de données {key}")
        report = bundled.import_bundled(key, dry_run=dry_run, force=force)
        result.reports.append(report)
        say(report.summary())
    if not only and not dry_run:
        say("Table FAP 2021 → ROME (dérivée)")
        result.coverage = fap_rome.rebuild()
    return result
