"""What ``django.request`` writes for a refused (403), a missing (404) and a failing (500) request."""

import logging

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import include, path, reverse


def _fails(request):
    raise RuntimeError("boom")


@login_not_required
def _refuses(request):
    raise PermissionDenied


# The test's own URLs: the project has no page that fails on purpose, nor a public one that refuses.
urlpatterns = [path("echec/", _fails), path("refus/", _refuses), path("", include("config.urls"))]


def _request_records(caplog):
    return [record for record in caplog.records if record.name == "django.request"]


def test_a_403_is_one_warning_line_with_method_path_status_and_user_id_and_no_traceback(client, caplog, partner):
    user = partner
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.get(reverse("core:task_list"), {"q": "Haddad"})
    assert response.status_code == 403
    [record] = _request_records(caplog)
    assert record.levelno == logging.WARNING
    assert record.exc_info is None and record.exc_text is None
    assert record.getMessage() == f"Refusé GET {reverse('core:task_list')} 403 utilisateur={user.pk}"
    text = caplog.text
    assert "Traceback" not in text and "Haddad" not in text and user.email not in text


@pytest.mark.urls(__name__)
def test_a_403_to_an_anonymous_post_says_anonymous(client, caplog, db):
    with caplog.at_level(logging.INFO, logger="django.request"):
        assert client.post("/refus/?email=fatima@example.org").status_code == 403
    [record] = _request_records(caplog)
    assert record.getMessage() == "Refusé POST /refus/ 403 utilisateur=anonyme"
    assert record.exc_info is None


def test_a_404_keeps_its_not_found_line(client, caplog, db):
    with caplog.at_level(logging.INFO, logger="django.request"):
        assert client.get("/page-inconnue/").status_code == 404
    [record] = _request_records(caplog)
    assert record.levelno == logging.WARNING
    assert record.getMessage() == "Not Found: /page-inconnue/"


@pytest.mark.urls(__name__)
def test_a_500_keeps_its_error_with_the_traceback(caplog, admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    with caplog.at_level(logging.INFO, logger="django.request"):
        assert client.get("/echec/").status_code == 500
    [record] = _request_records(caplog)
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError
    assert "Traceback" in caplog.text
