"""French in templates: elision, agreement, thousands. Built in (``TEMPLATES["OPTIONS"]["builtins"]``):
every template may use these filters without ``{% load %}``.

{{ month|date:"F Y"|de }}          → « d'octobre 2026 », « de mai 2026 »
{{ candidate|de }}                 → « d'Inès Martin », « d'Hélène » (h muet), « de Hauteville » (h aspiré)
{{ "le"|elide:name }}              → « l'Inès »; {{ "de"|elide:commune.name }} → « du Neubourg »
{{ n|count_of:"ligne valide" }}    → « 0 ligne valide », « 1 ligne valide », « 1 254 lignes valides »
{{ n|count_of:"œil,yeux" }}        → irregular plural after a comma
{{ n|plural:"heure" }}             → the agreed noun alone (the number printed elsewhere, e.g. in <strong>)
{{ value|thousands }}              → « 12 345 », « 1 234,5 » (quantities only: never ids, years, SIRET, codes)
{{ day|long_date }}                → « 7 décembre 2026 », « 1er janvier 2027 » (never ``|long_date:"j F Y"``)
{{ day|long_date:"l j F Y" }}      → « lundi 1er juin 2026 »; "j F Y à H:i" → « 1er mars 2026 à 14:00 »
"""

from django import template

from maillage.common_text import count_of as _count_of
from maillage.common_text import elide as _elide
from maillage.common_text import group_thousands
from maillage.common_text import long_date as _long_date
from maillage.common_text import plural as _plural

register = template.Library()


def _forms(arg: str) -> tuple[str, str | None]:
    singular, _, plural_form = str(arg).partition(",")
    return singular, plural_form or None


@register.filter
def elide(particle, word):
    return _elide(str(particle), "" if word is None else str(word))


@register.filter
def de(word):
    """« de » before ``word``, elided or contracted as French writes it."""
    return _elide("de", "" if word is None else str(word))


@register.filter
def plural(count, arg):
    return _plural(count, *_forms(arg))


@register.filter
def count_of(count, arg):
    return _count_of(count, *_forms(arg))


@register.filter
def thousands(value):
    return group_thousands(value)


@register.filter(expects_localtime=True)
def long_date(value, arg="j F Y"):
    """A date in prose with the French « 1er » (Django's ``date`` filter writes « 1 janvier »)."""
    if value in (None, ""):
        return ""
    try:
        return _long_date(value, str(arg))
    except AttributeError:
        return ""
