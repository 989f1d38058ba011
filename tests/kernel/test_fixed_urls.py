"""``fixed_reverse`` / ``{% fixed_url %}``: the layout's addresses resolved once per process, still
right under another script prefix (an MDE served under /maillage/)."""

from unittest import mock

from django.template import Context, Template
from django.urls import reverse, set_script_prefix

from maillage.kernel import urls


def test_same_address_as_reverse_and_resolved_once():
    urls._resolved.clear()
    with mock.patch.object(urls, "reverse", wraps=reverse) as spy:
        assert urls.fixed_reverse("core:home") == reverse("core:home")
        assert urls.fixed_reverse("core:home") == reverse("core:home")
    assert spy.call_count == 1


def test_each_script_prefix_has_its_own_address():
    urls._resolved.clear()
    try:
        set_script_prefix("/maillage/")
        assert urls.fixed_reverse("accounts:profile").startswith("/maillage/")
    finally:
        set_script_prefix("/")
    assert not urls.fixed_reverse("accounts:profile").startswith("/maillage/")


def test_template_tag():
    rendered = Template("{% load layout %}{% fixed_url 'core:sources' %}").render(Context())
    assert rendered == reverse("core:sources")
