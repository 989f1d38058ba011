import pytest
from django.core.exceptions import ValidationError

from maillage.companies.validators import (
    compact_naf,
    is_valid_siren,
    is_valid_siret,
    make_siret,
    normalise_naf,
    validate_naf,
    validate_siret,
)


@pytest.mark.parametrize(
    "siret",
    [
        "73282932000074",  # a real, Luhn-valid SIRET
        "732 829 320 00074",  # spaces typed by a user are accepted
        "35600000000048",  # La Poste head office (Luhn-valid)
        "35600000049837",  # La Poste establishment: digits sum to a multiple of 5, not Luhn-valid
    ],
)
def test_valid_sirets(siret):
    assert is_valid_siret(siret)
    validate_siret(siret)


@pytest.mark.parametrize("siret", ["73282932000075", "35600000000049", "12345678901234"])
def test_bad_check_digit_is_rejected_in_french(siret):
    assert not is_valid_siret(siret)
    with pytest.raises(ValidationError) as excinfo:
        validate_siret(siret)
    assert "clé de contrôle" in excinfo.value.messages[0]


@pytest.mark.parametrize("siret", ["7328293200007", "732829320000745", "7328293200007A", ""])
def test_wrong_length_or_letters(siret):
    with pytest.raises(ValidationError) as excinfo:
        validate_siret(siret)
    assert "14 chiffres" in excinfo.value.messages[0]


def test_la_poste_rule_only_applies_to_la_poste():
    # Digits sum to a multiple of 5 but not Luhn-valid, outside La Poste: rejected.
    assert not is_valid_siret("12300000000005")


def test_make_siret_is_valid():
    siret = make_siret("40000001", "0001")
    assert len(siret) == 14 and is_valid_siret(siret) and is_valid_siren(siret[:9])


@pytest.mark.parametrize("raw", ["0111Z", "01.11Z", "01.11z", " 01 11Z"])
def test_naf_normalisation(raw):
    assert normalise_naf(raw) == "01.11Z"
    assert compact_naf(raw) == "0111Z"
    validate_naf(raw)


def test_bad_naf():
    with pytest.raises(ValidationError):
        validate_naf("A1101")
