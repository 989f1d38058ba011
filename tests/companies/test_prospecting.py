"""Prospecting: ROME v4 → v3, NAF normalisation, ranking by hiring weight × size, scope, export."""

import datetime
import gzip
from pathlib import Path

import pytest
from django.urls import reverse

from maillage.companies import prospecting, services
from maillage.companies.models import HiringWeight, SizeBand
from maillage.kernel.models import MdeSettings
from tests.factories import CommuneFactory, EpciFactory

from .factories import (
    AppellationFactory,
    EstablishmentFactory,
    HiringWeightFactory,
    InteractionFactory,
    RecruitmentNeedFactory,
    RomeFicheFactory,
)


@pytest.fixture
def territory(db):
    inside, outside = EpciFactory(name="CA Évreux"), EpciFactory(name="CC Ailleurs")
    mde = MdeSettings.current()
    mde.perimeter.set([inside])
    return CommuneFactory(epci=inside), CommuneFactory(epci=outside)


@pytest.fixture
def weights(db):
    # A v4 fiche whose v3 parent differs: the file is keyed by the v3 code.
    fiche = RomeFicheFactory(code="H2914", label="Réalisation de structures métalliques", code_rome_parent="H2913")
    HiringWeightFactory(rome_v3="H2913", naf="25.62B", naf_label="Mécanique industrielle", hirings=3000)
    HiringWeightFactory(rome_v3="H2913", naf="25.11Z", naf_label="Structures métalliques", hirings=1000)
    HiringWeightFactory(rome_v3="K1304", naf="81.21Z", naf_label="Nettoyage", hirings=5000)
    return fiche


def test_resolve_job_maps_v4_to_v3(weights):
    appellation = AppellationFactory(fiche=weights, label="Chaudronnier / Chaudronnière")
    job = prospecting.resolve_job(appellation.code)
    assert (job.fiche_code, job.rome_v3, job.appellation_code) == ("H2914", "H2913", appellation.code)
    assert prospecting.resolve_job("h2914").rome_v3 == "H2913"
    assert prospecting.resolve_job("K1304").rome_v3 == "K1304"  # a v3 code known from the file only
    assert prospecting.resolve_job("Z9999") is None


def test_ranking_and_reasons(charge_mission, territory, weights):
    inside, outside = territory
    big_mechanics = EstablishmentFactory(name="Big", naf="25.62B", size_band=SizeBand.B32, commune=inside)
    small_mechanics = EstablishmentFactory(name="Small", naf="25.62B", size_band=SizeBand.B01, commune=inside)
    big_structures = EstablishmentFactory(name="Struct", naf="25.11Z", size_band=SizeBand.B32, commune=inside)
    EstablishmentFactory(name="Cleaner", naf="81.21Z", commune=inside)  # other sector
    EstablishmentFactory(name="Far", naf="25.62B", size_band=SizeBand.B53, commune=outside)  # outside the perimeter
    EstablishmentFactory(name="Closed", naf="25.62B", commune=inside, is_active=False)
    RecruitmentNeedFactory(establishment=small_mechanics, appellation__fiche=weights)
    job = prospecting.resolve_job("H2914")
    results = prospecting.prospects(charge_mission, job, epci_codes=[inside.epci_id])
    assert [p.establishment for p in results] == [big_mechanics, big_structures, small_mechanics]
    assert results[0].share == pytest.approx(0.75) and results[0].score == 100 and 0 < results[2].score < 100
    assert "25.62B" in results[0].reason and "75,0 %" in results[0].reason
    assert results[2].has_open_need and "besoin déjà exprimé" in results[2].reason
    assert results[0].last_contact is None and "aucun échange" in results[0].reason
    InteractionFactory(establishment=big_mechanics, date=datetime.date(2026, 5, 4))
    InteractionFactory(establishment=big_mechanics, date=datetime.date(2026, 9, 1))
    again = prospecting.prospects(charge_mission, job, epci_codes=[inside.epci_id])
    assert [p.establishment for p in again] == [big_mechanics, big_structures, small_mechanics]
    assert again[0].last_contact == datetime.date(2026, 9, 1) and "aucun échange" not in again[0].reason
    everywhere = prospecting.prospects(charge_mission, job)
    assert everywhere[0].establishment.name == "Far"


def test_sibling_subclass_counts_half(charge_mission, territory, weights):
    inside, _ = territory
    exact = EstablishmentFactory(name="Exact", naf="25.62B", size_band=SizeBand.B12, commune=inside)
    sibling = EstablishmentFactory(name="Sibling", naf="25.62A", size_band=SizeBand.B12, commune=inside)
    EstablishmentFactory(name="Other class", naf="25.61Z", size_band=SizeBand.B12, commune=inside)
    results = prospecting.prospects(charge_mission, prospecting.resolve_job("H2914"))
    assert [p.establishment for p in results] == [exact, sibling]
    assert not results[0].neighbour and results[1].neighbour
    assert results[1].hirings == pytest.approx(1500) and results[1].score == 50
    assert "Secteur voisin 25.62A" in results[1].reason and "même classe NAF 25.62" in results[1].reason


def test_prospects_respect_visibility(company_user, territory, weights):
    inside, _ = territory
    EstablishmentFactory(naf="25.62B", commune=inside)
    assert prospecting.prospects(company_user, prospecting.resolve_job("H2914")) == []


def test_page_and_export(client, charge_mission, territory, weights):
    inside, _ = territory
    EstablishmentFactory(name="Chaudronnerie de l'Iton", naf="25.62B", commune=inside)
    client.force_login(charge_mission)
    response = client.get(reverse("companies:prospecting"), {"metier": "H2914"})
    assert response.status_code == 200
    assert "Chaudronnerie de l&#x27;Iton" in response.content.decode()
    export = client.get(reverse("companies:prospecting"), {"metier": "H2914", "export": "xlsx"})
    assert export["Content-Disposition"].endswith('prospection-H2914.xlsx"')


def test_page_lists_wanted_jobs_first(client, charge_mission, territory, weights):
    inside, _ = territory
    RecruitmentNeedFactory(establishment__commune=inside, appellation__fiche=weights, positions=5)
    client.force_login(charge_mission)
    wanted = client.get(reverse("companies:prospecting")).context["wanted_jobs"]
    assert [(row["appellation__fiche__code"], row["positions"], row["shortage"]) for row in wanted] == [("H2914", 5, 1)]


def test_page_offers_choices_for_words(client, charge_mission, weights):
    AppellationFactory(fiche=weights, label="Chaudronnier / Chaudronnière")
    client.force_login(charge_mission)
    response = client.get(reverse("companies:prospecting"), {"q": "chaudron"})
    assert [a.label for a in response.context["candidates"]] == ["Chaudronnier / Chaudronnière"]


@pytest.mark.parametrize("role,expected", [("company", 403), ("viewer", 403), ("partner", 200)])
def test_page_permissions(client, users, role, expected):
    client.force_login(users[role])
    assert client.get(reverse("companies:prospecting")).status_code == expected


def test_load_hiring_weights_is_idempotent(db, tmp_path: Path):
    path = tmp_path / "mapping.csv.gz"
    rows = (
        "rome_id,rome_label,naf_id,naf_label,hirings\n"
        "A1101,Conduite d'engins,0111Z,Culture de céréales,161\n"
        "A1101,Conduite d'engins,0114Z,Canne à sucre,63\n"
        "A1101,Conduite d'engins,BAD,Ligne fausse,xx\n"
    )
    path.write_bytes(gzip.compress(rows.encode()))
    first = services.load_hiring_weights(path)
    assert (first.created, first.updated, len(first.errors)) == (2, 0, 1)
    assert "ligne 4" in first.errors[0]
    assert HiringWeight.objects.get(naf="01.11Z").hirings == 161
    second = services.load_hiring_weights(path)
    assert (second.created, second.updated, second.unchanged, second.deleted) == (0, 0, 2, 0)
    path.write_bytes(gzip.compress(rows.replace(",161", ",170").replace("0114Z", "0113Z").encode()))
    dry = services.load_hiring_weights(path, dry_run=True)
    assert (dry.created, dry.updated, dry.deleted) == (1, 1, 1)
    assert HiringWeight.objects.get(naf="01.11Z").hirings == 161
    services.load_hiring_weights(path)
    assert HiringWeight.objects.get(naf="01.11Z").hirings == 170
    assert not HiringWeight.objects.filter(naf="01.14Z").exists()


def test_bundled_mapping_loads(db):
    report = services.load_hiring_weights()
    assert report.created > 5000 and not report.errors
