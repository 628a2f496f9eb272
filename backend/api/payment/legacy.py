"""Saleor's legacy payments API types: Payment, CreditCard and PaymentSource.

Every payment here is a TransactionItem of the transactions API (Order.transactions, Checkout.transactions). The
legacy types are declared so that Saleor clients can still ask; `Order.payments` and `User.storedPaymentSources` are
empty lists, which is what Saleor answers for orders paid through transactions and for users with no stored card.
Only the fields a legacy payment would show without extra permissions are declared.
"""

import graphene

from backend.api.core.enums import saleor_enum
from backend.api.core.scalars import DateTime
from backend.api.core.types import MetadataItem, Money, ObjectWithMetadata

PaymentChargeStatusEnum = saleor_enum("PaymentChargeStatusEnum")


class CreditCard(graphene.ObjectType):
    brand = graphene.String(required=True, description="Card brand.")
    first_digits = graphene.String(description="First 4 digits of the card number.")
    last_digits = graphene.String(required=True, description="Last 4 digits of the card number.")
    exp_month = graphene.Int(description="Two-digit number representing the card’s expiration month.")
    exp_year = graphene.Int(description="Four-digit number representing the card’s expiration year.")


class PaymentSource(graphene.ObjectType):
    gateway = graphene.String(required=True, description="Payment gateway name.")
    payment_method_id = graphene.String(description="ID of stored payment method.")
    credit_card_info = graphene.Field(CreditCard, description="Stored credit card details if available.")
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True,
                             description="List of public metadata items.\n\nCan be accessed without permissions.")

    class Meta:
        description = "Represents a payment source stored for user in payment gateway, such as credit card."


class Payment(graphene.ObjectType):
    gateway = graphene.String(required=True, description="Payment gateway used for payment.")
    is_active = graphene.Boolean(required=True, description="Determines if the payment is active or not.")
    created = DateTime(required=True, description="Date and time at which payment was created.")
    modified = DateTime(required=True, description="Date and time at which payment was modified.")
    token = graphene.String(required=True, description="Unique token associated with a payment.")
    checkout = graphene.Field("backend.api.checkout.types.Checkout", description="Checkout associated with a "
                                                                                 "payment.")
    order = graphene.Field("backend.api.order.types.Order", description="Order associated with a payment.")
    payment_method_type = graphene.String(required=True, description="Type of method used for payment.")
    charge_status = graphene.Field(PaymentChargeStatusEnum, required=True, description="Internal payment status.")
    total = graphene.Field(Money, description="Total amount of the payment.")
    captured_amount = graphene.Field(Money, description="Total amount captured for this payment.")
    credit_card = graphene.Field(CreditCard, description="The details of the card used for this payment.")
    psp_reference = graphene.String(description="PSP reference of the payment.")

    class Meta:
        description = "Represents a payment of a given type."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)


def resolve_order_payments(_root, _info):
    return []  # every payment of an order is one of its transactions (Order.transactions)
