"""A small territory with real structure: two EPCI, four communes, a bassin BMO straddling both."""

import pytest

from maillage.kernel.models import MdeSettings
from maillage.observatory.importers.store import DatasetSpec, ImportReport, sync_dataset
from maillage.observatory.models import Level, Zone, ZoneCommune
from tests.factories import CommuneFactory, DepartementFactory, EpciFactory

EPCI_A, EPCI_B = "200000001", "200000002"


def figure(
    level, code, period, indicator, value, *, dim_kind="", dim_code="", unit="personnes", secret=False, lower=False
):
    return (level, code, period, indicator, dim_kind, dim_code, value, unit, secret, lower)


@pytest.fixture
def territory(db):
    dep = DepartementFactory()
    a = EpciFactory(code=EPCI_A, name="CA Alpha", population=12000)
    b = EpciFactory(code=EPCI_B, name="CC Beta", population=10000)
    communes = {
        "27001": CommuneFactory(code="27001", name="Alphaville", epci=a, population=10000, departement=dep),
        "27002": CommuneFactory(code="27002", name="Petit-Alpha", epci=a, population=2000, departement=dep),
        "27003": CommuneFactory(code="27003", name="Betaville", epci=b, population=6000, departement=dep),
        "27004": CommuneFactory(code="27004", name="Petit-Beta", epci=b, population=4000, departement=dep),
    }
    evreux = Zone.objects.create(level=Level.BASSIN, code="2811", name="EVREUX")
    louviers = Zone.objects.create(level=Level.BASSIN, code="2810", name="LOUVIERS")
    for code in ("27001", "27002", "27003"):
        ZoneCommune.objects.create(zone=evreux, commune_code=code)
    ZoneCommune.objects.create(zone=louviers, commune_code="27004")
    mde = MdeSettings.current()
    mde.short_name = "MDE Test"
    mde.save()
    mde.perimeter.set([a, b])
    rows = [
        figure(Level.BASSIN, "2811", "2024", "bmo_projects", 180, dim_kind="fap", dim_code="A0X40", unit="projets"),
        figure(Level.BASSIN, "2811", "2024", "bmo_difficult", 90, dim_kind="fap", dim_code="A0X40", unit="projets"),
        figure(
            Level.BASSIN,
            "2811",
            "2024",
            "bmo_seasonal",
            None,
            dim_kind="fap",
            dim_code="A0X40",
            unit="projets",
            secret=True,
        ),
        figure(Level.BASSIN, "2810", "2024", "bmo_projects", 40, dim_kind="fap", dim_code="A0X40", unit="projets"),
        figure(Level.BASSIN, "2810", "2024", "bmo_difficult", 10, dim_kind="fap", dim_code="A0X40", unit="projets"),
        figure(Level.BASSIN, "2811", "2024", "bmo_projects", 180, unit="projets"),
        figure(Level.BASSIN, "2811", "2024", "bmo_difficult", 90, unit="projets"),
        figure(Level.BASSIN, "2810", "2024", "bmo_projects", 40, unit="projets"),
        figure(Level.BASSIN, "2810", "2024", "bmo_difficult", 10, unit="projets"),
        figure(Level.DEPARTEMENT, "27", "2024", "bmo_projects", 1000, unit="projets"),
        figure(Level.DEPARTEMENT, "27", "2024", "bmo_difficult", 600, unit="projets"),
        figure(Level.FRANCE, "FR", "2024", "bmo_projects", 100000, unit="projets"),
        figure(Level.FRANCE, "FR", "2024", "bmo_difficult", 50000, unit="projets"),
    ]
    for period, alpha, beta, dep_value in (
        ("2020-01", 1000, 3, 5000),
        ("2023-12", 900, 3, 4800),
        ("2024-12", 950, 3, 4700),
    ):
        rows += [
            figure(Level.COMMUNE, "27001", period, "job_seekers", alpha, dim_kind="categorie", dim_code="ABC"),
            figure(Level.COMMUNE, "27003", period, "job_seekers", beta, dim_kind="categorie", dim_code="ABC"),
            figure(Level.DEPARTEMENT, "27", period, "job_seekers", dep_value, dim_kind="categorie", dim_code="ABC"),
            figure(Level.FRANCE, "FR", period, "job_seekers", 5_000_000, dim_kind="categorie", dim_code="ABC"),
        ]
    sync_dataset(DatasetSpec("test", "Jeu de test", "Test", "2024"), rows, ImportReport("test", dry_run=False))
    return {"communes": communes, "a": a, "b": b, "dep": dep}
