"""Types shared by every domain: money, weight, images, countries, languages, metadata."""

from decimal import Decimal

import graphene

from backend.api.core.enums import LanguageCodeEnum, WeightUnitsEnum
from backend.api.core.executor import info_free
from backend.api.core.scalars import Metadata

FRACTION_DIGITS = {"EUR": 2}


class Money(graphene.ObjectType):
    currency = graphene.String(required=True, description="Currency code.")
    amount = graphene.Float(required=True, description="Amount of money.")
    fractional_amount = graphene.Int(
        required=True, description="Amount of money as an integer in the smallest currency unit (for EUR: cents)."
    )
    fraction_digits = graphene.Int(required=True, description="Number of digits after the decimal point.")

    class Meta:
        description = "Represents amount of money in specific currency."

    @staticmethod
    @info_free
    def resolve_amount(root, _info):
        return float(root.amount.quantize(Decimal("0.01")))

    @staticmethod
    @info_free
    def resolve_fraction_digits(root, _info):
        return FRACTION_DIGITS.get(root.currency, 2)

    @staticmethod
    @info_free
    def resolve_fractional_amount(root, _info):
        digits = FRACTION_DIGITS.get(root.currency, 2)
        return int((root.amount * (10**digits)).to_integral_value())


class MoneyRange(graphene.ObjectType):
    start = graphene.Field(Money, description="Lower bound of a price range.")
    stop = graphene.Field(Money, description="Upper bound of a price range.")

    class Meta:
        description = "Represents a range of amounts of money."


class TaxedMoney(graphene.ObjectType):
    currency = graphene.String(required=True, description="Currency code.")
    gross = graphene.Field(Money, required=True, description="Amount of money including taxes.")
    net = graphene.Field(Money, required=True, description="Amount of money without taxes.")
    tax = graphene.Field(Money, required=True, description="Amount of taxes.")

    class Meta:
        description = "Represents a monetary value with taxes. In cases where taxes were not applied, net and gross " \
                      "values will be equal."


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney, description="Lower bound of a price range.")
    stop = graphene.Field(TaxedMoney, description="Upper bound of a price range.")

    class Meta:
        description = "Represents a range of monetary values."


class Weight(graphene.ObjectType):
    unit = graphene.Field(WeightUnitsEnum, required=True, description="Weight unit.")
    value = graphene.Float(required=True, description="Weight value.")

    class Meta:
        description = "Represents weight value in a specific weight unit."


def weight_kg(value):
    """Our weights are stored in kilograms."""
    return None if value is None else Weight(unit="KG", value=float(value))


class Image(graphene.ObjectType):
    url = graphene.String(required=True, description="The URL of the image.")
    alt = graphene.String(description="Alt text for an image.")

    class Meta:
        description = "Represents an image."


COUNTRY_NAMES_FR = {"FR": "France", "BE": "Belgique", "LU": "Luxembourg", "DE": "Allemagne", "NL": "Pays-Bas"}


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True, description="Country code.")
    country = graphene.String(required=True, description="Country name.")

    class Meta:
        description = "Represents country."

    @staticmethod
    def resolve_country(root, _info):
        return getattr(root, "country", None) or COUNTRY_NAMES_FR.get(root.code, root.code)


class LanguageDisplay(graphene.ObjectType):
    code = graphene.Field(LanguageCodeEnum, required=True, description="ISO 639 representation of the language name.")
    language = graphene.String(required=True, description="Full name of the language.")


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


def _items(data: dict | None):
    return [MetadataItem(key=k, value=v) for k, v in sorted((data or {}).items())]


class ObjectWithMetadata(graphene.Interface):
    """Saleor's metadata interface. Private metadata is for staff only (resolved as empty for others)."""

    private_metadata = graphene.List(graphene.NonNull(MetadataItem), required=True,
                                     description="List of private metadata items. Requires staff permissions to "
                                                 "access.")
    private_metafield = graphene.String(key=graphene.String(required=True),
                                        description="A single key from private metadata. Requires staff permissions "
                                                    "to access.")
    private_metafields = graphene.Field(Metadata, keys=graphene.List(graphene.NonNull(graphene.String)),
                                        description="Private metadata. Requires staff permissions to access.")
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True,
                             description="List of public metadata items. Can be accessed without permissions.")
    metafield = graphene.String(key=graphene.String(required=True),
                                description="A single key from public metadata.")
    metafields = graphene.Field(Metadata, keys=graphene.List(graphene.NonNull(graphene.String)),
                                description="Public metadata. Use `keys` to control which fields you want to include.")

    @staticmethod
    def resolve_metadata(root, _info):
        return _items(getattr(root, "metadata", None))

    @staticmethod
    def resolve_metafield(root, _info, key):
        return (getattr(root, "metadata", None) or {}).get(key)

    @staticmethod
    def resolve_metafields(root, _info, keys=None):
        data = getattr(root, "metadata", None) or {}
        return {k: v for k, v in data.items() if keys is None or k in keys}

    @staticmethod
    def resolve_private_metadata(root, info):
        return _items(getattr(root, "private_metadata", None)) if _is_staff(info) else []

    @staticmethod
    def resolve_private_metafield(root, info, key):
        return (getattr(root, "private_metadata", None) or {}).get(key) if _is_staff(info) else None

    @staticmethod
    def resolve_private_metafields(root, info, keys=None):
        if not _is_staff(info):
            return {}
        data = getattr(root, "private_metadata", None) or {}
        return {k: v for k, v in data.items() if keys is None or k in keys}


def _is_staff(info) -> bool:
    user = getattr(info.context, "user", None)
    return bool(user and user.is_active and user.is_staff)


def money(amount, currency="EUR"):
    """A prices.Money from a stored Decimal amount (or None)."""
    from prices import Money as PricesMoney

    return None if amount is None else PricesMoney(amount, currency)


class MetadataInput(graphene.InputObjectType):
    """Saleor's MetadataInput, shared by every mutation that takes `metadata: [MetadataInput!]`."""

    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")
