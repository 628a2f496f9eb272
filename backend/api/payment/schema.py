"""The payment part of Saleor's schema: the transactions API mutations."""

import graphene

from backend.api.payment.mutations import (
    PaymentGatewayInitialize,
    TransactionInitialize,
    TransactionProcess,
    TransactionRequestAction,
)
from backend.api.payment.types import CardPaymentMethodDetails, OtherPaymentMethodDetails


class Queries(graphene.ObjectType):
    pass


class Mutations(graphene.ObjectType):
    payment_gateway_initialize = PaymentGatewayInitialize.Field()
    transaction_initialize = TransactionInitialize.Field()
    transaction_process = TransactionProcess.Field()
    transaction_request_action = TransactionRequestAction.Field()


# Reachable only through the PaymentMethodDetails interface (TransactionItem.paymentMethodDetails).
EXTRA_TYPES = [CardPaymentMethodDetails, OtherPaymentMethodDetails]
