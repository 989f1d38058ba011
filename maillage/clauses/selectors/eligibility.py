"""Plausibility of a person's eligibilities, for the facilitator: what contradicts or cannot be checked."""

from datetime import date


def eligibility_warning(eligibility, birth_date: date | None) -> str:
    """A French note when the criterion's age condition cannot be checked or is contradicted, else ``""``.

    The services refuse a contradiction when the criterion is validated or a contract starts; this flags
    what was recorded before a territory set the condition, or for a person whose birth date is unknown."""
    criterion = eligibility.criterion
    if criterion.age_unknown(birth_date):
        return "À vérifier : date de naissance inconnue, la condition d'âge du critère n'a pas pu être contrôlée."
    on = eligibility.validated_on or date.today()
    problem = criterion.age_problem(birth_date, on)
    return f"À vérifier : {problem}" if problem else ""


def with_warnings(eligibilities, birth_date: date | None) -> list:
    """The eligibilities, each with a ``warning`` attribute (``""`` when plausible)."""
    rows = list(eligibilities)
    for eligibility in rows:
        eligibility.warning = eligibility_warning(eligibility, birth_date)
    return rows
