"""The test-time guard (tests/guards.py): a GET that writes fails, a POST may write."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from maillage.kernel.models import TaskRun
from tests.guards import ReadOnlyGetMiddleware, WriteDuringGet


def _writing_view(request):
    TaskRun.objects.create(kind="x", label="écrit")
    return HttpResponse("ok")


@pytest.mark.django_db
def test_a_get_that_writes_fails():
    with pytest.raises(WriteDuringGet):
        ReadOnlyGetMiddleware(_writing_view)(RequestFactory().get("/"))


@pytest.mark.django_db
def test_a_post_may_write():
    assert ReadOnlyGetMiddleware(_writing_view)(RequestFactory().post("/")).status_code == 200
    assert TaskRun.objects.count() == 1


def test_the_guard_is_installed_for_the_suite(settings):
    assert settings.MIDDLEWARE[-1] == "tests.guards.ReadOnlyGetMiddleware"
