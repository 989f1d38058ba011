"""Writes of the referentials module: idempotent loaders of ROME 4.0, NAF, CPV and FAP.

``load_all`` is what ``manage.py load_referentials`` runs. Each referential is loaded in its own
savepoint inside the run's transaction and recorded in ``ReferentialLoad`` with a fingerprint of
its source files, so a re-run on unchanged files does nothing (unless forced); ``dry_run`` rolls
everything back after counting what would change.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .base import LoadResult, Progress, ReferentialFileError, no_progress
from .nomenclatures import load_cpv, load_fap, load_naf
from .rome import STEP_COUNT as ROME_STEP_COUNT
from .rome import load_rome

__all__ = ["LoadResult", "ReferentialFileError", "ReferenceSources", "load_all", "REFERENTIALS"]

REFERENTIALS = ["rome", "naf", "cpv", "fap"]
STEP_COUNTS = {"rome": ROME_STEP_COUNT, "naf": 1, "cpv": 1, "fap": 1}


@dataclass
class ReferenceSources:
    """Where each referential is read from."""

    rome_dir: Path
    naf: Path
    cpv: Path
    fap_rome: Path
    fap_labels: Path | None

    @classmethod
    def from_dir(cls, directory: Path | None = None) -> "ReferenceSources":
        """Sources under a reference root (``rome/``, ``nomenclatures/``, ``labour-market/``).

        ``directory`` may also be a ROME export directory itself (``unix_*.csv`` files): ROME is then
        read from it and the other referentials from the bundled reference root.
        """
        root = Path(settings.REFERENCE_DATA_DIR)
        rome_dir = root / "rome"
        if directory is not None:
            directory = Path(directory)
            if (directory / "rome").is_dir():
                root, rome_dir = directory, directory / "rome"
            elif directory.is_dir() and any(directory.glob("unix_*_utf8.csv*")):
                rome_dir = directory
                if (directory.parent / "nomenclatures").is_dir():
                    root = directory.parent
            else:
                raise ReferentialFileError(f"Dossier de référentiels introuvable ou vide : {directory}")
        return cls(
            rome_dir=rome_dir,
            naf=_first_existing(root / "nomenclatures", ["naf_rev2.json.gz", "naf_rev2.json"]),
            cpv=_first_existing(root / "nomenclatures", ["cpv_2008_ver_2013_FR.csv.gz", "cpv_2008_ver_2013_FR.csv"]),
            fap_rome=_first_existing(root / "labour-market", ["fap225_rome.csv.gz", "fap225_rome.csv"]),
            fap_labels=_first_existing(root / "labour-market", ["metiers_tension.csv.gz", "metiers_tension.csv"]),
        )


def _first_existing(directory: Path, names: list[str]) -> Path:
    for name in names:
        if (directory / name).exists():
            return directory / name
    return directory / names[0]


def load_all(
    sources: ReferenceSources,
    only: list[str] | None = None,
    force: bool = False,
    progress: Progress = no_progress,
    dry_run: bool = False,
) -> list[LoadResult]:
    """Load every referential of ``only`` (all by default), in dependency order.

    With ``dry_run`` everything runs (so the results tell what would change) and is rolled back.
    """
    with transaction.atomic():
        results = _load_selected(sources, only, force, progress)
        if dry_run:
            transaction.set_rollback(True)
    return results


def _load_selected(sources: ReferenceSources, only, force: bool, progress: Progress) -> list[LoadResult]:
    selected = [name for name in REFERENTIALS if not only or name in only]
    results = []
    for name in selected:
        if name == "rome":
            results.append(load_rome(sources.rome_dir, force=force, progress=progress))
        elif name == "naf":
            results.append(load_naf(sources.naf, force=force, progress=progress))
        elif name == "cpv":
            results.append(load_cpv(sources.cpv, force=force, progress=progress))
        elif name == "fap":
            labels = sources.fap_labels if sources.fap_labels and sources.fap_labels.exists() else None
            results.append(load_fap(sources.fap_rome, labels, force=force, progress=progress))
    return results
