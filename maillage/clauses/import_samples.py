"""Filled example files, built from the user's own lots, to try the three imports in a row.

Participants first (three fictional people, and one row the rules refuse: « senior » for a person of
30), then their contracts on one of the user's running lots, then their hours of the last two months
(and one month over the plausible maximum, refused too). Every lot is named, never numbered by its id.
"""

from datetime import date

from django.db.models import Count, Q

from maillage.kernel.exports import csv_response

from . import policies as policy
from .models import ImportKind, LotStatus
from .services.imports import COLUMNS
from .services.sizing import add_months, month_start

PEOPLE = [
    # last name, first name, birth (years before today, month, day), sex, criteria
    ("Exemple-Durand", "Léa", (23, 3, 14), "F", "jeune"),
    ("Exemple-Benali", "Karim", (41, 7, 2), "M", "rsa,qpv"),
    ("Exemple-Lefèvre", "Sylvie", (55, 11, 20), "F", "senior"),
]
HOLDER = Q(lot_companies__end_on__isnull=True, lot_companies__role="titulaire")
JOB = "Ouvrier ou ouvrière polyvalente"
REFUSED_PERSON = ("Exemple-Morel", "Théo", (30, 5, 5), "M", "senior")


def _birth(today: date, spec) -> date:
    years, month, day = spec
    return date(today.year - years, month, day)


def _sample_lot(user):
    """A running lot the user follows, with one current holder (the contracts' default employer)."""
    return (
        policy.followable_lots(user)
        .filter(status=LotStatus.RUNNING)
        .annotate(
            holders=Count(
                "lot_companies", filter=Q(lot_companies__end_on__isnull=True, lot_companies__role="titulaire")
            )
        )
        .filter(holders=1)
        .select_related("market__operation", "commune")
        .order_by("market__operation__name", "number")
        .first()
    )


def sample_rows(user, kind: str, today: date | None = None) -> list[list[str]]:
    today = today or date.today()
    start = add_months(month_start(today), -3)
    validated = add_months(start, -1)
    lot = _sample_lot(user)
    if kind == ImportKind.PARTICIPANTS:
        commune = lot.commune.code if lot is not None and lot.commune_id else ""  # near the site
        return [
            [last, first, f"{_birth(today, birth):%d/%m/%Y}", sex, commune, "3", criteria, f"{validated:%d/%m/%Y}"]
            for last, first, birth, sex, criteria in [*PEOPLE, REFUSED_PERSON]
        ]
    if lot is None:
        return []
    where = [lot.market.operation.name, lot.market.reference, f"Lot {lot.number} – {lot.label}"]
    identities = [[last, first, f"{_birth(today, birth):%d/%m/%Y}"] for last, first, birth, *_ in PEOPLE]
    if kind == ImportKind.CONTRACTS:
        return [[*who, *where, "", "cddi", f"{start:%d/%m/%Y}", "", JOB] for who in identities]
    months = [add_months(month_start(today), -2), add_months(month_start(today), -1)]
    rows = [[*who, *where, f"{month:%Y-%m}", "120", ""] for who in identities for month in months]
    rows.append([*identities[0], *where, f"{add_months(start, 0):%Y-%m}", "300", ""])  # over the plausible maximum
    return rows


def sample_response(user, kind: str):
    headers = [header for _, header, *_ in COLUMNS[kind]]
    return csv_response(f"exemple-import-{kind}", headers, sample_rows(user, kind))
