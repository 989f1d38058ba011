"""Statistical secrecy for counts of people (DOMAIN.md §5).

Primary secrecy: a count of people strictly between 0 and the threshold
(``OBSERVATORY_SECRECY_THRESHOLD``, 5 by default) is masked. Secondary secrecy: in a table shown
with its totals, a line (row or column) with exactly one masked cell would let anyone recover it
(total minus the visible siblings), so the smallest other non-zero cell of that line is masked
too, repeatedly until every line has zero or at least two masked cells. A total below the
threshold is masked with its cells. The same functions serve the pages, the exports and the API.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from django.conf import settings

SECRET_LABEL = "secret"
PEOPLE_UNITS = {"personnes", "candidats", "demandeurs", "salariés"}


def threshold() -> int:
    return int(getattr(settings, "OBSERVATORY_SECRECY_THRESHOLD", 5))


def is_small(value, limit: int | None = None) -> bool:
    limit = threshold() if limit is None else limit
    return value is not None and 0 < value < limit


def mask_value(value, unit: str = "personnes"):
    """One figure on its own (no siblings): ``None`` when it is a small count of people."""
    if unit in PEOPLE_UNITS and is_small(value):
        return None
    return value


@dataclass
class Protected:
    """A protected table: ``values`` with masked cells set to ``None`` and which mask is why."""

    values: dict
    primary: set
    secondary: set

    @property
    def masked(self) -> set:
        return self.primary | self.secondary


def protect_series(values: Mapping[Hashable, float | None], *, with_total: bool = True) -> Protected:
    """A one-line table (cells and, when ``with_total``, their total shown beside them)."""
    protected = protect_matrix({(0, key): value for key, value in values.items()}, lines=("row",) if with_total else ())
    return Protected(
        {key: protected.values[(0, key)] for key in values},
        {key for _row, key in protected.primary},
        {key for _row, key in protected.secondary},
    )


def protect_matrix(cells: Mapping[tuple, float | None], *, lines=("row", "col"), limit: int | None = None) -> Protected:
    """Primary then secondary secrecy on a two-key table ``{(row, col): count}``.

    ``lines`` says which totals are shown: row totals (``"row"``), column totals (``"col"``).
    """
    limit = threshold() if limit is None else limit
    primary = {key for key, value in cells.items() if is_small(value, limit)}
    masked = set(primary)
    groups: list[list[tuple]] = []
    if "row" in lines:
        rows: dict = {}
        for key in cells:
            rows.setdefault(key[0], []).append(key)
        groups.extend(rows.values())
    if "col" in lines:
        cols: dict = {}
        for key in cells:
            cols.setdefault(key[1], []).append(key)
        groups.extend(cols.values())
    changed = True
    while changed:
        changed = False
        for group in groups:
            hidden = [key for key in group if key in masked]
            if len(hidden) != 1:
                continue
            candidates = sorted(
                (cells[key], str(key), key) for key in group if key not in masked and cells[key] not in (None, 0)
            )
            if candidates:
                masked.add(candidates[0][2])
                changed = True
    values = {key: (None if key in masked else value) for key, value in cells.items()}
    return Protected(values, primary, masked - primary)


def display(value, digits: int = 0) -> str:
    """Text for exports: « secret » for a masked cell, the figure otherwise."""
    if value is None:
        return SECRET_LABEL
    if digits:
        return f"{value:.{digits}f}"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
