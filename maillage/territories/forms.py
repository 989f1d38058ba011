"""One commune field for every module: « Évreux (27229) », an INSEE code, a postcode or a name.

Accents, case and hyphens are ignored in names. When several communes answer (a name shared by
homonyms, a postcode that serves several communes), the MDE's own département comes first, then the
most populated. A ``strict`` field (a record's commune: a chantier, a person's residence) takes the
one commune of the MDE's département when only one answers there, and otherwise asks for the INSEE
code or a choice in the list rather than guess; a search field takes the likeliest.
"""

import re

from django import forms

from maillage.common_text import fold
from maillage.kernel import mde

from .models import Commune

CODE_IN_BRACKETS = re.compile(r"\(\s*([0-9][0-9AB][0-9]{3})\s*\)\s*$", re.IGNORECASE)
INSEE_OR_POSTCODE = re.compile(r"^[0-9][0-9AB][0-9]{3}$", re.IGNORECASE)
MAX_LENGTH = 120
UNKNOWN = "Commune inconnue : saisissez son nom, son code postal ou son code INSEE."
AMBIGUOUS = "Plusieurs communes correspondent ({names}) : indiquez le code INSEE ou choisissez dans la liste."


def candidates(value: str) -> list[Commune]:
    """The communes ``value`` may name, the likeliest first (one when it names a code or a single commune)."""
    value = (value or "").strip()[:MAX_LENGTH]
    if not value:
        return []
    in_brackets = CODE_IN_BRACKETS.search(value)
    if in_brackets:
        found = Commune.objects.filter(code=in_brackets.group(1).upper()).first()
        if found:
            return [found]
        value = value[: in_brackets.start()].strip()
    if INSEE_OR_POSTCODE.match(value):
        found = Commune.objects.filter(code=value.upper()).first()
        if found:
            return [found]
        return _likeliest(Commune.objects.filter(postal_codes__code=value).distinct())
    name = fold(value)
    return _likeliest(Commune.objects.filter(search_name__in={name, name.replace(" ", "-")}))


def _home() -> str | None:
    return getattr(mde.settings(), "departement_id", None)


def _likeliest(communes) -> list[Commune]:
    home = _home()
    return sorted(communes[:20], key=lambda c: (c.departement_id != home, -c.population, c.code))


def _tied(found: list[Commune]) -> list[Commune]:
    """The candidates as likely as the first one: all in the MDE's département, or all outside it."""
    home = _home()
    return [c for c in found if (c.departement_id == home) == (found[0].departement_id == home)]


def resolve_commune(value: str) -> Commune | None:
    """The likeliest commune ``value`` names, or ``None``."""
    found = candidates(value)
    return found[0] if found else None


def label(commune: Commune) -> str:
    return f"{commune.name} ({commune.code})"


class CommuneField(forms.CharField):
    """A commune (model instance in ``cleaned_data``), shown back as « Évreux (27229) »."""

    def __init__(self, *, strict: bool = False, **kwargs):
        self.strict = strict
        kwargs.setdefault("label", "Commune")
        kwargs.setdefault("max_length", MAX_LENGTH)
        kwargs.setdefault("help_text", "Nom, code postal ou code INSEE (ex. « Évreux », « 27000 » ou « 27229 »).")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Commune):
            return label(value)
        if isinstance(value, str) and INSEE_OR_POSTCODE.match(value):
            commune = Commune.objects.filter(code=value.upper()).first()
            return label(commune) if commune else value
        return value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found = candidates(value)
        if not found:
            raise forms.ValidationError(UNKNOWN)
        tied = _tied(found) if self.strict else found[:1]
        if len(tied) > 1:
            raise forms.ValidationError(AMBIGUOUS.format(names=", ".join(label(c) for c in tied[:4])))
        return found[0]
