"""Loads the real bundled referentials (slower: about ten seconds)."""

import pytest
from django.core.management import call_command

from maillage.referentials import selectors
from maillage.referentials.models import Appellation, CpvCode, Fap, NafCode, RomeFiche, Skill


@pytest.mark.reference
@pytest.mark.django_db
def test_bundled_referentials_load_with_official_counts():
    call_command("load_referentials", verbosity=0)
    assert RomeFiche.objects.count() == 1584
    assert Appellation.objects.count() == 13120
    assert Appellation.objects.filter(is_main=True).count() == 1584
    assert CpvCode.objects.count() == 9454
    assert Skill.objects.count() > 30000
    assert NafCode.objects.filter(level=NafCode.Level.SOUS_CLASSE).count() == 732
    assert Fap.objects.count() == 224
    assert RomeFiche.objects.exclude(definition="").count() == 1584
    assert not RomeFiche.objects.filter(definition__contains="''").exists()
    labels = [a.label for a in selectors.search_appellations("electricien")]
    assert labels and all("lectricien" in label for label in labels[:5])
    assert selectors.fap_for_fiche("F1603")
    status = {item["name"]: item for item in selectors.referential_status()}
    assert status["rome"]["version"] == "ROME 4.0 v60 (18/09/2025)"
