"""Issue #9: uploaded files are never served without a permission check, in any settings."""

import importlib

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404
from django.test import override_settings
from django.urls import clear_url_caches

from maillage.kernel.downloads import protected_download
from maillage.kernel.models import MdeSettings

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def debug_urls(settings):
    """The URL conf as built under DEBUG (``make run``)."""
    import config.urls

    with override_settings(DEBUG=True):
        importlib.reload(config.urls)
        clear_url_caches()
        yield
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_media_is_not_served_even_under_debug(client, settings, debug_urls, facilitator):
    """Finding: /media/ was public under `make run` (DEBUG): any upload, pay slips included."""
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "bulletin.pdf").write_bytes(b"%PDF-1.4 secret")
    assert client.get("/media/bulletin.pdf").status_code == 404
    client.force_login(facilitator)
    assert client.get("/media/bulletin.pdf").status_code == 404


@pytest.mark.django_db
def test_protected_download_checks_and_sets_safe_headers(settings):
    mde = MdeSettings.current()
    mde.logo.save("piece.html", ContentFile(b"<script>alert(1)</script>"), save=True)
    with pytest.raises(PermissionDenied):
        protected_download(mde.logo, allowed=False)
    response = protected_download(mde.logo, allowed=True, inline=True)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/octet-stream"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"
    with pytest.raises(Http404):
        protected_download(None, allowed=True)


@pytest.mark.django_db
def test_logo_served_by_a_view(client):
    mde = MdeSettings.current()
    mde.logo.save("logo.png", ContentFile(PNG), save=True)
    response = client.get("/comptes/logo/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
