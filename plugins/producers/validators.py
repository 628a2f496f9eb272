"""SIRET and IBAN checks, with the French messages a producer reads on the form."""

import re

from django.core.exceptions import ValidationError

# La Poste's establishments share the SIREN 356 000 000; their SIRET fails Luhn and follows its own rule instead:
# the sum of the 14 digits is a multiple of 5.
LA_POSTE_SIREN = "356000000"
IBAN_LENGTHS = {"FR": 27, "MC": 27, "BE": 16, "DE": 22, "LU": 20, "ES": 24, "IT": 27, "NL": 18}
BIC_RE = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalize_siret(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


def validate_siret(value: str) -> str:
    """The SIRET without spaces, or a ValidationError in French."""
    siret = normalize_siret(value)
    if not siret.isdigit() or len(siret) != 14:
        raise ValidationError("Le SIRET doit comporter 14 chiffres (%(value)s).", code="invalid_siret",
                              params={"value": value})
    if siret.startswith(LA_POSTE_SIREN) and siret != LA_POSTE_SIREN + "00000":
        if sum(int(c) for c in siret) % 5 == 0:
            return siret
    elif luhn_valid(siret):
        return siret
    raise ValidationError("Ce SIRET n'est pas valide : sa clé de contrôle ne correspond pas (%(value)s).",
                          code="invalid_siret", params={"value": value})


def normalize_iban(value: str) -> str:
    return re.sub(r"\s", "", value or "").upper()


def iban_checksum_valid(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    numeric = "".join(str(int(char, 36)) for char in rearranged)
    return int(numeric) % 97 == 1


def validate_iban(value: str) -> str:
    """ISO 13616: country, check digits, BBAN; a French IBAN is FR + 2 digits + 23 characters (RIB key included)."""
    iban = normalize_iban(value)
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}", iban):
        raise ValidationError("L'IBAN n'a pas le bon format (deux lettres de pays, deux chiffres, puis le compte).",
                              code="invalid_iban")
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected and len(iban) != expected:
        raise ValidationError("Un IBAN %(country)s compte %(expected)s caractères, celui-ci en a %(length)s.",
                              code="invalid_iban",
                              params={"country": iban[:2], "expected": expected, "length": len(iban)})
    if iban[:2] == "FR" and not re.fullmatch(r"FR[0-9]{12}[A-Z0-9]{11}[0-9]{2}", iban):
        raise ValidationError("Un IBAN français se compose de codes banque et guichet chiffrés, du numéro de compte "
                              "et de la clé RIB.", code="invalid_iban")
    if not iban_checksum_valid(iban):
        raise ValidationError("Cet IBAN n'est pas valide : sa clé de contrôle ne correspond pas.", code="invalid_iban")
    return iban


def validate_bic(value: str) -> str:
    bic = re.sub(r"\s", "", value or "").upper()
    if not BIC_RE.fullmatch(bic):
        raise ValidationError("Le BIC doit comporter 8 ou 11 caractères (ex. AGRIFRPP867).", code="invalid_bic")
    return bic


def format_iban(iban: str) -> str:
    """Groups of four, as printed on a RIB."""
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
