"""Writes of this module: (re)building the precomputed transitions table."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from maillage.referentials.models import RomeFiche

from .engine import ENGINE_VERSION, RomeCorpus, TransitionEngine, from_directory
from .engine.explain import shared_skill_codes
from .engine.files import RomeFilesError
from .models import Transition, TransitionBuild

DEFAULT_K = 50
BATCH = 5000


@dataclass
class BuildResult:
    source: str
    fiches: int
    transitions: int
    skipped_targets: int


def bundled_rome_dir() -> Path:
    return Path(settings.REFERENCE_DATA_DIR) / "rome"


def load_corpus(rome_dir: Path | str | None = None, from_db: bool = False) -> tuple[RomeCorpus, str]:
    """The engine's corpus: from the database referential, or from ROME export files."""
    if from_db:
        from .corpus_db import corpus_from_db

        return corpus_from_db(), "référentiel en base"
    directory = Path(rome_dir) if rome_dir else bundled_rome_dir()
    return from_directory(directory), str(directory)


def build_transitions(
    corpus: RomeCorpus, source_label: str, k: int = DEFAULT_K, progress: Callable[[int, int], None] | None = None
) -> BuildResult:
    """Replace the transitions table with every fiche's top-``k`` targets (one transaction).

    Only fiches present in the database referential are stored (sources and targets).
    """
    known = set(RomeFiche.objects.values_list("code", flat=True))
    engine = TransitionEngine(corpus)
    rows: list[Transition] = []
    skipped = 0
    done = 0
    with transaction.atomic():
        Transition.objects.all().delete()
        for source, ranked in engine.iter_top_k(k + 20):
            done += 1
            if progress:
                progress(done, len(engine.codes))
            if source not in known:
                continue
            kept = [r for r in ranked if r.target in known][:k]
            skipped += len(ranked[:k]) - len([r for r in ranked[:k] if r.target in known])
            parts = engine.breakdown_many(source, [r.target for r in kept])
            for rank, item in enumerate(kept, start=1):
                rows.append(
                    Transition(
                        source_id=source,
                        target_id=item.target,
                        rank=rank,
                        score=item.score,
                        shared_skills=len(shared_skill_codes(corpus, source, item.target)),
                        breakdown=parts[item.target],
                    )
                )
            if len(rows) >= BATCH:
                Transition.objects.bulk_create(rows)
                rows = []
        Transition.objects.bulk_create(rows)
        build = TransitionBuild.objects.create(
            source=source_label[:255], fiches=len(known & set(engine.codes)), k=k, engine_version=ENGINE_VERSION
        )
    return BuildResult(
        source=build.source, fiches=build.fiches, transitions=Transition.objects.count(), skipped_targets=skipped
    )


def build_from(rome_dir=None, from_db: bool = False, k: int = DEFAULT_K, progress=None) -> BuildResult:
    corpus, label = load_corpus(rome_dir, from_db)
    if not corpus.fiches:
        raise RomeFilesError("Aucune fiche ROME : chargez d'abord le référentiel (load_referentials).")
    return build_transitions(corpus, label, k=k, progress=progress)
