"""Merging two records of the same person (duplicates typed before the identity was shared).

The kept person keeps its identity and takes from the duplicate only what it lacked (birth date,
e-mail, phone, commune); every module's part of the duplicate moves to the kept person. Two parts
of the same kind (two clause paths) are never merged here: that is the module's judgement, so such
a pair is refused and reported. Each merge is recorded (``PersonMerge``, ids only) and audit-logged.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from maillage.accounts import audit
from maillage.accounts.models import AuditAction

from .models import Person, PersonMerge
from .parts import part_relations
from .selectors import DuplicateGroup

FILLABLE = ("birth_date", "email", "phone", "commune_id")


@dataclass
class MergeReport:
    merged: list[tuple[int, int]] = field(default_factory=list)  # (kept, merged)
    refused: list[tuple[int, int, str]] = field(default_factory=list)  # (kept, duplicate, why)


def merge_conflicts(kept: Person, duplicate: Person) -> list[str]:
    """Why the two records cannot be merged automatically (French, one reason per part kind)."""
    reasons = []
    for rel in part_relations():
        if not rel.one_to_one:
            continue
        manager = rel.related_model._default_manager
        if manager.filter(**{rel.field.name: kept}).exists() and manager.filter(**{rel.field.name: duplicate}).exists():
            reasons.append(f"les deux fiches ont chacune un(e) {rel.related_model._meta.verbose_name}")
    return reasons


@transaction.atomic
def merge_persons(actor, *, kept: Person, duplicate: Person, reason: str) -> PersonMerge:
    """Move every part of ``duplicate`` to ``kept``, complete ``kept``'s empty fields, delete ``duplicate``."""
    if kept.pk == duplicate.pk:
        raise ValidationError("Une personne ne peut pas être fusionnée avec elle-même.")
    kept = Person.objects.select_for_update().get(pk=kept.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
    conflicts = merge_conflicts(kept, duplicate)
    if conflicts:
        raise ValidationError("Fusion impossible : " + " ; ".join(conflicts) + ".")
    filled = []
    for name in FILLABLE:
        if not getattr(kept, name) and getattr(duplicate, name):
            setattr(kept, name, getattr(duplicate, name))
            filled.append(name.removesuffix("_id"))
    moved: dict[str, list[int]] = {}
    for rel in part_relations():
        manager = rel.related_model._default_manager
        rows = manager.filter(**{rel.field.name: duplicate})
        ids = list(rows.values_list("pk", flat=True))
        if ids:
            rows.update(**{rel.field.name: kept})
            moved[rel.related_model._meta.label_lower] = ids
    kept.save()
    PersonMerge.objects.filter(kept=duplicate).update(kept=kept)  # earlier merges stay on record
    merge = PersonMerge.objects.create(
        kept=kept,
        merged_person_id=duplicate.pk,
        reason=reason[:40],
        moved=moved,
        filled=filled,
        merged_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(actor, AuditAction.UPDATE, "people.person", kept.pk, f"fusion du doublon n° {duplicate.pk} ({reason})")
    audit.record(actor, AuditAction.DELETE, "people.person", duplicate.pk, f"fusionnée dans n° {kept.pk}")
    duplicate.delete()
    return merge


def merge_group(actor, group: DuplicateGroup, *, dry_run: bool = False) -> MergeReport:
    """Merge every person of ``group`` into its oldest record; pairs in conflict are refused, not forced."""
    report = MergeReport()
    kept, *others = sorted(group.person_ids)
    kept_person = Person.objects.get(pk=kept)
    for other in others:
        duplicate = Person.objects.filter(pk=other).first()
        if duplicate is None:
            continue
        conflicts = merge_conflicts(kept_person, duplicate)
        if conflicts:
            report.refused.append((kept, other, " ; ".join(conflicts)))
            continue
        if not dry_run:
            merge_persons(actor, kept=kept_person, duplicate=duplicate, reason=group.reason)
        report.merged.append((kept, other))
    return report
