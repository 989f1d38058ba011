"""The sortable columns of the lot progress tables (dashboard, lot list)."""

from maillage.common_text import fold
from maillage.kernel.sorting import SortColumn

LOT_COLUMNS = [
    SortColumn(
        "operation",
        "Opération",
        ("market__operation__name", "number"),
        lambda r: (fold(r["lot"].market.operation.name), r["lot"].number),
    ),
    SortColumn("lot", "Lot", ("label", "number"), lambda r: (fold(r["lot"].label), r["lot"].number)),
    SortColumn("prevues", "Heures prévues", ("target_hours",), lambda r: r["target"], descending_first=True),
    SortColumn("dues", "Dues à date", (), lambda r: r["due"], descending_first=True),
    SortColumn("realisees", "Réalisées", (), lambda r: r["done"], descending_first=True),
    SortColumn("avancement", "Avancement", (), lambda r: r["rate"]),
    SortColumn("a_valider", "À valider", (), lambda r: r["pending"], descending_first=True),
]
