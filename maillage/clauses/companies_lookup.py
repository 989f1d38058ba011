"""Choosing the company of a lot by name or SIRET, with « create » in place (one company by SIRET).

Suggestions come from the organisations of Maillage and the establishments of company relations
(``companies.selectors``); a typed SIRET nobody knows yet creates the company, with the name typed
beside it, through ``holder_organisation`` (which links or creates the establishment)."""

import re

from django.core.exceptions import ValidationError

from maillage.accounts.models import Organisation
from maillage.common_text import fold

from .forms import EMPLOYER_KINDS

SIRET = re.compile(r"(?<!\d)(\d{3}\s?\d{3}\s?\d{3}\s?\d{5})(?!\d)")


def _siret_in(text: str) -> str:
    match = SIRET.search(text or "")
    return match.group(1).replace(" ", "") if match else ""


def _label(name: str, siret: str) -> str:
    return f"{name} – SIRET {siret}" if siret else name


def suggestions(query: str, limit: int = 15) -> list[dict]:
    from maillage.companies.selectors import establishments_matching

    query = (query or "").strip()[:100]
    if len(query) < 2:
        return []
    digits = query.replace(" ", "")
    organisations = Organisation.objects.filter(kind__in=EMPLOYER_KINDS, is_active=True)
    if digits.isdigit():
        organisations = organisations.filter(siret__startswith=digits)
    else:
        for word in fold(query).split():
            organisations = (
                organisations.filter(name__icontains=word)
                if len(word) < 3
                else organisations.filter(name__iregex=_accent_insensitive(word))
            )
    results, seen = [], set()
    for organisation in organisations.order_by("name")[:limit]:
        results.append(
            {
                "value": _label(organisation.name, organisation.siret),
                "label": _label(organisation.name, organisation.siret),
            }
        )
        seen.add(organisation.siret)
    for establishment in establishments_matching(query, limit):
        if establishment.siret not in seen:
            text = _label(establishment.name, establishment.siret)
            results.append({"value": text, "label": f"{text} (relations entreprises)"})
            seen.add(establishment.siret)
    siret = _siret_in(query)
    if siret and siret not in seen:
        results.append({"value": query, "label": f"Créer l'entreprise « {query} »"})
    return results[:limit]


def _accent_insensitive(word: str) -> str:
    groups = {"a": "[aàâä]", "e": "[eéèêë]", "i": "[iîï]", "o": "[oôö]", "u": "[uùûü]", "c": "[cç]", "y": "[yÿ]"}
    return "".join(groups.get(ch, re.escape(ch)) for ch in word)


def resolve(text: str) -> Organisation:
    """The organisation a typed text designates: by SIRET (linked or created in place), else by exact name."""
    from .services.markets import holder_organisation

    text = (text or "").strip()
    if text.isdigit() and len(text) <= 9:  # an organisation's id (a form posted by a script, or older pages)
        found = Organisation.objects.filter(kind__in=EMPLOYER_KINDS, pk=int(text)).first()
        if found is not None:
            return found
    siret = _siret_in(text)
    if siret:
        name = SIRET.sub("", text).replace("– SIRET", "").replace("SIRET", "").strip(" –-()")
        name = re.sub(r"\s*\(relations entreprises\)$", "", name).strip()
        existing = Organisation.objects.filter(kind__in=EMPLOYER_KINDS, siret=siret).order_by("pk").first()
        if existing is not None:
            return existing
        from maillage.companies.selectors import siret_problem

        problem = siret_problem(siret)
        if problem:
            raise ValidationError(problem)
        return holder_organisation(siret, name, None)
    matches = list(Organisation.objects.filter(kind__in=EMPLOYER_KINDS, is_active=True, name__iexact=text)[:2])
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ValidationError("Plusieurs entreprises portent ce nom : choisissez-la avec son SIRET.")
    raise ValidationError(
        "Entreprise inconnue : choisissez-la dans la liste, ou tapez son nom et son SIRET (14 chiffres) pour la créer."
    )
