"""Eligibility rules as data: each rule says whether a person's answers fit, and why (DOMAIN.md §7).

A rule gives three answers: it fits (with the reason), it fails (with the condition that fails), or
it cannot tell (the answer was not given). Disability recognition is health data: it is only read
from the questionnaire in memory, never stored.
"""

from dataclasses import dataclass, field
from datetime import date

from .models import CECRL_LEVELS, DIPLOMA_LEVELS, EligibilityRule, RuleKind

CECRL_ORDER = {code: index for index, (code, _label) in enumerate(CECRL_LEVELS) if code}
DIPLOMA_LABELS = dict(DIPLOMA_LEVELS)
CECRL_LABELS = dict(CECRL_LEVELS)


@dataclass
class Answers:
    """A person's answers to the questionnaire (kept in memory only)."""

    age: int | None = None
    job_seeker: bool | None = None
    rsa: bool | None = None
    commune_code: str = ""
    epci_code: str = ""
    departement_code: str = ""
    qpv: bool | None = None
    language_level: str = ""
    diploma_level: str = ""
    driving_licence: bool | None = None
    disability: bool | None = None
    publics: set[str] = field(default_factory=set)


@dataclass
class Verdict:
    ok: bool | None  # None: cannot tell
    text: str


def describe(rule: EligibilityRule) -> str:
    kind = rule.kind
    if kind == RuleKind.AGE_MIN:
        return f"avoir au moins {rule.number} ans"
    if kind == RuleKind.AGE_MAX:
        return f"avoir au plus {rule.number} ans"
    if kind == RuleKind.LANGUAGE_MAX:
        return f"niveau de français au plus {CECRL_LABELS.get(rule.level, rule.level)}"
    if kind == RuleKind.LANGUAGE_MIN:
        return f"niveau de français au moins {CECRL_LABELS.get(rule.level, rule.level)}"
    if kind == RuleKind.DIPLOMA_MAX:
        return f"diplôme au plus : {DIPLOMA_LABELS.get(rule.level, rule.level)}"
    if kind == RuleKind.COMMUNES:
        return "résider sur le territoire du dispositif"
    return RuleKind(kind).label[0].lower() + RuleKind(kind).label[1:]


def _flag(value: bool | None, wanted: bool, yes: str, no: str) -> Verdict:
    if value is None:
        return Verdict(None, f"à vérifier : {yes.lower()}")
    return Verdict(True, yes) if value == wanted else Verdict(False, no)


def evaluate(rule: EligibilityRule, answers: Answers) -> Verdict:
    kind = rule.kind
    if kind in (RuleKind.AGE_MIN, RuleKind.AGE_MAX):
        if answers.age is None:
            return Verdict(None, f"âge à vérifier ({describe(rule)})")
        fits = answers.age >= rule.number if kind == RuleKind.AGE_MIN else answers.age <= rule.number
        return Verdict(
            fits, f"{answers.age} ans : {'condition remplie' if fits else 'ne permet pas'} ({describe(rule)})"
        )
    if kind == RuleKind.JOB_SEEKER:
        return _flag(answers.job_seeker, True, "Inscrite comme demandeuse d'emploi", "N'est pas demandeuse d'emploi")
    if kind == RuleKind.RSA:
        return _flag(answers.rsa, True, "Bénéficiaire du RSA", "N'est pas bénéficiaire du RSA")
    if kind == RuleKind.QPV:
        return _flag(
            answers.qpv, True, "Réside dans un quartier prioritaire", "Ne réside pas dans un quartier prioritaire"
        )
    if kind == RuleKind.COMMUNES:
        codes = set(rule.codes.split())
        if not answers.commune_code:
            return Verdict(None, "commune de résidence à vérifier")
        fits = bool(codes & {answers.commune_code, answers.epci_code, answers.departement_code})
        return Verdict(
            fits, "Réside sur le territoire du dispositif" if fits else "Réside hors du territoire du dispositif"
        )
    if kind in (RuleKind.LANGUAGE_MAX, RuleKind.LANGUAGE_MIN):
        if not answers.language_level:
            return Verdict(None, f"niveau de français à vérifier ({describe(rule)})")
        have, limit = CECRL_ORDER.get(answers.language_level, 0), CECRL_ORDER.get(rule.level, 0)
        fits = have <= limit if kind == RuleKind.LANGUAGE_MAX else have >= limit
        level = CECRL_LABELS.get(answers.language_level, answers.language_level)
        return Verdict(fits, f"Français {level} : {'convient' if fits else 'ne convient pas'} ({describe(rule)})")
    if kind == RuleKind.DIPLOMA_MAX:
        if not answers.diploma_level:
            return Verdict(None, f"niveau de diplôme à vérifier ({describe(rule)})")
        fits = int(answers.diploma_level) <= int(rule.level or 8)
        level = DIPLOMA_LABELS.get(answers.diploma_level, answers.diploma_level)
        return Verdict(fits, f"{level} : {'convient' if fits else 'niveau trop élevé'} ({describe(rule)})")
    if kind == RuleKind.DRIVING_LICENCE:
        return _flag(answers.driving_licence, True, "A le permis B", "N'a pas le permis B")
    if kind == RuleKind.NO_DRIVING_LICENCE:
        return _flag(answers.driving_licence, False, "N'a pas encore le permis B", "A déjà le permis B")
    if kind == RuleKind.DISABILITY:
        return _flag(
            answers.disability, True, "Reconnaissance du handicap déclarée", "Pas de reconnaissance du handicap"
        )
    return Verdict(None, "condition inconnue")


PUBLIC_TESTS = {
    "jeunes": lambda a: None if a.age is None else a.age < 26,
    "seniors": lambda a: None if a.age is None else a.age >= 50,
    "demandeurs-emploi": lambda a: a.job_seeker,
    "beneficiaires-des-minimas-sociaux": lambda a: a.rsa,
    "residents-qpv-frr": lambda a: a.qpv,
    "personnes-en-situation-de-handicap": lambda a: a.disability,
}


def public_verdict(publics: list[str], answers: Answers) -> Verdict | None:
    """The schema's rule: a person is eligible when she belongs to at least one of the publics."""
    if not publics or "tous-publics" in publics:
        return None
    from . import schema

    results = []
    for public in publics:
        test = PUBLIC_TESTS.get(public)
        results.append(test(answers) if test else (True if public in answers.publics else None))
    labels = ", ".join(schema.label("publics", p) for p in publics)
    if any(r is True for r in results):
        return Verdict(True, f"Fait partie du public visé ({labels})")
    if all(r is False for r in results):
        return Verdict(False, f"Hors du public visé ({labels})")
    return Verdict(None, f"public visé à vérifier ({labels})")


def age_on(birth_date: date | None, today: date) -> int | None:
    if not birth_date:
        return None
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
