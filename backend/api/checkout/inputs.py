"""Input types of the checkout mutations, with Saleor's names."""

import graphene

from backend.api.account.inputs import AddressInput
from backend.api.core.enums import LanguageCodeEnum
from backend.api.core.scalars import PositiveDecimal
from backend.api.core.types import MetadataInput


class CheckoutLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The number of items purchased.")
    variant_id = graphene.ID(required=True, description="ID of the product variant.")
    price = PositiveDecimal(description="Custom price of the item. Requires HANDLE_CHECKOUTS: refused here, the "
                                        "price always comes from the channel listing.")
    price_override_reason = graphene.String(description="Reason for the price override.")
    force_new_line = graphene.Boolean(default_value=False, description="Flag that allow force splitting the same "
                                                                       "variant into multiple lines.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Fields required to update the object's "
                                                                           "metadata.")


class CheckoutLineUpdateInput(graphene.InputObjectType):
    variant_id = graphene.ID(deprecation_reason="Use `lineId` instead.", description="ID of the product variant.")
    quantity = graphene.Int(description="The number of items purchased. Optional for apps, required for any other "
                                        "users.")
    price = PositiveDecimal(description="Custom price of the item (refused: prices come from the listings).")
    price_override_reason = graphene.String(description="Reason for the price override.")
    line_id = graphene.ID(description="ID of the line.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Fields required to update the object's "
                                                                           "metadata.")


class CheckoutAddressValidationRules(graphene.InputObjectType):
    check_required_fields = graphene.Boolean(default_value=True, description="Determines if an error should be "
                                                                            "raised when the provided address "
                                                                            "doesn't have all the required fields.")
    check_fields_format = graphene.Boolean(default_value=True, description="Determines if an error should be raised "
                                                                          "when the provided address doesn't match "
                                                                          "the expected format.")
    enable_fields_normalization = graphene.Boolean(default_value=True, description="Determines if Saleor should "
                                                                                  "apply normalization on address "
                                                                                  "fields.")


class CheckoutValidationRules(graphene.InputObjectType):
    shipping_address = graphene.Field(CheckoutAddressValidationRules, description="The validation rules that can "
                                                                                  "be applied to provided shipping "
                                                                                  "address data.")
    billing_address = graphene.Field(CheckoutAddressValidationRules, description="The validation rules that can be "
                                                                                 "applied to provided billing "
                                                                                 "address data.")


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String(description="Slug of a channel in which to create a checkout.")
    lines = graphene.List(graphene.NonNull(CheckoutLineInput), description="A list of checkout lines, each "
                                                                           "containing information about an item in "
                                                                           "the checkout.")
    email = graphene.String(description="The customer's email address.")
    save_shipping_address = graphene.Boolean(description="Indicates whether the shipping address should be saved to "
                                                         "the user’s address book upon checkout completion.")
    shipping_address = graphene.Field(AddressInput, description="The mailing address to where the checkout will be "
                                                                "shipped.")
    save_billing_address = graphene.Boolean(description="Indicates whether the billing address should be saved to "
                                                        "the user’s address book upon checkout completion.")
    billing_address = graphene.Field(AddressInput, description="Billing address of the customer.")
    language_code = graphene.Field(LanguageCodeEnum, description="Checkout language code.")
    validation_rules = graphene.Field(CheckoutValidationRules, description="The checkout validation rules that can "
                                                                           "be changed.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Checkout public metadata.")
