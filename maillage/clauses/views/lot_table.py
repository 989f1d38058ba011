"""The sortable columns of the long clause tables: lot progress (dashboard, lot list), operations, people."""

from maillage.common_text import fold
from maillage.kernel.sorting import Folded, SortColumn, choice_rank
from maillage.people.selectors import NAME_SORT_FIELDS

from ..models import OperationStatus

# Names folded in SQL as in Python (the page and its export in the same order): the lot list's queryset is
# annotated with ``lot_sort_keys()``.
LOT_COLUMNS = [
    SortColumn(
        "operation",
        "Opération",
        ("operation_key", "number"),
        lambda r: (fold(r["lot"].market.operation.name), r["lot"].number),
    ),
    SortColumn("lot", "Lot", ("label_key", "number"), lambda r: (fold(r["lot"].label), r["lot"].number)),
    SortColumn("prevues", "Heures prévues", ("target_hours",), lambda r: r["target"], descending_first=True),
    SortColumn("dues", "Dues à date", (), lambda r: r["due"], descending_first=True),
    SortColumn("realisees", "Réalisées", (), lambda r: r["done"], descending_first=True),
    SortColumn("avancement", "Avancement", (), lambda r: r["rate"]),
    SortColumn("a_valider", "À valider", (), lambda r: r["pending"], descending_first=True),
]

# Names folded (« École » among the E, not after « Zone »): the list is annotated with ``operation_sort_keys()``.
OPERATION_COLUMNS = [
    SortColumn("operation", "Opération", ("name_key",)),
    SortColumn("donneur", "Donneur d'ordre", ("buyer_key", "name_key")),
    SortColumn("epci", "EPCI", ("epci__search_name", "name_key")),
    SortColumn("etat", "État", ("status_rank", "name_key")),  # the workflow's order, prospecting first
    SortColumn("debut", "Début", ("start_on", "name_key"), descending_first=True),
    SortColumn("lots", "Lots", ("lot_count", "name_key"), descending_first=True),
]


def lot_sort_keys() -> dict:
    return {"operation_key": Folded("market__operation__name"), "label_key": Folded("label")}


def operation_sort_keys() -> dict:
    return {
        "name_key": Folded("name"),
        "buyer_key": Folded("buyer__name"),
        "status_rank": choice_rank("status", OperationStatus.choices),
    }


# Names and communes folded (« Écalard » among the E, Évreux before Vernon): the list's queryset is
# annotated with ``people.selectors.name_sort_keys``.
NAME = NAME_SORT_FIELDS
PARTICIPANT_COLUMNS = [
    SortColumn("nom", "Nom", NAME),
    SortColumn("commune", "Commune", ("commune__search_name", *NAME)),
    SortColumn("qualification", "Qualification", ("qualification", *NAME)),
]
