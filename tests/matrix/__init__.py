"""The permission matrix, generated from the URL configuration.

Every URL pattern and API route (``tests/matrix/test_permission_matrix.py`` walks the resolver)
has one row in exactly one ``tests/<module>/matrix.py``; a row gives the URL's arguments (paths in
the shared ``World``: ``{"pk": "lot"}`` is ``world.lot.pk``) and the HTTP status each role gets:

    MATRIX = {
        "clauses:lot_detail": row({"pk": "lot"}, "302 200 200 403 ..."),   # one code per ROLES entry
    }

Objects belong to the home side (company A, EPCI A, the MDE's facilitator) so that ``other_company``
(a member of company B) and ``other_epci`` (a facilitator of a PLIE scoped to EPCI B) show what
another organisation and another territory get. A module adds its objects with
``build(world)`` in its matrix file. ``python -m tests.matrix.record <module>`` prints the observed
rows, to review before pasting them: a new URL without a row fails the test.
"""

from dataclasses import dataclass, field

# anonymous, MDE administrator, facilitator (MDE, EPCI A, follows operation A), chargé de mission,
# France Travail adviser, member of company A, buyer A (viewer), elected official (funder, viewer),
# member of company B, facilitator of another structure scoped to EPCI B, job seeker with an account.
ROLES = (
    "anonymous",
    "admin",
    "facilitator",
    "charge_mission",
    "partner",
    "company",
    "buyer",
    "elu",
    "other_company",
    "other_epci",
    "candidate",
)


@dataclass(frozen=True)
class Row:
    kwargs: dict = field(default_factory=dict)
    codes: tuple[int, ...] = ()
    method: str = "GET"
    query: str = ""

    def expected(self) -> dict[str, int]:
        return dict(zip(ROLES, self.codes, strict=True))


def row(kwargs: dict | None = None, codes: str = "", method: str = "GET", query: str = "") -> Row:
    return Row(kwargs or {}, tuple(int(code) for code in codes.split()), method, query)
