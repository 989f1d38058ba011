"""Writes of the observatory: loading the bundled data, comments, diagnostic documents, GPECT.

One function per use case, keyword-only arguments, transactional (DOMAIN.md §5).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from . import fap_rome
from .importers import bundled
from .importers.store import ImportReport
from .models import BranchPartnership, BranchStudy, CompanyProject, ProjectAction, ProjectNeed


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


# --- GPECT -----------------------------------------------------------------------------------------


def _saved(instance):
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def project_create(*, user, data: dict) -> CompanyProject:
    return _saved(CompanyProject(created_by=user, **data))


@transaction.atomic
def project_add_need(*, project: CompanyProject, fiche, quantity: int, wanted_by=None) -> ProjectNeed:
    existing = project.needs.filter(fiche=fiche).first()
    if existing:
        existing.quantity = quantity
        existing.wanted_by = wanted_by
        return _saved(existing)
    return _saved(ProjectNeed(project=project, fiche=fiche, quantity=quantity, wanted_by=wanted_by))


@transaction.atomic
def project_add_action(*, project: CompanyProject, data: dict) -> ProjectAction:
    return _saved(ProjectAction(project=project, **data))


@transaction.atomic
def action_update(*, action: ProjectAction, data: dict) -> ProjectAction:
    for name, value in data.items():
        setattr(action, name, value)
    return _saved(action)


@transaction.atomic
def branch_create(*, data: dict) -> BranchPartnership:
    return _saved(BranchPartnership(**data))


@transaction.atomic
def study_add(*, partnership: BranchPartnership, data: dict) -> BranchStudy:
    return _saved(BranchStudy(partnership=partnership, **data))
