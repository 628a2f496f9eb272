"""Saleor's account input types."""

import graphene

from backend.api.core.enums import CountryCodeEnum, LanguageCodeEnum
from backend.api.core.types import MetadataInput


class AddressInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    company_name = graphene.String(description="Company or organization.")
    street_address_1 = graphene.String(description="Address.")
    street_address_2 = graphene.String(description="Address.")
    city = graphene.String(description="City.")
    city_area = graphene.String(description="District.")
    postal_code = graphene.String(description="Postal code.")
    country = graphene.InputField(CountryCodeEnum, description="Country.")
    country_area = graphene.String(description="State or province.")
    phone = graphene.String(description="Phone number.\n\nPhone numbers are validated with Google's "
                                        "[libphonenumber](https://github.com/google/libphonenumber) library.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Address public metadata.")
    skip_validation = graphene.Boolean(default_value=False,
                                       description="Determine if the address should be validated.")


class AccountRegisterInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    language_code = graphene.InputField(LanguageCodeEnum, description="User language code.")
    email = graphene.String(required=True, description="The email address of the user.")
    password = graphene.String(required=True, description="Password.")
    redirect_url = graphene.String(description="Base of frontend URL that will be needed to create confirmation URL. "
                                               "Required when account confirmation is enabled.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="User public metadata.")
    channel = graphene.String(description="Slug of a channel which will be used to notify users. Optional when only "
                                          "one channel exists.")

    class Meta:
        description = "Fields required to create a user."


class AccountInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    language_code = graphene.InputField(LanguageCodeEnum, description="User language code.")
    default_billing_address = graphene.InputField(AddressInput, description="Billing address of the customer.")
    default_shipping_address = graphene.InputField(AddressInput, description="Shipping address of the customer.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Fields required to update the user "
                                                                            "metadata.")

    class Meta:
        description = "Fields required to update the user."


def enum_value(value):
    """Graphene 3 hands enum arguments over as members; services want their plain value."""
    return getattr(value, "value", value)


def language_code_from_enum(value) -> str | None:
    """LanguageCodeEnum "FR_BE" -> stored "fr-be"."""
    value = enum_value(value)
    return value.replace("_", "-").lower() if value else None
