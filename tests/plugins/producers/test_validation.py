import pytest
from django.core.exceptions import ValidationError

from plugins.producers.validators import format_iban, validate_bic, validate_iban, validate_siret


@pytest.mark.parametrize("value, expected", [
    ("732 829 320 00074", "73282932000074"),
    ("44306184100047", "44306184100047"),
    ("356 000 000 49837", "35600000049837"),  # La Poste: digit sum multiple of 5, not Luhn
])
def test_valid_siret_is_normalised(value, expected):
    assert validate_siret(value) == expected


@pytest.mark.parametrize("value, message", [
    ("73282932000075", "Ce SIRET n'est pas valide : sa clé de contrôle ne correspond pas (73282932000075)."),
    ("7328293200007", "Le SIRET doit comporter 14 chiffres (7328293200007)."),
    ("7328293200007A", "Le SIRET doit comporter 14 chiffres (7328293200007A)."),
    ("35600000049838", "Ce SIRET n'est pas valide : sa clé de contrôle ne correspond pas (35600000049838)."),
])
def test_invalid_siret_gives_a_french_message(value, message):
    with pytest.raises(ValidationError) as raised:
        validate_siret(value)

    assert raised.value.messages == [message]


def test_valid_iban_is_normalised_and_printed_by_four():
    iban = validate_iban("fr76 3000 6000 0112 3456 7890 189")

    assert iban == "FR7630006000011234567890189"
    assert format_iban(iban) == "FR76 3000 6000 0112 3456 7890 189"


@pytest.mark.parametrize("value, message", [
    ("FR7630006000011234567890188", "Cet IBAN n'est pas valide : sa clé de contrôle ne correspond pas."),
    ("FR763000600001123456789018", "Un IBAN FR compte 27 caractères, celui-ci en a 26."),
    ("3000600001123456789018", "L'IBAN n'a pas le bon format (deux lettres de pays, deux chiffres, puis le compte)."),
    ("FR76A0006000011234567890189", "Un IBAN français se compose de codes banque et guichet chiffrés, du numéro de "
                                    "compte et de la clé RIB."),
])
def test_invalid_iban_gives_a_french_message(value, message):
    with pytest.raises(ValidationError) as raised:
        validate_iban(value)

    assert raised.value.messages == [message]


def test_bic_of_8_or_11_characters():
    assert validate_bic("agrifrpp867") == "AGRIFRPP867"
    assert validate_bic("CCBPFRPP") == "CCBPFRPP"
    with pytest.raises(ValidationError):
        validate_bic("AGRI FR")
