"""Demo data of the procurement module: the bundled DECP samples and synthetic contracts for the Eure.

Deterministic (seeded) and idempotent: a second run finds the demo import and stops. The synthetic
contracts go through the real import pipeline (a temporary 2022-format file), so the demo shows what
an import of real files gives. One EPCI of the perimeter is given no social clause at all, so that the
radar has something to point at.
"""

import os
import tempfile
from pathlib import Path

from ..decp.importer import Source
from ..models import DecpImport
from .synthetic import ContractFactory, communes_from_database

DEMO_LABEL = "Démonstration : échantillons DECP et marchés synthétiques de l'Eure"
DEMO_DATA = Path(__file__).parent / "data"
SAMPLES = ["decp_test_2022.json.gz", "decp_test_2019.json.gz", "e-marchespublics.json.gz"]
# The Eure and its neighbours.
DEPARTEMENTS = ["27", "76", "14", "61", "28", "78", "95", "60"]
SYNTHETIC_CONTRACTS = 4000
EPCI_WITHOUT_CLAUSE = "242700607"  # CC du Pays du Neubourg (in the demo perimeter)
NO_SOCIAL = {"considerationSociale": ["Pas de considération sociale"]}


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(f"Marchés publics (DECP) : {message}\n")


def synthetic_records(communes, count: int = SYNTHETIC_CONTRACTS) -> list[dict]:
    """The demo's synthetic contracts, weighted towards the Eure (three in four)."""
    from maillage.territories.models import Commune

    eure = [c for c in communes if c.departement == "27"]
    others = [c for c in communes if c.departement != "27"]
    records = list(
        ContractFactory(eure, seed=2027, buyers=90, years=(2021, 2025), id_prefix="DEMO").contracts(count * 3 // 4)
    )
    if others:
        factory = ContractFactory(others, seed=2028, buyers=120, years=(2021, 2025), id_prefix="DEMV")
        records += list(factory.contracts(count - len(records)))
    without = set(Commune.objects.filter(epci_id=EPCI_WITHOUT_CLAUSE).values_list("code", flat=True))
    postcodes = {c.postcode for c in eure if c.code in without}
    for record in records:
        place = record["lieuExecution"]
        if place["code"] in without or (place["typeCode"] == "Code postal" and place["code"] in postcodes):
            record["considerationsSociales"] = NO_SOCIAL
    return records


def seed(stdout=None) -> None:
    from .. import services

    if DecpImport.objects.filter(label=DEMO_LABEL, status=DecpImport.Status.DONE).exists():
        _say(stdout, "déjà chargés.")
        return
    sources = [
        Source(name, (lambda name=name: open(DEMO_DATA / name, "rb")), (DEMO_DATA / name).stat().st_size)  # noqa: SIM115
        for name in SAMPLES
    ]
    communes = communes_from_database(DEPARTEMENTS)
    handle, path = tempfile.mkstemp(suffix=".json")
    os.close(handle)
    try:
        if communes:
            import json

            with open(path, "w", encoding="utf-8") as out:
                json.dump({"marches": {"marche": synthetic_records(communes)}}, out, ensure_ascii=False)
            sources.append(Source("marches-synthetiques-eure.json", lambda: open(path, "rb"), os.path.getsize(path)))  # noqa: SIM115
        else:
            _say(stdout, "communes absentes (lancez load_reference) : seuls les échantillons sont importés.")
        decp_import = DecpImport.objects.create(label=DEMO_LABEL)
        decp_import = services.run_import(sources, decp_import=decp_import, parallel=False)
    finally:
        os.unlink(path)
    _say(stdout, decp_import.message)
