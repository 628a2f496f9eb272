"""Saleor's transactions API types: TransactionItem, TransactionEvent, PaymentGateway, and the payment errors."""

import graphene

from backend.api.core.dataloaders import ByForeignKeyLoader, then
from backend.api.core.enums import saleor_enum
from backend.api.core.scalars import JSON, UUID, DateTime
from backend.api.core.types import Money, ObjectWithMetadata, money
from backend.commerce.payment.models import TransactionEvent as TransactionEventModel
from backend.commerce.payment.models import TransactionEventType as TransactionEventTypeModel
from backend.core.permissions import PermissionEnum, has_one_of_permissions

TransactionActionEnum = saleor_enum("TransactionActionEnum")
TransactionEventTypeEnum = saleor_enum("TransactionEventTypeEnum")
TransactionFlowStrategyEnum = saleor_enum("TransactionFlowStrategyEnum")
# Who may read which user started a transaction (Saleor's readers of Order.transactions).
TRANSACTION_READERS = (PermissionEnum.MANAGE_ORDERS, PermissionEnum.HANDLE_PAYMENTS)


def _error_type(name: str, code_enum: str, *, required: bool = True, description: str = ""):
    fields = {
        "field": graphene.String(description="Name of a field that caused the error. A value of `null` indicates "
                                             "that the error isn't associated with a particular field."),
        "message": graphene.String(description="The error message."),
        "code": graphene.Field(saleor_enum(code_enum), required=required, description="The error code."),
        "Meta": type("Meta", (), {"description": description or f"Represents an error of {name}."}),
    }
    return type(name, (graphene.ObjectType,), fields)


TransactionInitializeError = _error_type("TransactionInitializeError", "TransactionInitializeErrorCode")
TransactionProcessError = _error_type("TransactionProcessError", "TransactionProcessErrorCode")
TransactionRequestActionError = _error_type("TransactionRequestActionError", "TransactionRequestActionErrorCode")
PaymentGatewayInitializeError = _error_type("PaymentGatewayInitializeError", "PaymentGatewayInitializeErrorCode")
PaymentGatewayConfigError = _error_type("PaymentGatewayConfigError", "PaymentGatewayConfigErrorCode")


class EventsByTransactionLoader(ByForeignKeyLoader):
    model = TransactionEventModel
    fk_field = "transaction"


class GatewayConfigLine(graphene.ObjectType):
    field = graphene.String(required=True, description="Gateway config key.")
    value = graphene.String(description="Gateway config value for key.")

    class Meta:
        description = "Payment gateway client configuration key and value pair."


class PaymentGateway(graphene.ObjectType):
    name = graphene.String(required=True, description="Payment gateway name.")
    id = graphene.ID(required=True, description="Payment gateway ID.")
    config = graphene.List(graphene.NonNull(GatewayConfigLine), required=True,
                           description="Payment gateway client configuration.")
    currencies = graphene.List(graphene.NonNull(graphene.String), required=True,
                               description="Payment gateway supported currencies.")

    class Meta:
        description = "Available payment gateway backend with configuration necessary to setup client."

    @staticmethod
    def resolve_config(root, _info):
        return [GatewayConfigLine(field=key, value=value) for key, value in root.config]

    @staticmethod
    def resolve_currencies(root, _info):
        return list(root.currencies)


class TransactionEvent(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the object.")
    created_at = DateTime(required=True, description="Date and time at which a transaction event was created.")
    psp_reference = graphene.String(required=True, description="PSP reference of transaction.")
    message = graphene.String(required=True, description="Message related to the transaction's event.")
    external_url = graphene.String(required=True, description="The url that will allow to redirect user to "
                                                              "payment provider page with transaction details.")
    amount = graphene.Field(Money, required=True, description="The amount related to this event.")
    type = graphene.Field(TransactionEventTypeEnum, description="The type of action related to this event.")
    idempotency_key = graphene.String(description="Idempotency key assigned to the event.")

    class Meta:
        description = "Represents transaction's event."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_amount(root, _info):
        return money(root.amount_value, root.currency)

    @staticmethod
    def resolve_type(root, _info):
        return str(root.type)


def _amount(attribute: str):
    return graphene.Field(Money, required=True, resolver=lambda root, _info: money(getattr(root, attribute),
                                                                                     root.currency))


class TransactionItem(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the object.")
    token = UUID(required=True, description="The transaction token.")
    created_at = DateTime(required=True, description="Date and time at which payment transaction was created.")
    modified_at = DateTime(required=True, description="Date and time at which payment transaction was modified.")
    actions = graphene.List(graphene.NonNull(TransactionActionEnum), required=True,
                            description="List of actions that can be performed in the current state of a payment.")
    authorized_amount = _amount("authorized_value")
    authorize_pending_amount = _amount("authorize_pending_value")
    refunded_amount = _amount("refunded_value")
    refund_pending_amount = _amount("refund_pending_value")
    canceled_amount = _amount("canceled_value")
    cancel_pending_amount = _amount("cancel_pending_value")
    charged_amount = _amount("charged_value")
    charge_pending_amount = _amount("charge_pending_value")
    name = graphene.String(required=True, description="Name of the transaction.")
    message = graphene.String(required=True, description="Message related to the transaction.")
    psp_reference = graphene.String(required=True, description="PSP reference of transaction.")
    events = graphene.List(graphene.NonNull(TransactionEvent), required=True,
                           description="List of all transaction's events.")
    external_url = graphene.String(required=True, description="The url that will allow to redirect user to payment "
                                                              "provider page with transaction details.")
    order = graphene.Field("backend.api.order.types.Order", description="The related order.")
    checkout = graphene.Field("backend.api.checkout.types.Checkout", description="The related checkout.")
    created_by = graphene.Field("backend.api.app.types.UserOrApp",
                                description="User or App that created the transaction.")
    payment_method_details = graphene.Field(lambda: PaymentMethodDetails,
                                            description="The payment method used for this transaction.")
    reason = graphene.String(description="Reason of the refund.")
    reason_reference = graphene.Field("backend.api.page.types.Page", description="Reason `Page` (Model) for refund.")

    class Meta:
        description = "Represents a payment transaction."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root, _info):
        return root.pk

    @staticmethod
    def resolve_token(root, _info):
        return root.pk

    @staticmethod
    def resolve_actions(root, _info):
        return [str(action) for action in root.available_actions]

    @staticmethod
    def resolve_order(root, _info):
        return root.order if root.order_id else None

    @staticmethod
    def resolve_checkout(root, _info):
        return root.checkout if root.checkout_id else None

    @staticmethod
    def resolve_events(root, info):
        return EventsByTransactionLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_created_by(root, info):
        """The user who started it (shown to that user and to payment staff only: a guest holding the order's ID
        must not read who paid), else the App (gateway) that owns it."""
        if root.user_id is not None:
            viewer = getattr(info.context, "user", None)
            if viewer is not None and viewer.is_authenticated and viewer.pk == root.user_id:
                return viewer
            if not has_one_of_permissions(viewer, TRANSACTION_READERS):
                return None
            from backend.api.checkout.dataloaders import UserByIdLoader

            return UserByIdLoader(info.context).load(root.user_id)
        from backend.api.app.types import gateway_app

        return gateway_app(info, root.app_identifier, root.name)

    @staticmethod
    def resolve_payment_method_details(_root, _info):
        # No gateway here reports the card or method it was paid with (Saleor's answer when the app sent none).
        return None

    @staticmethod
    def resolve_reason(root, info):
        """What staff gave as `refundReason` with their last refund request on this transaction."""
        def last_reason(events):
            reasons = [e.message for e in events if e.type == TransactionEventTypeModel.REFUND_REQUEST and e.message]
            return reasons[-1] if reasons else None

        return then(EventsByTransactionLoader(info.context).load(root.pk), last_reason)

    @staticmethod
    def resolve_reason_reference(_root, _info):
        # Refund reasons as `Page` models need a reason model type in the refund settings, which are not configured
        # here: Saleor answers null then.
        return None


class PaymentMethodDetails(graphene.Interface):
    name = graphene.String(required=True, description="Name of the payment method.")

    class Meta:
        description = "Details of the payment method used for the transaction."


class CardPaymentMethodDetails(graphene.ObjectType):
    brand = graphene.String(description="Card brand.")
    first_digits = graphene.String(description="First 4 digits of the card number.")
    last_digits = graphene.String(description="Last 4 digits of the card number.")
    exp_month = graphene.Int(description="Two-digit number representing the card’s expiration month.")
    exp_year = graphene.Int(description="Four-digit number representing the card’s expiration year.")

    class Meta:
        description = "Represents a card payment method used for a transaction."
        interfaces = (PaymentMethodDetails,)


class OtherPaymentMethodDetails(graphene.ObjectType):
    class Meta:
        description = "Represents a payment method used for a transaction."
        interfaces = (PaymentMethodDetails,)


class PaymentGatewayConfig(graphene.ObjectType):
    id = graphene.String(required=True)
    data = JSON()
    errors = graphene.List(graphene.NonNull(PaymentGatewayConfigError))
