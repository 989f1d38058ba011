"""One commune field for every module (issue #10: five copies disagreed on codes, postcodes and homonyms)."""

import pytest
from django import forms

from maillage.kernel.models import MdeSettings
from maillage.territories.forms import CommuneField, resolve_commune
from maillage.territories.models import PostalCode
from tests.factories import CommuneFactory, DepartementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    eure, calvados, corse = (DepartementFactory(code=c) for c in ("27", "14", "2A"))
    MdeSettings.objects.update_or_create(pk=1, defaults={"name": "MDE de l'Eure", "departement": eure})
    evreux = CommuneFactory(code="27229", name="Évreux", search_name="evreux", departement=eure, population=46000)
    big = CommuneFactory(code="27375", name="Louviers", search_name="louviers", departement=eure, population=18000)
    small = CommuneFactory(code="27003", name="Acquigny", search_name="acquigny", departement=eure, population=1700)
    home = CommuneFactory(code="27001", name="Saint-Pierre", search_name="saint-pierre", departement=eure)
    away = CommuneFactory(code="14001", name="Saint-Pierre", search_name="saint-pierre", departement=calvados)
    ajaccio = CommuneFactory(code="2A004", name="Ajaccio", search_name="ajaccio", departement=corse)
    for code, commune in (("27000", evreux), ("27400", big), ("27400", small)):
        PostalCode.objects.create(code=code, commune=commune)
    return {"evreux": evreux, "louviers": big, "home": home, "away": away, "ajaccio": ajaccio}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Évreux (27229)", "evreux"),
        ("27229", "evreux"),
        ("2a004", "ajaccio"),
        ("27000", "evreux"),  # a postcode of one commune
        ("EVREUX", "evreux"),
        ("saint pierre", "home"),  # homonyms: the MDE's département first
        ("Saint-Pierre (14001)", "away"),
    ],
)
def test_every_way_of_naming_a_commune(places, typed, expected):
    assert CommuneField(strict=True).clean(typed) == places[expected]


def test_a_search_takes_the_likeliest_a_record_asks(places):
    assert resolve_commune("27400") == places["louviers"]  # the most populated of the postcode
    assert CommuneField().clean("27400") == places["louviers"]
    with pytest.raises(forms.ValidationError, match=r"Plusieurs communes correspondent \(Louviers \(27375\), Acq"):
        CommuneField(strict=True).clean("27400")


def test_unknown_and_empty(places):
    with pytest.raises(forms.ValidationError, match="Commune inconnue"):
        CommuneField().clean("Atlantide")
    assert CommuneField(required=False).clean("") is None
    assert CommuneField().prepare_value(places["evreux"]) == "Évreux (27229)"
    assert CommuneField().prepare_value("27229") == "Évreux (27229)"
