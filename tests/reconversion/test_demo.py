import io

import pytest

from maillage.reconversion import demo
from maillage.reconversion.models import Transition, TransitionBuild

from .factories import make_fiche
from .rome_fixture import FICHES, write_rome_export

pytestmark = pytest.mark.django_db


def test_seed_builds_once(settings, tmp_path):
    settings.REFERENCE_DATA_DIR = tmp_path
    write_rome_export(tmp_path / "rome")
    for code, (label, *_) in FICHES.items():
        make_fiche(code, label)
    out = io.StringIO()
    demo.seed(stdout=out)
    count = Transition.objects.count()
    assert count == len(FICHES) * (len(FICHES) - 1)
    demo.seed(stdout=out)
    assert Transition.objects.count() == count and TransitionBuild.objects.count() == 1
    assert "déjà calculées" in out.getvalue()


def test_seed_without_referential_does_nothing(settings, tmp_path):
    settings.REFERENCE_DATA_DIR = tmp_path
    out = io.StringIO()
    demo.seed(stdout=out)
    assert not Transition.objects.exists()
    assert "non chargé" in out.getvalue()
