"""The France Travail import's error reports (``imports/offres-ft-*.csv``) are deleted by the module's retention
hook a week after they were written (they were kept forever: the observatory uploads' defect)."""

import datetime
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from maillage.jobs import retention

REPORTS = "rapports d'import des offres France Travail supprimés"

pytestmark = pytest.mark.django_db


def stored(name: str, days: int) -> str:
    path = default_storage.save(f"imports/{name}", ContentFile(b"offre;id;champ;gravite;message\n"))
    moment = (timezone.now() - datetime.timedelta(days=days)).timestamp()
    os.utime(default_storage.path(path), (moment, moment))
    return path


def test_reports_older_than_a_week_are_deleted_other_files_left_alone():
    old = stored("offres-ft-" + "a" * 32 + ".csv", 8)
    recent = stored("offres-ft-" + "b" * 32 + ".csv", 6)
    other = stored("autre-chose.csv", 400)
    now = timezone.now()
    assert retention.purge(now, dry_run=True)[REPORTS] == 1 and default_storage.exists(old)
    assert retention.purge(now, dry_run=False)[REPORTS] == 1
    assert not default_storage.exists(old) and default_storage.exists(recent) and default_storage.exists(other)
