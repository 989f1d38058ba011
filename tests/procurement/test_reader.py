"""The streaming reader: shapes, chunk boundaries, NaN, broken files."""

import gzip
import io
import json

import pytest

from maillage.procurement.decp import reader
from maillage.procurement.decp.places import PlaceResolver, departement_of_postcode


def items(data: bytes):
    return list(reader.iter_items(io.BytesIO(data)))


def test_shapes():
    assert [i.kind for i in items(b'{"marches": {"marche": [{"id": 1}], "contrat-concession": [{"id": 2}]}}')] == [
        "marche",
        "concession",
    ]
    assert [i.value for i in items(b'{"$schema": "x", "marches": [{"id": 1}, {"id": 2}]}')] == [{"id": 1}, {"id": 2}]
    assert [i.value for i in items(b'[{"id": 1}]')] == [{"id": 1}]
    assert items(b'{"marches": []}') == []


def test_nan_and_bom_and_raw_text():
    found = items(b'\xef\xbb\xbf{"marches": [ {"id": 1, "montant": NaN} ]}')
    assert found[0].raw == '{"id": 1, "montant": NaN}'


def test_chunk_boundaries(monkeypatch):
    monkeypatch.setattr(reader, "CHUNK_CHARS", 7)
    records = [{"id": f"A{i}", "montant": 1000 + i, "objet": "é" * (i % 13)} for i in range(200)]
    data = json.dumps({"marches": {"marche": records}}).encode()
    assert [i.value for i in items(data)] == records
    assert [i.value for i in items(gzip.compress(data))] == records


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "vide"),
        (b"id;objet", "pas du JSON"),
        (b'{"autre": [1]}', "pas un fichier DECP"),
        (b'{"marches": [{"id": 1} {"id": 2}]}', "JSON invalide"),
        (b'{"marches": [{"id": 1}, {"id": ', "JSON invalide"),
    ],
)
def test_broken_files(data, message):
    with pytest.raises(reader.DecpFormatError, match=message):
        items(data)


def test_place_resolver_rules():
    resolver = PlaceResolver(
        communes={"27229": ("200071454", "27", "28"), "75056": ("200054781", "75", "11"), "01116": ("X", "01", "84")},
        postcodes={"27000": ["27229"], "75013": ["75056"]},
        departements={"27": "28", "75": "11", "01": "84", "2A": "94", "974": "04"},
        regions={"28", "11", "84", "94", "04"},
        former_codes={"27999": "27229"},
    )
    assert resolver.resolve("27000", "Code postal").epci == "200071454"
    assert resolver.resolve("27229", "Code commune").commune == "27229"
    assert resolver.resolve("27999", "Code commune").commune == "27229"  # merged commune
    assert resolver.resolve("75113", "Code commune").commune == "75056"  # municipal arrondissement
    assert resolver.resolve("27006", "Code postal").departement == "27"  # CEDEX
    assert resolver.resolve("27006", "Code postal").note.startswith("code postal inconnu")
    assert resolver.resolve("1116", "Code commune").commune == "01116"  # leading zero lost
    assert resolver.resolve("27000", "Code commune").note == "code postal fourni comme code commune"
    assert resolver.resolve("027", "Code département").departement == "27"
    assert resolver.resolve("27229", "Code département").commune == "27229"
    assert resolver.resolve("274", "Code arrondissement").departement == "27"
    assert resolver.resolve("28", "Code région").region == "28"
    assert resolver.resolve("DEP", "Code département").precision == ""
    assert resolver.resolve("FR", "Code pays").precision == ""
    assert departement_of_postcode("20100") == "2A"
    assert departement_of_postcode("20200") == "2B"
    assert departement_of_postcode("97430") == "974"
