"""Saleor's Order, OrderLine, OrderDiscount, Fulfillment, FulfillmentLine, OrderEvent and OrderError.

Who reads what (as Saleor): the order's customer, staff holding MANAGE_ORDERS, and the buyer in the answer of
checkoutComplete read everything. Anybody else holding the order's global ID (a UUID nobody can guess: the guest's
confirmation page) reads it with personal data anonymised — e-mail, names, street, phone. The pickup code is in the
public metadata (key "pickupCode") for collection orders: the ID holder needs it at the counter.
"""

from decimal import Decimal

import graphene

from backend.api.account.dataloaders import AddressByIdLoader
from backend.api.account.types import Address, AddressTypeEnum, User
from backend.api.channel.types import Channel
from backend.api.checkout.dataloaders import TransactionsByOrderLoader, UserByIdLoader
from backend.api.checkout.types import DeliveryMethod, GiftCard
from backend.api.core.dataloaders import then
from backend.api.core.enums import LanguageCodeEnum, saleor_enum
from backend.api.core.scalars import DateTime
from backend.api.core.types import MetadataItem, Money, ObjectWithMetadata, TaxedMoney, money, weight_kg
from backend.api.discount.types import Voucher
from backend.api.order.access import (
    anonymised_address,
    can_manage_orders,
    has_full_access,
    obfuscate_email,
    viewer_of,
)
from backend.api.order.dataloaders import (
    EventsByOrderLoader,
    FulfillmentsByOrderLoader,
    LinesByOrderLoader,
    VoucherByIdLoader,
)
from backend.api.order.lines import Fulfillment, FulfillmentLine, OrderDiscount, OrderEvent, OrderLine, taxed
from backend.api.order.refunds import Invoice, OrderGrantedRefund, resolve_granted_refunds, resolve_invoices
from backend.api.order.tax_classes import resolve_shipping_tax_class
from backend.api.payment.legacy import Payment, resolve_order_payments
from backend.api.payment.types import TransactionItem
from backend.api.product.dataloaders import ChannelByIdLoader
from backend.api.product.types.product_types import TaxClass
from backend.api.shipping.types import ShippingMethod, ShippingMethodData
from backend.api.warehouse.dataloaders import WarehouseByIdLoader
from backend.api.warehouse.types import Warehouse
from backend.commerce.order.models import Order as OrderModel
from backend.commerce.order.models import OrderStatus as OrderStatusModel
from backend.core.ids import to_global_id

__all__ = ["Fulfillment", "FulfillmentLine", "Order", "OrderDiscount", "OrderError", "OrderEvent", "OrderLine",
           "OrderNoteAddError", "can_manage_orders"]

OrderStatusEnum = saleor_enum("OrderStatus")
OrderErrorCode = saleor_enum("OrderErrorCode")
OrderAuthorizeStatusEnum = saleor_enum("OrderAuthorizeStatusEnum")
OrderChargeStatusEnum = saleor_enum("OrderChargeStatusEnum")
PaymentChargeStatusEnum = saleor_enum("PaymentChargeStatusEnum")
OrderOriginEnum = saleor_enum("OrderOriginEnum")
OrderAction = saleor_enum("OrderAction")
OrderNoteAddErrorCode = saleor_enum("OrderNoteAddErrorCode")

PAYMENT_STATUS = {"NONE": ("NOT_CHARGED", "Non payée"), "PARTIAL": ("PARTIALLY_CHARGED", "Payée en partie"),
                  "FULL": ("FULLY_CHARGED", "Payée"), "OVERCHARGED": ("FULLY_CHARGED", "Payée")}
_FIELD = "Name of a field that caused the error. A value of `null` indicates that the error isn't associated with " \
         "a particular field."


class OrderError(graphene.ObjectType):
    field = graphene.String(description=_FIELD)
    message = graphene.String(description="The error message.")
    code = graphene.Field(OrderErrorCode, required=True, description="The error code.")
    warehouse = graphene.ID(description="Warehouse ID which causes the error.")
    order_lines = graphene.List(graphene.NonNull(graphene.ID), description="List of order line IDs that cause the "
                                                                           "error.")
    variants = graphene.List(graphene.NonNull(graphene.ID), description="List of product variants that are "
                                                                        "associated with the error")
    address_type = graphene.Field(AddressTypeEnum, description="A type of address that causes the error.")


class OrderNoteAddError(graphene.ObjectType):
    field = graphene.String(description=_FIELD)
    message = graphene.String(description="The error message.")
    code = graphene.Field(OrderNoteAddErrorCode, description="The error code.")


def _money_field(description: str, attribute: str | None = None, deprecation_reason: str | None = None):
    def resolver(root, _info):
        return money(getattr(root, attribute) if attribute else Decimal("0"), root.currency)

    return graphene.Field(Money, required=True, description=description, resolver=resolver,
                          deprecation_reason=deprecation_reason)


class Order(graphene.ObjectType):
    id = graphene.GlobalID(required=True)
    created = DateTime(required=True)
    updated_at = DateTime(required=True)
    status = graphene.Field(OrderStatusEnum, required=True)
    user = graphene.Field(User, description="User who placed the order. This field is set only for orders placed "
                                            "by authenticated users.")
    tracking_client_id = graphene.String(required=True)
    billing_address = graphene.Field(Address)
    shipping_address = graphene.Field(Address)
    shipping_method_name = graphene.String(description="Method used for shipping.")
    collection_point_name = graphene.String(description="Name of the collection point where the order should be "
                                                        "picked up by the customer.")
    channel = graphene.Field(Channel, required=True)
    fulfillments = graphene.List(graphene.NonNull(Fulfillment), required=True,
                                 description="List of shipments for the order.")
    lines = graphene.List(graphene.NonNull(OrderLine), required=True, description="List of order lines.")
    actions = graphene.List(graphene.NonNull(OrderAction), required=True,
                            description="List of actions that can be performed in the current state of an order.")
    shipping_methods = graphene.List(graphene.NonNull(ShippingMethod), required=True,
                                     description="Shipping methods related to this order.")
    available_collection_points = graphene.List(graphene.NonNull(Warehouse), required=True,
                                                description="Collection points that can be used for this order.")
    invoices = graphene.List(graphene.NonNull(Invoice), required=True, resolver=resolve_invoices,
                             description="List of order invoices. Can be fetched for orders created in Saleor 3.2 and "
                                         "later, for other orders requires one of the following permissions: "
                                         "MANAGE_ORDERS, OWNER.")
    number = graphene.String(required=True, description="User-friendly number of an order.")
    origin = graphene.Field(OrderOriginEnum, required=True, description="Order origin.")
    is_paid = graphene.Boolean(required=True, description="Informs if an order is fully paid.")
    payment_status = graphene.Field(PaymentChargeStatusEnum, required=True, description="Internal payment status.")
    payment_status_display = graphene.String(required=True, description="User-friendly payment status.")
    authorize_status = graphene.Field(OrderAuthorizeStatusEnum, required=True,
                                      description="The authorize status of the order.")
    charge_status = graphene.Field(OrderChargeStatusEnum, required=True, description="The charge status of the "
                                                                                     "order.")
    tax_exemption = graphene.Boolean(required=True, description="Returns True if order has to be exempt from taxes.")
    transactions = graphene.List(graphene.NonNull(TransactionItem), required=True,
                                 description="List of transactions for the order.")
    payments = graphene.List(graphene.NonNull(Payment), required=True, resolver=resolve_order_payments,
                             description="List of payments for the order.",
                             deprecation_reason="The legacy Payments API is deprecated and will be removed. Use the "
                                                "Transactions API instead.")
    total = graphene.Field(TaxedMoney, required=True, description="Total amount of the order.")
    undiscounted_total = graphene.Field(TaxedMoney, required=True, description="Undiscounted total amount of the "
                                                                               "order.")
    shipping_method = graphene.Field(ShippingMethod, deprecation_reason="Use `deliveryMethod` instead.")
    undiscounted_shipping_price = _money_field("Undiscounted total price of shipping.",
                                               "base_shipping_price_amount")
    shipping_price = graphene.Field(TaxedMoney, required=True, description="Total price of shipping.")
    shipping_tax_rate = graphene.Float(required=True, description="The shipping tax rate value.")
    shipping_tax_class = graphene.Field(TaxClass, resolver=resolve_shipping_tax_class,
                                        description="Denormalized tax class assigned to the shipping method.\n\n"
                                                    "Requires one of the following permissions: "
                                                    "AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP.")
    voucher = graphene.Field(Voucher)
    voucher_code = graphene.String(description="Voucher code that was used for Order.")
    gift_cards = graphene.List(graphene.NonNull(GiftCard), required=True, description="List of user gift cards.")
    customer_note = graphene.String(required=True, description="Additional information provided by the customer "
                                                               "about the order.")
    weight = graphene.Field("backend.api.core.types.Weight", required=True)
    redirect_url = graphene.String()
    subtotal = graphene.Field(TaxedMoney, required=True, description="The sum of line prices not including "
                                                                     "shipping.")
    status_display = graphene.String(required=True, description="User-friendly order status.")
    can_finalize = graphene.Boolean(required=True, description="Informs whether a draft order can be finalized.")
    total_authorized = _money_field("Amount authorized for the order.", "total_authorized_amount")
    total_captured = _money_field("Amount captured for the order.", "total_charged_amount",
                                  deprecation_reason="Use `totalCharged` instead.")
    total_charged = _money_field("Amount charged for the order.", "total_charged_amount")
    total_canceled = _money_field("Amount canceled for the order.")
    events = graphene.List(graphene.NonNull(OrderEvent), required=True, description="List of events associated with "
                                                                                    "the order.")
    total_balance = graphene.Field(Money, required=True, description="The difference between the paid and the "
                                                                     "order total amount.")
    user_email = graphene.String(description="Email address of the customer.")
    is_shipping_required = graphene.Boolean(required=True, description="Returns True, if order requires shipping.")
    delivery_method = graphene.Field(DeliveryMethod, description="The delivery method selected for this order.")
    language_code = graphene.String(required=True, deprecation_reason="Use the `languageCodeEnum` field to fetch "
                                                                      "the language code.")
    language_code_enum = graphene.Field(LanguageCodeEnum, required=True, description="Order language code.")
    discount = graphene.Field(Money, deprecation_reason="Use the `discounts` field instead.")
    discount_name = graphene.String(deprecation_reason="Use the `discounts` field instead.")
    translated_discount_name = graphene.String(deprecation_reason="Use the `discounts` field instead.")
    discounts = graphene.List(graphene.NonNull(OrderDiscount), required=True, description="List of all discounts "
                                                                                          "assigned to the order.")
    display_gross_prices = graphene.Boolean(required=True, description="Determines whether displayed prices should "
                                                                       "include taxes.")
    external_reference = graphene.String(description="External ID of this order.")
    checkout_id = graphene.ID(description="ID of the checkout that the order was created from.")
    granted_refunds = graphene.List(graphene.NonNull(OrderGrantedRefund), required=True,
                                    resolver=resolve_granted_refunds,
                                    description="List of granted refunds.\n\nRequires one of the following "
                                                "permissions: MANAGE_ORDERS.")
    total_refunded = _money_field("Total refund amount for the order.")
    total_refund_pending = _money_field("Total amount of ongoing refund requests for the order's transactions.")
    total_authorize_pending = _money_field("Total amount of ongoing authorize requests for the order's "
                                           "transactions.")
    total_charge_pending = _money_field("Total amount of ongoing charge requests for the order's transactions.")
    total_cancel_pending = _money_field("Total amount of ongoing cancel requests for the order's transactions.")
    total_granted_refund = _money_field("Total amount of granted refund.")
    total_remaining_grant = _money_field("Total amount of the granted refund that is not yet refunded.")
    original = graphene.ID(description="ID of the order that was the base for this order.")
    token = graphene.String(required=True, deprecation_reason="Use `id` instead.")
    shipping_tax_class_name = graphene.String(description="Denormalized name of the tax class.")
    shipping_tax_class_metadata = graphene.List(graphene.NonNull(MetadataItem), required=True,
                                                description="Denormalized public metadata of the shipping tax class.")
    shipping_tax_class_private_metadata = graphene.List(graphene.NonNull(MetadataItem), required=True,
                                                        description="Denormalized private metadata of the shipping "
                                                                    "tax class.")
    errors = graphene.List(graphene.NonNull(OrderError), required=True, description="List of errors that occurred "
                                                                                   "during order validation.")

    class Meta:
        description = "Represents an order in the shop."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        possible_types = (OrderModel,)  # lets `updateMetadata.item` resolve an order row to this type

    @staticmethod
    def resolve_created(root, _info):
        return root.created_at

    @staticmethod
    def resolve_token(root, _info):
        return str(root.pk)

    @staticmethod
    def resolve_shipping_tax_class_metadata(_root, _info):
        return []

    resolve_shipping_tax_class_private_metadata = resolve_shipping_tax_class_metadata
    resolve_errors = resolve_shipping_tax_class_metadata

    # Fresh rows hold TextChoices members: the enums want their plain values.
    @staticmethod
    def resolve_status(root, _info):
        return str(root.status)

    @staticmethod
    def resolve_origin(root, _info):
        return str(root.origin)

    @staticmethod
    def resolve_authorize_status(root, _info):
        return str(root.authorize_status)

    @staticmethod
    def resolve_charge_status(root, _info):
        return str(root.charge_status)

    @staticmethod
    def resolve_user(root, info):
        if root.user_id is None or not has_full_access(root, info):
            return None
        viewer = viewer_of(info)
        return viewer if viewer.is_authenticated and viewer.pk == root.user_id else \
            UserByIdLoader(info.context).load(root.user_id)

    @staticmethod
    def resolve_tracking_client_id(_root, _info):
        return ""

    @staticmethod
    def _address(root, info, address_id):
        if address_id is None:
            return None
        full = has_full_access(root, info)
        return then(AddressByIdLoader(info.context).load(address_id),
                    lambda address: address if full else anonymised_address(address))

    @staticmethod
    def resolve_billing_address(root, info):
        return Order._address(root, info, root.billing_address_id)

    @staticmethod
    def resolve_shipping_address(root, info):
        return Order._address(root, info, root.shipping_address_id)

    @staticmethod
    def resolve_shipping_method_name(root, _info):
        return root.shipping_method_name or None

    @staticmethod
    def resolve_collection_point_name(root, _info):
        return root.collection_point_name or None

    @staticmethod
    def resolve_channel(root, info):
        return ChannelByIdLoader(info.context).load(root.channel_id)

    @staticmethod
    def resolve_fulfillments(root, info):
        return FulfillmentsByOrderLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_lines(root, info):
        def tag(lines):
            for line in lines:
                line._channel_id = root.channel_id  # the variant is shown in the order's channel
            return lines

        return then(LinesByOrderLoader(info.context).load(root.pk), tag)

    @staticmethod
    def resolve_actions(root, _info):
        due = root.total_gross_amount - root.total_charged_amount
        return ["MARK_AS_PAID"] if due > 0 and root.status != OrderStatusModel.CANCELED else []

    @staticmethod
    def resolve_shipping_methods(_root, _info):
        return []

    @staticmethod
    def resolve_available_collection_points(_root, _info):
        return []

    @staticmethod
    def resolve_number(root, _info):
        return str(root.number)

    @staticmethod
    def resolve_is_paid(root, _info):
        return root.charge_status in ("FULL", "OVERCHARGED")

    @staticmethod
    def resolve_payment_status(root, _info):
        return PAYMENT_STATUS[str(root.charge_status)][0]

    @staticmethod
    def resolve_payment_status_display(root, _info):
        return PAYMENT_STATUS[str(root.charge_status)][1]

    @staticmethod
    def resolve_tax_exemption(_root, _info):
        return False

    @staticmethod
    def resolve_transactions(root, info):
        return TransactionsByOrderLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_total(root, _info):
        return taxed(root.total_net_amount, root.total_gross_amount, root.currency)

    @staticmethod
    def resolve_undiscounted_total(root, _info):
        return taxed(root.undiscounted_total_net_amount, root.undiscounted_total_gross_amount, root.currency)

    @staticmethod
    def resolve_shipping_method(root, _info):
        if not root.shipping_method_id:
            return None
        return ShippingMethodData(id=root.shipping_method_id, name=root.shipping_method_name,
                                  price_amount=root.shipping_price_gross_amount, currency=root.currency)

    @staticmethod
    def resolve_shipping_price(root, _info):
        return taxed(root.shipping_price_net_amount, root.shipping_price_gross_amount, root.currency)

    @staticmethod
    def resolve_shipping_tax_rate(root, _info):
        return float(root.shipping_tax_rate / Decimal(100))

    @staticmethod
    def resolve_voucher(root, info):
        return VoucherByIdLoader(info.context).load(root.voucher_id) if root.voucher_id else None

    @staticmethod
    def resolve_voucher_code(root, _info):
        return root.voucher_code or None

    @staticmethod
    def resolve_gift_cards(_root, _info):
        return []

    @staticmethod
    def resolve_customer_note(root, info):
        return root.customer_note if has_full_access(root, info) else ""

    @staticmethod
    def resolve_weight(root, _info):
        return weight_kg(root.weight_kg)

    @staticmethod
    def resolve_redirect_url(root, _info):
        return root.redirect_url or None

    @staticmethod
    def resolve_subtotal(root, _info):
        return taxed(root.subtotal_net_amount, root.subtotal_gross_amount, root.currency)

    @staticmethod
    def resolve_status_display(root, _info):
        return OrderStatusModel(root.status).label

    @staticmethod
    def resolve_can_finalize(_root, _info):
        return False  # no draft orders here

    @staticmethod
    def resolve_events(root, info):
        return EventsByOrderLoader(info.context).load(root.pk) if can_manage_orders(info) else []

    @staticmethod
    def resolve_total_balance(root, _info):
        return money(root.total_balance_amount, root.currency)

    @staticmethod
    def resolve_user_email(root, info):
        if not root.user_email:
            return None
        return root.user_email if has_full_access(root, info) else obfuscate_email(root.user_email)

    @staticmethod
    def resolve_is_shipping_required(root, info):
        return then(LinesByOrderLoader(info.context).load(root.pk),
                    lambda lines: any(line.is_shipping_required for line in lines))

    @staticmethod
    def resolve_delivery_method(root, info):
        if root.collection_point_id:
            return WarehouseByIdLoader(info.context).load(root.collection_point_id)
        return Order.resolve_shipping_method(root, info)

    @staticmethod
    def resolve_language_code(root, _info):
        return root.language_code

    @staticmethod
    def resolve_language_code_enum(root, _info):
        return (root.language_code or "fr").replace("-", "_").upper()

    @staticmethod
    def resolve_discount(root, _info):
        return money(root.discount_amount, root.currency) if root.discount_amount else None

    @staticmethod
    def resolve_discount_name(root, _info):
        return root.discount_name or None

    resolve_translated_discount_name = resolve_discount_name

    @staticmethod
    def resolve_discounts(root, info):
        if not root.voucher_code or not root.discount_amount:
            return []

        def build(voucher):
            amount = money(root.discount_amount, root.currency)
            return [OrderDiscount(
                id=to_global_id("OrderDiscount", root.pk), type="VOUCHER", name=root.discount_name or root.voucher_code,
                translated_name=root.discount_name or None,
                value_type=voucher.discount_value_type if voucher else "FIXED",
                value=voucher.discount_value if voucher else root.discount_amount,
                reason=f"Code promo {root.voucher_code}", amount=amount, total=amount)]

        return then(Order.resolve_voucher(root, info), build)

    @staticmethod
    def resolve_display_gross_prices(_root, _info):
        return True

    @staticmethod
    def resolve_checkout_id(root, _info):
        return to_global_id("Checkout", root.checkout_token) if root.checkout_token else None

    # Public metadata plus the pickup code of a collection order (the storefront reads key "pickupCode").
    @staticmethod
    def _metadata(root) -> dict:
        data = dict(root.metadata or {})
        if root.pickup_code:
            data["pickupCode"] = root.pickup_code
        return data

    @staticmethod
    def resolve_metadata(root, _info):
        return [MetadataItem(key=k, value=v) for k, v in sorted(Order._metadata(root).items())]

    @staticmethod
    def resolve_metafield(root, _info, key):
        return Order._metadata(root).get(key)

    @staticmethod
    def resolve_metafields(root, _info, keys=None):
        return {k: v for k, v in Order._metadata(root).items() if keys is None or k in keys}
