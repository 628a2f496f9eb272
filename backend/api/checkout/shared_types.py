"""Checkout's small types: the error types, Delivery and the DeliveryMethod union, GiftCard, StoredPaymentMethod."""

import graphene

from backend.api.account.types import AddressTypeEnum
from backend.api.core.enums import saleor_enum
from backend.api.core.scalars import DateTime
from backend.api.core.types import Money, ObjectWithMetadata
from backend.api.payment.types import PaymentGateway
from backend.api.shipping.types import ShippingMethod, ShippingMethodData
from backend.api.warehouse.types import Warehouse

CheckoutErrorCode = saleor_enum("CheckoutErrorCode")
CheckoutAuthorizeStatusEnum = saleor_enum("CheckoutAuthorizeStatusEnum")
CheckoutChargeStatusEnum = saleor_enum("CheckoutChargeStatusEnum")
DeliveryOptionsCalculateErrorCode = saleor_enum("DeliveryOptionsCalculateErrorCode")
MetadataErrorCode = saleor_enum("MetadataErrorCode")

_FIELD = "Name of a field that caused the error. A value of `null` indicates that the error isn't associated with " \
         "a particular field."


class CheckoutError(graphene.ObjectType):
    field = graphene.String(description=_FIELD)
    message = graphene.String(description="The error message.")
    code = graphene.Field(CheckoutErrorCode, required=True, description="The error code.")
    variants = graphene.List(graphene.NonNull(graphene.ID), description="List of varint IDs which causes the error.")
    lines = graphene.List(graphene.NonNull(graphene.ID), description="List of line Ids which cause the error.")
    address_type = graphene.Field(AddressTypeEnum, description="A type of address that causes the error.")


class DeliveryOptionsCalculateError(graphene.ObjectType):
    field = graphene.String(description=_FIELD)
    message = graphene.String(description="The error message.")
    code = graphene.Field(DeliveryOptionsCalculateErrorCode, required=True, description="The error code.")


class MetadataError(graphene.ObjectType):
    field = graphene.String(description=_FIELD)
    message = graphene.String(description="The error message.")
    code = graphene.Field(MetadataErrorCode, required=True, description="The error code.")


class GiftCard(graphene.ObjectType):
    """Declared for the contract; the Comptoir sells no gift cards, so every list of them is empty."""

    id = graphene.GlobalID(required=True)
    display_code = graphene.String(required=True, description="Code in format which allows displaying in a user "
                                                              "interface.")
    last_4_code_chars = graphene.String(required=True, name="last4CodeChars",
                                        description="Last 4 characters of gift card code.")
    code = graphene.String(required=True, description="Gift card code.")
    created = DateTime(required=True)
    is_active = graphene.Boolean(required=True)
    initial_balance = graphene.Field(Money, required=True)
    current_balance = graphene.Field(Money, required=True)

    class Meta:
        description = "A gift card is a prepaid electronic payment card accepted in stores."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)


class StoredPaymentMethod(graphene.ObjectType):
    """Declared for the contract; no card is stored here (Stripe keeps them), so the list is always empty."""

    id = graphene.ID(required=True, description="Stored payment method ID.")
    gateway = graphene.Field(PaymentGateway, required=True, description="Payment gateway that stores this payment "
                                                                        "method.")
    payment_method_id = graphene.ID(required=True, description="ID of stored payment method used to make payment "
                                                               "actions.")
    type = graphene.String(required=True, description="Type of stored payment method.")
    name = graphene.String(description="Payment method name.")

    class Meta:
        description = "Represents a payment method stored for user (tokenized) in payment gateway."


class Delivery(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the delivery.")
    shipping_method = graphene.Field(ShippingMethod, description="Shipping method used for this delivery.")

    class Meta:
        description = "Represents a delivery option for the checkout (home delivery computed by "\
                      "deliveryOptionsCalculate)."

    @staticmethod
    def resolve_shipping_method(root, _info):
        return ShippingMethodData.from_option(root) if root.shipping_method_id else None


class DeliveryMethod(graphene.Union):
    class Meta:
        types = (Warehouse, ShippingMethod)

    @classmethod
    def resolve_type(cls, instance, info):
        return ShippingMethod if isinstance(instance, ShippingMethodData) else Warehouse
