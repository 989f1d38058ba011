"""``{% fixed_url "app:name" %}``: ``{% url %}`` for pages without parameters, resolved once per
process (``kernel/urls.py``); the layout names a dozen of them on every page."""

from django import template

from maillage.kernel.urls import fixed_reverse

register = template.Library()


@register.simple_tag
def fixed_url(name: str) -> str:
    return fixed_reverse(name)
