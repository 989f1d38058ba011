"""Files uploaded for an import that is never confirmed are deleted after a week without use, by the module's
retention hook (the nightly task), never while an import in progress still reads them."""

import datetime
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from maillage.observatory import retention

UPLOAD = "/observatoire/donnees/import/"
MAPPING = "/observatoire/donnees/import/colonnes/"
UPLOADS = "fichiers déposés pour un import de l'observatoire non confirmé"
CSV = b"commune;annee;effectif\n27001;2023;12\n"

pytestmark = pytest.mark.django_db


def upload(client, name="emploi.csv") -> str:
    file = SimpleUploadedFile(name, CSV, content_type="text/csv")
    response = client.post(UPLOAD, {"file": file, "label": "Emploi", "source": "URSSAF", "vintage": "2023"})
    assert response.status_code == 302
    return client.session["observatory_import"]["path"]


def age(path: str, days: int) -> None:
    moment = (timezone.now() - datetime.timedelta(days=days)).timestamp()
    os.utime(default_storage.path(path), (moment, moment))


@pytest.fixture
def analyst(client, charge_mission):
    client.force_login(charge_mission)
    return client


def test_an_abandoned_upload_is_deleted_after_a_week_a_recent_one_is_kept(analyst):
    abandoned = upload(analyst)
    age(abandoned, 8)
    recent = default_storage.save("observatory/imports/" + "b" * 32 + ".csv", ContentFile(CSV))
    age(recent, 6)
    now = timezone.now()
    assert retention.purge(now, dry_run=True)[UPLOADS] == 1
    assert default_storage.exists(abandoned)
    assert retention.purge(now, dry_run=False)[UPLOADS] == 1
    assert not default_storage.exists(abandoned) and default_storage.exists(recent)


def test_the_nightly_task_purges_them(analyst):
    from maillage.core.tasks import enforce_retention_daily

    abandoned = upload(analyst)
    age(abandoned, 30)
    assert enforce_retention_daily.call_local()["observatory"][UPLOADS] == 1
    assert not default_storage.exists(abandoned)


def test_an_upload_the_analyst_is_still_mapping_is_kept(analyst):
    """The week counts from the last use: the mapping page (preview, import) renews it."""
    pending = upload(analyst)
    age(pending, 8)
    assert analyst.get(MAPPING).status_code == 200
    assert retention.purge(timezone.now(), dry_run=False)[UPLOADS] == 0
    assert default_storage.exists(pending)
    age(pending, 8)
    assert analyst.post(MAPPING, {"action": "preview"}).status_code == 200  # a refused mapping uses it too
    retention.purge(timezone.now(), dry_run=False)
    assert default_storage.exists(pending)


def test_after_the_purge_the_mapping_page_asks_for_the_file_again(analyst):
    pending = upload(analyst)
    default_storage.delete(pending)
    response = analyst.get(MAPPING, follow=True)
    assert response.redirect_chain == [(UPLOAD, 302)]
    assert "déposez-le à nouveau" in response.content.decode().replace("&#x27;", "'")
    assert "observatory_import" not in analyst.session


def test_a_new_upload_deletes_the_one_it_replaces(analyst):
    first = upload(analyst)
    second = upload(analyst, "autre.csv")
    assert second != first
    assert not default_storage.exists(first) and default_storage.exists(second)


def test_other_files_are_left_alone(analyst):
    elsewhere = default_storage.save("observatory/other/old.csv", ContentFile(CSV))
    age(elsewhere, 400)
    retention.purge(timezone.now(), dry_run=False)
    assert default_storage.exists(elsewhere)
