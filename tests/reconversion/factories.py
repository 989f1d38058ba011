"""Small ROME fiches and skills for this module's tests (the referentials loader is not needed)."""

from maillage.common_text import fold
from maillage.referentials.models import Appellation, FicheSkill, RomeFiche, Skill, SkillKind


def make_fiche(code: str, label: str, **extra) -> RomeFiche:
    fiche, _ = RomeFiche.objects.get_or_create(
        code=code, defaults={"label": label, "search_label": fold(label), **extra}
    )
    return fiche


def make_appellation(code: str, label: str, fiche: RomeFiche) -> Appellation:
    appellation, _ = Appellation.objects.get_or_create(
        code=code, defaults={"label": label, "search_label": fold(label), "fiche": fiche}
    )
    return appellation


def make_skill(code: str, label: str, kind: str = SkillKind.SAVOIR_FAIRE, **extra) -> Skill:
    skill, _ = Skill.objects.get_or_create(
        code=code, defaults={"label": label, "kind": kind, "search_label": fold(label), **extra}
    )
    return skill


def link(fiche: RomeFiche, skill: Skill, importance: str = "") -> FicheSkill:
    fiche_skill, _ = FicheSkill.objects.get_or_create(fiche=fiche, skill=skill, defaults={"importance": importance})
    return fiche_skill
