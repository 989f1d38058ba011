"""Synthetic contracts (demo, benchmark) are valid against the official 2022 schema and import cleanly."""

import gzip
import json

import jsonschema

from maillage.procurement.decp.importer import DecpImporter
from maillage.procurement.demo.synthetic import ContractFactory, communes_from_database, write_file
from maillage.procurement.models import Contract
from maillage.procurement.services import path_sources


def test_records_follow_the_official_schema(territory, fixture_path, tmp_path):
    with open(fixture_path("schema_decp_v2.0.3.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    factory = ContractFactory(communes_from_database(), seed=1, buyers=30)
    path = tmp_path / "synthetique.json.gz"
    write_file(str(path), factory, 300)

    with gzip.open(path, "rt", encoding="utf-8") as handle:
        document = json.load(handle)
    jsonschema.validate(document, schema)
    records = document["marches"]["marche"]
    assert len(records) == 300
    assert len({(r["acheteur"]["id"], r["id"]) for r in records}) == 300

    result = DecpImporter(parallel=False).run(path_sources([str(path)]))
    assert result.rejected == 0
    assert Contract.objects.count() == 300
    assert Contract.objects.filter(epci_id__isnull=True).count() < 60  # départements and régions only


def test_same_seed_same_contracts(territory):
    communes = communes_from_database()
    first = [ContractFactory(communes, seed=7, buyers=10).contract() for _ in range(3)]
    second = [ContractFactory(communes, seed=7, buyers=10).contract() for _ in range(3)]
    assert first == second
