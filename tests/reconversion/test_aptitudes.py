"""Transferable aptitudes: the seamstress's hands carry to fine electronics (issue #17)."""

import gzip

import numpy as np
import pytest
from django.core.management import call_command
from django.urls import reverse

from maillage.reconversion import aptitudes, explorer
from maillage.reconversion.engine import aptitudes as engine_aptitudes
from maillage.reconversion.engine import from_directory
from maillage.referentials.models import MobilityLink

from .factories import link, make_fiche, make_skill
from .rome_fixture import write_rome_export


def test_aptitudes_are_read_from_labels():
    assert "dexterity" in aptitudes.aptitudes_of_text("Activités de motricité fine (dextérité...)")
    assert "precision" in aptitudes.aptitudes_of_text("Faire preuve de rigueur et de précision")
    assert "vision" in aptitudes.aptitudes_of_text("Utilisation d'une binoculaire")
    assert aptitudes.aptitudes_of_text("Gestion comptable") == set()


def test_a_quality_is_credited_but_a_technique_is_not():
    seamstress = aptitudes.Profile({"dexterity": 1.0, "precision": 1.0})
    assert aptitudes.credited(seamstress, "Minutie et dextérité fine")
    assert aptitudes.credited(seamstress, "Faire preuve de rigueur et de précision")
    assert not aptitudes.credited(seamstress, "Techniques de soudure")  # a technique to learn
    clerk = aptitudes.Profile({"customers": 1.0})
    assert not aptitudes.credited(clerk, "Minutie et dextérité fine")


def test_transfer_score_is_a_weighted_jaccard():
    a = aptitudes.Profile({"dexterity": 1.0, "precision": 1.0})
    assert aptitudes.transfer_score(a, a) == 1.0
    assert aptitudes.transfer_score(a, aptitudes.Profile({"customers": 1.0})) == 0.0
    half = aptitudes.transfer_score(a, aptitudes.Profile({"dexterity": 1.0}))
    assert 0.5 < half < 1.0  # dexterity carries further than precision


@pytest.mark.django_db
def test_skills_to_acquire_never_list_what_the_source_metier_asks():
    sewing = make_fiche("B1803", "Couturier / Couturière")
    wiring = make_fiche("H2605", "Monteur-câbleur / Monteuse-câbleuse en électronique")
    fine = make_skill("403019", "Activités de motricité fine (dextérité...)", kind="savoir")
    dexterity = make_skill("200006", "Minutie et dextérité fine", kind="savoir")
    soldering = make_skill("100286", "Techniques de soudure", kind="savoir")
    link(sewing, fine, "principale")
    link(sewing, make_skill("101207", "Couture", kind="savoir"), "principale")
    link(wiring, dexterity, "principale")
    link(wiring, soldering, "principale")
    aptitudes._cache.clear()
    detail = explorer.transition_detail("B1803", "H2605")
    labels = [s.label for s in detail.to_acquire]
    assert "Techniques de soudure" in labels
    assert "Minutie et dextérité fine" not in labels
    assert "Dextérité, gestes fins" in detail.credited


@pytest.mark.django_db
def test_official_links_load_from_the_official_layout_and_show_first(client, tmp_path):
    sewing = make_fiche("B1803", "Couturier / Couturière")
    make_fiche("D1207", "Retoucheur / Retoucheuse en habillement")
    path = tmp_path / "mobilite.csv.gz"
    path.write_bytes(gzip.compress(b"code_rome,code_rome_cible,numero_ordre\nB1803,D1207,1\nB1803,Z9999,2\n"))
    call_command("load_mobility_links", "--file", str(path), "--dry-run")
    assert not MobilityLink.objects.exists()
    call_command("load_mobility_links", "--file", str(path))
    assert list(MobilityLink.objects.values_list("source_id", "target_id")) == [("B1803", "D1207")]
    page = client.get(reverse("reconversion:fiche", args=[sewing.code])).content.decode()
    assert page.index("Mobilités officielles du ROME") < page.index("Métiers où vos compétences se transfèrent")
    assert "Pistes audacieuses" in page


@pytest.mark.reference
@pytest.mark.django_db
def test_the_seamstress_finds_fine_electronics_among_bold_moves():
    """From « couturière », a cross-domain electronics or fine-assembly path, with the aptitudes that carry."""
    call_command("load_referentials", verbosity=0)
    aptitudes._cache.clear()
    moves = explorer.bold_moves("B1803", k=8)
    assert moves and all(m.code[:1] != "B" for m in moves)
    electronics = [m for m in moves if m.code.startswith("H26") or "lectroni" in m.label]
    assert electronics, [m.label for m in moves]
    assert "Dextérité, gestes fins" in electronics[0].aptitudes
    detail = explorer.transition_detail("B1803", "H2605")
    assert not any("précision" in s.label.lower() or "dextérité" in s.label.lower() for s in detail.to_acquire)


@pytest.mark.django_db
def test_a_path_leads_to_the_modules_next_steps(client):
    """From a path: the local offers for the target and « create my profile with this target »."""
    from maillage.jobs.models import Offer, OfferStatus
    from tests.jobs.factories import make_offer, make_referential

    ref = make_referential()
    make_offer(ref.communes.evreux, appellation="10004", skills=["105778"])
    Offer.objects.filter(rome_code="H2605").update(status=OfferStatus.PUBLISHED)
    page = client.get(reverse("reconversion:transition", args=["B1803", "H2605"])).content.decode()
    assert "Et maintenant ?" in page
    assert "Offres d&#x27;emploi publiées pour ce métier" in page
    assert "?q=H2605" in page
    assert "metier=H2605" in page  # anonymous visitor: create a profile with this target
    register = client.get(reverse("jobs:register"), {"metier": "H2605"}).content.decode()
    assert "Monteur-câbleur" in register


def test_the_engine_reads_the_same_aptitudes_from_the_export(tmp_path):
    """Aptitude profiles are computable from the ROME files alone (no database, no mobility data)."""
    corpus = from_directory(write_rome_export(tmp_path / "rome"))
    codes = corpus.codes
    profiles = engine_aptitudes.corpus_profiles(corpus, codes)
    dexterity = [a.key for a in engine_aptitudes.APTITUDES].index("dexterity")
    sewing, electronics, secretary = codes.index("B1803"), codes.index("H2604"), codes.index("M1607")
    assert profiles[sewing, dexterity] == profiles[electronics, dexterity] == 1.0
    assert profiles[secretary, dexterity] == 0.0
    transfer = engine_aptitudes.transfer_matrix(profiles, profiles)
    assert transfer[sewing, electronics] > transfer[sewing, secretary]
    np.testing.assert_allclose(transfer, transfer.T)
