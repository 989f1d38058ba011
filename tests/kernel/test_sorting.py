"""``kernel.sorting.Folded``: names sort as people read them, on SQLite and PostgreSQL alike."""

import pytest

from maillage.accounts.models import Organisation
from maillage.kernel.sorting import Folded, SortColumn, Sorting

pytestmark = pytest.mark.django_db


def test_folded_names_sort_accents_among_their_letters():
    for name in ("Zénith", "ÉCOLE de la 2e chance", "Évreux Portes de Normandie", "eure Habitat", "Œuvre", "Agglo"):
        Organisation.objects.create(name=name, kind="association")
    names = list(Organisation.objects.annotate(key=Folded("name")).order_by("key").values_list("name", flat=True))
    assert names == ["Agglo", "ÉCOLE de la 2e chance", "eure Habitat", "Évreux Portes de Normandie", "Œuvre", "Zénith"]
    descending = Organisation.objects.annotate(key=Folded("name")).order_by("-key").values_list("name", flat=True)
    assert list(descending) == names[::-1]


COLUMNS = [SortColumn("nom", "Nom", ("name",)), SortColumn("montant", "Montant", ("amount",), descending_first=True)]


@pytest.mark.parametrize(
    ("asked", "key", "descending"),
    [
        ("nom", "nom", False),
        ("-montant", "montant", True),
        ("", "montant", True),
        # Malformed or unknown: the default order, never a lenient reading (« --montant » is not « -montant »).
        ("--montant", "montant", True),
        ("--nom", "montant", True),
        ("---nom", "montant", True),
        ("-", "montant", True),
        ("nom ", "montant", True),
        ("+nom", "montant", True),
        ("-nom-", "montant", True),
        ("name", "montant", True),
    ],
)
def test_only_a_declared_key_with_at_most_one_minus_sorts(rf, asked, key, descending):
    sorting = Sorting(rf.get("/", {"tri": asked}), COLUMNS, default="-montant")
    assert (sorting.key, sorting.descending) == (key, descending)
