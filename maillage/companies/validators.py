"""SIRET / SIREN validation (Luhn check digit) and NAF code normalisation."""

import re

from django.core.exceptions import ValidationError

# La Poste's establishments do not follow the Luhn rule: their SIRET digits sum to a multiple of 5.
LA_POSTE_SIREN = "356000000"

_NAF_RE = re.compile(r"^(\d{2})\.?(\d{2})([A-Z])$")


def luhn_valid(number: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def clean_siret(value: str) -> str:
    """Strip spaces and dots a user may type: "123 456 789 00012" → "12345678900012"."""
    return re.sub(r"[\s.\-]", "", value or "")


def is_valid_siret(value: str) -> bool:
    siret = clean_siret(value)
    if len(siret) != 14 or not siret.isdigit():
        return False
    if siret.startswith(LA_POSTE_SIREN):
        # La Poste (SIREN 356 000 000): the sum of the digits is a multiple of 5, except its head
        # office SIRET which is Luhn-valid.
        return luhn_valid(siret) or sum(int(c) for c in siret) % 5 == 0
    return luhn_valid(siret)


def is_valid_siren(value: str) -> bool:
    siren = clean_siret(value)
    return len(siren) == 9 and siren.isdigit() and luhn_valid(siren)


def validate_siret(value: str) -> None:
    siret = clean_siret(value)
    if len(siret) != 14 or not siret.isdigit():
        raise ValidationError("Le SIRET doit comporter exactement 14 chiffres.", code="siret_length")
    if not is_valid_siret(siret):
        raise ValidationError(
            "Ce SIRET n'est pas valide : sa clé de contrôle (algorithme de Luhn) ne correspond pas. "
            "Vérifiez qu'aucun chiffre n'a été inversé ou oublié.",
            code="siret_checksum",
        )


def normalise_naf(value: str) -> str:
    """NAF sous-classe in the INSEE display form "01.11Z" (accepts "0111Z", "01.11z", " 01 11 Z")."""
    raw = re.sub(r"[\s]", "", (value or "")).upper()
    match = _NAF_RE.match(raw)
    if not match:
        return raw
    return f"{match.group(1)}.{match.group(2)}{match.group(3)}"


def compact_naf(value: str) -> str:
    """NAF sous-classe without the dot, as La Bonne Boite files write it: "0111Z"."""
    return normalise_naf(value).replace(".", "")


def validate_naf(value: str) -> None:
    if not _NAF_RE.match(re.sub(r"\s", "", value or "").upper()):
        raise ValidationError(
            "Le code NAF doit être une sous-classe de la NAF rév. 2, par exemple « 21.20Z » ou « 2120Z ».",
            code="naf_format",
        )


def with_check_digit(digits: str) -> str:
    """Append the Luhn check digit to ``digits`` (used to build valid SIREN / SIRET numbers)."""
    for check in "0123456789":
        if luhn_valid(digits + check):
            return digits + check
    raise AssertionError("unreachable")


def make_siret(siren8: str, nic4: str) -> str:
    """A valid SIRET from an 8-digit SIREN body and a 4-digit establishment number (NIC body)."""
    siren = with_check_digit(siren8)
    return with_check_digit(siren + nic4)
