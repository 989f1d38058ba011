"""Lots named in an import file by what a facilitator knows: operation, lot label or number, market reference.

Never by Maillage's internal id. The lots the user follows are read once per import; each row is matched in
memory. A name that fits several lots is refused with the candidates listed, so that the user adds the
operation or the market reference.
"""

from dataclasses import dataclass

from maillage.common_text import count_of
from maillage.common_text import fold as _fold

from .. import policies as policy

MAX_LISTED = 5


def fold(text: str) -> str:
    """The shared folding, dashes of every length included (« Lot 2 – Gros œuvre »)."""
    return " ".join(_fold(text).replace("–", " ").replace("—", " ").split())


class LotNotFound(ValueError):
    pass


@dataclass(frozen=True)
class _Entry:
    pk: int
    operation: str
    reference: str
    number: int
    label: str

    @property
    def keys(self) -> set[str]:
        """The folded ways to write this lot: its label, « Lot 2 – label », « lot 2 », « 2 », « M-12 lot 2 »."""
        label, number = fold(self.label), str(self.number)
        keys = {label, f"lot {number} {label}", f"lot {number}", number, f"{label} lot {number}"}
        if self.reference:
            reference = fold(self.reference)
            keys |= {f"{reference} lot {number}", f"{reference} {number}", f"{reference} lot {number} {label}"}
        return keys

    def describe(self) -> str:
        market = f" (marché {self.reference})" if self.reference else ""
        return f"« {self.operation} – Lot {self.number} – {self.label}{market} »"


class LotResolver:
    """Finds the lot of a row among the lots the user may follow up (enter contracts and hours)."""

    def __init__(self, user):
        rows = (
            policy.followable_lots(user)
            .order_by("market__operation__name", "market__reference", "number", "pk")
            .values_list("pk", "market__operation__name", "market__reference", "number", "label")
        )
        self.entries = [_Entry(*row) for row in rows]

    def resolve(self, lot: str, operation: str = "", reference: str = "") -> int:
        """The id of the one lot these cells name; ``LotNotFound`` (a French message) otherwise."""
        wanted = fold(lot)
        if not wanted:
            raise LotNotFound("lot obligatoire : son intitulé ou son numéro (« Lot 2 – Gros œuvre », « 2 »)")
        candidates = self.entries
        if operation:
            candidates = _narrow(candidates, fold(operation), lambda e: e.operation)
            if not candidates:
                raise LotNotFound(f"aucune opération suivie ne s'appelle « {operation} »")
        if reference:
            candidates = [e for e in candidates if fold(e.reference) == fold(reference)]
            if not candidates:
                raise LotNotFound(f"aucun marché suivi n'a la référence « {reference} »")
        matches = [e for e in candidates if wanted in e.keys]
        if len(matches) == 1:
            return matches[0].pk
        if not matches:
            raise LotNotFound(
                f"lot « {lot} » introuvable parmi les lots que vous suivez"
                + ("" if operation else " (ajoutez la colonne « operation » pour le trouver plus sûrement)")
            )
        listed = " ; ".join(e.describe() for e in matches[:MAX_LISTED])
        more = f" et {count_of(len(matches) - MAX_LISTED, 'autre')}" if len(matches) > MAX_LISTED else ""
        raise LotNotFound(
            f"« {lot} » désigne {len(matches)} lots : {listed}{more}. Précisez l'opération (colonne « operation ») "
            "ou la référence du marché (colonne « reference_marche »)"
        )


def _narrow(entries: list[_Entry], wanted: str, field) -> list[_Entry]:
    exact = [e for e in entries if fold(field(e)) == wanted]
    return exact or [e for e in entries if wanted in fold(field(e))]
