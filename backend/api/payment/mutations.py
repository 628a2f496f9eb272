"""Transactions API mutations: paymentGatewayInitialize, transactionInitialize, transactionProcess (public: the
checkout's or order's ID is the right to pay it) and staff transactionRequestAction (HANDLE_PAYMENTS or
MANAGE_ORDERS). The gateways are plugins (plugins/stripe, plugins/dummy) behind backend.commerce.payment.gateways."""

import graphene

from backend.api.checkout.base import DomainMutation
from backend.api.checkout.ids import decode_pk, decode_uuid
from backend.api.core.errors import PermissionDenied
from backend.api.core.scalars import JSON, UUID, PositiveDecimal
from backend.api.payment.types import (
    PaymentGatewayConfig,
    PaymentGatewayConfigError,
    PaymentGatewayInitializeError,
    TransactionActionEnum,
    TransactionEvent,
    TransactionFlowStrategyEnum,
    TransactionInitializeError,
    TransactionItem,
    TransactionProcessError,
    TransactionRequestActionError,
)
from backend.commerce.checkout.models import Checkout as CheckoutModel
from backend.commerce.order.models import Order as OrderModel
from backend.commerce.payment import gateways
from backend.commerce.payment.error_codes import TransactionInitializeErrorCode
from backend.core.permissions import PermissionEnum, has_one_of_permissions


class PaymentGatewayToInitialize(graphene.InputObjectType):
    id = graphene.String(required=True, description="The identifier of the payment gateway app to initialize.")
    data = JSON(description="The data that will be passed to the payment gateway.")


def _source(global_id):
    """The checkout or order to pay, by its global ID (NOT_FOUND when it does not exist)."""
    from django.core.exceptions import ValidationError

    type_name, pk = decode_pk(global_id, ("Checkout", "Order"))
    model = CheckoutModel if type_name == "Checkout" else OrderModel
    source = model.objects.select_related("channel").filter(pk=pk).first()
    if source is None:
        raise ValidationError({"id": ValidationError("Ce panier ou cette commande n'existe pas.", code="NOT_FOUND")})
    return source


def _ip(info, given):
    return given or info.context.META.get("REMOTE_ADDR")


class PaymentGatewayInitialize(DomainMutation):
    gateway_configs = graphene.List(graphene.NonNull(PaymentGatewayConfig), description="List of payment gateway "
                                                                                        "configurations.")

    class Arguments:
        id = graphene.ID(required=True, description="The ID of the checkout or order.")
        amount = PositiveDecimal(description="The amount requested for initializing the payment gateway.")
        payment_gateways = graphene.List(graphene.NonNull(PaymentGatewayToInitialize),
                                         description="List of payment gateways to initialize.")

    class Meta:
        description = "Initializes a payment gateway session (e.g. Stripe's publishable key)."
        error_type_class = PaymentGatewayInitializeError
        auth = "public"

    @classmethod
    def perform_mutation(cls, _root, _info, id, amount=None, payment_gateways=None):
        source = _source(id)
        if payment_gateways is None:
            requested = [(g.id, None) for g in gateways.payment_gateways_for(
                channel=source.channel, **({"checkout": source} if isinstance(source, CheckoutModel)
                                           else {"order": source}))]
        else:
            requested = [(g["id"], g.get("data")) for g in payment_gateways]
        results = gateways.payment_gateway_initialize(source=source, gateways=requested, amount=amount)
        return cls(gateway_configs=[PaymentGatewayConfig(
            id=r.id, data=r.data, errors=[PaymentGatewayConfigError(**e) for e in r.errors]) for r in results])


class TransactionSessionMutation(DomainMutation):
    transaction = graphene.Field(TransactionItem, description="The initialized transaction.")
    transaction_event = graphene.Field(TransactionEvent, description="The event created for the initialized "
                                                                     "transaction.")
    data = JSON(description="The JSON data required to finalize the payment.")

    class Meta:
        abstract = True

    @classmethod
    def answer(cls, outcome):
        return cls(transaction=outcome.transaction, transaction_event=outcome.event, data=outcome.data)


class TransactionInitialize(TransactionSessionMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The ID of the checkout or order.")
        action = graphene.Argument(TransactionFlowStrategyEnum, description="The expected action called for the "
                                                                            "transaction.")
        amount = PositiveDecimal(description="The amount requested for initializing the payment session. If not "
                                             "provided, the difference between checkout.total - "
                                             "transactions that are already processed will be send.")
        customer_ip_address = graphene.String(description="The customer's IP address.")
        idempotency_key = graphene.String(description="The idempotency key assigned to the action.")
        payment_gateway = PaymentGatewayToInitialize(required=True, description="Payment gateway used to initialize "
                                                                                "the payment session.")

    class Meta:
        description = "Initializes a transaction session. It triggers the gateway to start the payment session."
        error_type_class = TransactionInitializeError
        auth = "public"

    @classmethod
    def perform_mutation(cls, _root, info, id, payment_gateway, action=None, amount=None, customer_ip_address=None,
                         idempotency_key=None):
        from django.core.exceptions import ValidationError

        source = _source(id)
        if isinstance(source, CheckoutModel) and source.completing_started_at is not None:
            raise ValidationError({"id": ValidationError(
                "Ce panier est en cours de validation.",
                code=TransactionInitializeErrorCode.CHECKOUT_COMPLETION_IN_PROGRESS.value)})
        user = info.context.user if info.context.user.is_authenticated else None
        outcome = gateways.transaction_initialize(
            source=source, gateway_id=payment_gateway["id"], data=payment_gateway.get("data"), amount=amount,
            action=getattr(action, "value", action) or "CHARGE", idempotency_key=idempotency_key,
            customer_ip_address=_ip(info, customer_ip_address), user=user)
        return cls.answer(outcome)


class TransactionProcess(TransactionSessionMutation):
    class Arguments:
        id = graphene.ID(description="The ID of the transaction to process.")
        token = UUID(description="The token of the transaction to process.")
        customer_ip_address = graphene.String(description="The customer's IP address.")
        data = JSON(description="The data that will be passed to the payment gateway.")

    class Meta:
        description = "Processes a transaction session. Idempotent: a processed transaction answers its result."
        error_type_class = TransactionProcessError
        auth = "public"

    @classmethod
    def perform_mutation(cls, _root, info, id=None, token=None, customer_ip_address=None, data=None):
        token = token or (decode_uuid(id, "TransactionItem") if id else None)
        outcome = gateways.transaction_process(transaction_token=token, data=data,
                                               customer_ip_address=_ip(info, customer_ip_address))
        return cls.answer(outcome)


PAYMENT_STAFF = (PermissionEnum.MANAGE_ORDERS,)


class TransactionRequestAction(DomainMutation):
    transaction = graphene.Field(TransactionItem)

    class Arguments:
        id = graphene.ID(description="The ID of the transaction.")
        token = UUID(description="The token of the transaction.")
        action_type = graphene.Argument(TransactionActionEnum, required=True, description="Determines the action "
                                                                                          "type.")
        amount = PositiveDecimal(description="Transaction request amount. If empty for refund or capture, maximal "
                                             "possible amount will be used.")
        refund_reason = graphene.String(description="Reason of the refund.")
        refund_reason_reference = graphene.ID(description="ID of a `Page` to reference in reason.")

    class Meta:
        description = "Request an action for payment transaction (charge, refund, cancel). Requires MANAGE_ORDERS."
        error_type_class = TransactionRequestActionError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, action_type, id=None, token=None, amount=None, refund_reason=None,
                         refund_reason_reference=None):
        if not has_one_of_permissions(info.context.user, PAYMENT_STAFF):
            raise PermissionDenied(permissions=PAYMENT_STAFF)
        token = token or (decode_uuid(id, "TransactionItem") if id else None)
        outcome = gateways.transaction_request_action(transaction_token=token,
                                                      action=getattr(action_type, "value", action_type),
                                                      amount=amount, user=info.context.user,
                                                      reason=refund_reason or "")
        return cls(transaction=outcome.transaction)
