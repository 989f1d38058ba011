"""French in templates: elision, agreement, thousands.

{{ "de"|elide:month }}            → « d'octobre », « de mai »
{{ "le profil"|... }}             → use elide with « le »: {{ "le"|elide:name }} → « l'Inès »
{{ n|count_of:"ligne valide" }}   → « 1 ligne valide », « 3 lignes valides »
{{ n|count_of:"travail,travaux" }} → irregular plural after a comma
{{ n|plural:"heure" }}            → the agreed noun alone
{{ value|thousands }}             → « 12 345 », « 1 234,5 »
"""

from django import template

from maillage.common_text import count_of as _count_of
from maillage.common_text import elide as _elide
from maillage.common_text import group_thousands
from maillage.common_text import plural as _plural

register = template.Library()


def _forms(arg: str) -> tuple[str, str | None]:
    singular, _, plural_form = str(arg).partition(",")
    return singular, plural_form or None


@register.filter
def elide(particle, word):
    return _elide(str(particle), str(word))


@register.filter
def plural(count, arg):
    return _plural(count, *_forms(arg))


@register.filter
def count_of(count, arg):
    return _count_of(count, *_forms(arg))


@register.filter
def thousands(value):
    return group_thousands(value)
