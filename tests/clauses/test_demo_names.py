"""The demo's names are written as French writes them (« de Le Vaudreuil » showed on every list)."""

import random

from maillage.clauses.demo.data import PROGRAMMES
from maillage.clauses.demo.operations import _operation_name


def test_operation_names_contract_the_article_of_a_place():
    names = {_operation_name(pattern, "Le Vaudreuil", random.Random(1)) for _, _, pattern in PROGRAMMES}
    assert "Rénovation énergétique de la mairie du Vaudreuil" in names
    assert "Restauration scolaire du Vaudreuil" in names
    assert not any(" de Le " in name for name in names)
    assert _operation_name("Restauration scolaire {de_place}", "Évreux", random.Random(1)) == (
        "Restauration scolaire d'Évreux"
    )
