"""Files uploaded for a directory import that is never applied (a dry run, or nothing) are deleted a week after
their last use by the module's retention hook, never while the mapping page still uses them (the same defect
as the observatory's uploads)."""

import datetime
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from maillage.accounts.models import OrganisationKind, Role
from maillage.directory import retention
from tests.factories import user_with_role

from .conftest import fixture_bytes

PENDING = "fichiers déposés pour un import de l'annuaire non confirmé"

pytestmark = pytest.mark.django_db


def age(path: str, days: int) -> None:
    moment = (timezone.now() - datetime.timedelta(days=days)).timestamp()
    os.utime(default_storage.path(path), (moment, moment))


@pytest.fixture
def analyst(client):
    client.force_login(user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE))
    return client


def upload(client) -> tuple[str, str]:
    head = b"\n".join(fixture_bytes("data_inclusion_services_974_extrait_2025.csv").split(b"\n")[:6])
    response = client.post("/annuaire/imports/", {"file": SimpleUploadedFile("extrait.csv", head)})
    assert response.status_code == 302
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    return response["Location"], f"private/directory/imports/{token}-services"


def test_abandoned_uploads_are_deleted_after_a_week_recent_ones_kept(analyst):
    _url, abandoned = upload(analyst)
    age(abandoned, 8)
    recent = default_storage.save("private/directory/imports/" + "c" * 32 + "-services", ContentFile(b"x"))
    now = timezone.now()
    assert retention.purge(now, dry_run=True)[PENDING] == 1 and default_storage.exists(abandoned)
    assert retention.purge(now, dry_run=False)[PENDING] == 1
    assert not default_storage.exists(abandoned) and default_storage.exists(recent)


def test_an_upload_still_being_mapped_is_kept(analyst):
    url, pending = upload(analyst)
    age(pending, 8)
    assert analyst.get(url).status_code == 200  # the analyst is at work: the week starts again
    assert retention.purge(timezone.now(), dry_run=False)[PENDING] == 0
    assert default_storage.exists(pending)


def test_after_the_purge_the_mapping_page_asks_for_the_file_again(analyst):
    url, pending = upload(analyst)
    default_storage.delete(pending)
    response = analyst.get(url, follow=True)
    assert response.redirect_chain == [("/annuaire/imports/", 302)]
    assert "déposez-le à nouveau" in response.content.decode()
