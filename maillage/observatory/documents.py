"""The shared diagnostic document: versions with sections and frozen figures, validated in a
steering committee, published read-only for elected officials (DOMAIN.md §1, §5)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from .models import DiagnosticDocument, DiagnosticVersion
from .selectors.diagnostic import FIGURES, snapshot
from .selectors.scope import scope_for

MAX_SECTIONS = 20
DEFAULT_SECTIONS = [
    {"title": "Le territoire et ses demandeurs d'emploi", "text": "", "figure": "demandeurs"},
    {"title": "Les besoins de recrutement des entreprises", "text": "", "figure": "bmo"},
    {"title": "Les métiers les plus recherchés", "text": "", "figure": "metiers"},
    {"title": "Les métiers en tension et leurs causes", "text": "", "figure": "tension"},
]


def _scope(document: DiagnosticDocument):
    kind, _, code = document.scope.partition(":")
    return scope_for(kind, code)


def clean_sections(sections: list[dict]) -> list[dict]:
    cleaned = []
    for section in sections[:MAX_SECTIONS]:
        title = str(section.get("title", "")).strip()[:200]
        if not title:
            continue
        figure = section.get("figure", "")
        cleaned.append(
            {
                "title": title,
                "text": str(section.get("text", "")).strip()[:5000],
                "figure": figure if figure in FIGURES else "",
            }
        )
    if not cleaned:
        raise ValidationError("Le diagnostic doit avoir au moins une section titrée.")
    return cleaned


@transaction.atomic
def document_create(*, user, title: str, scope: str = "perimetre") -> DiagnosticDocument:
    document = DiagnosticDocument(title=title.strip()[:200], scope=scope[:40], created_by=user)
    document.full_clean()
    if _scope(document) is None:
        raise ValidationError("Territoire inconnu.")
    document.save()
    version_create(user=user, document=document, sections=DEFAULT_SECTIONS)
    return document


@transaction.atomic
def version_create(*, user, document: DiagnosticDocument, sections: list[dict]) -> DiagnosticVersion:
    """A new version (the previous ones stay as they were), with the figures frozen today."""
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DiagnosticVersion(
        document=document, number=number, sections=clean_sections(sections), snapshot=snapshot(_scope(document)),
        created_by=user,
    )  # fmt: skip
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def version_validate(*, version: DiagnosticVersion, committee_date: date, publish: bool) -> DiagnosticVersion:
    if committee_date > date.today():
        raise ValidationError("La date du comité ne peut pas être dans le futur.")
    version.status = DiagnosticVersion.Status.VALIDATED
    version.committee_date = committee_date
    version.is_public = publish
    version.save(update_fields=["status", "committee_date", "is_public"])
    return version


def published_versions():
    return DiagnosticVersion.objects.filter(status=DiagnosticVersion.Status.VALIDATED, is_public=True).select_related(
        "document"
    )
