"""Saleor's Checkout, CheckoutLine, their problems, Delivery, GiftCard and CheckoutError.

Every price comes from the listings through `CheckoutInfo` (dataloaders.py): the cart never stores a price.
"""

import graphene

from backend.api.account.dataloaders import AddressByIdLoader
from backend.api.account.types import Address, User
from backend.api.channel.types import Channel
from backend.api.checkout.dataloaders import CheckoutInfoLoader, TransactionsByCheckoutLoader, UserByIdLoader
from backend.api.checkout.lines import CheckoutLine, CheckoutProblem, LineRoot, ProblemRoot
from backend.api.checkout.shared_types import (
    CheckoutAuthorizeStatusEnum,
    CheckoutChargeStatusEnum,
    CheckoutError,
    Delivery,
    DeliveryMethod,
    DeliveryOptionsCalculateError,
    GiftCard,
    MetadataError,
    StoredPaymentMethod,
)
from backend.api.core.dataloaders import gather, then
from backend.api.core.enums import LanguageCodeEnum
from backend.api.core.scalars import UUID, DateTime, PositiveDecimal
from backend.api.core.types import Money, ObjectWithMetadata, TaxedMoney, money
from backend.api.discount.types import Voucher
from backend.api.payment.types import PaymentGateway, TransactionItem
from backend.api.shipping.types import ShippingMethod, ShippingMethodData
from backend.api.warehouse.types import Warehouse
from backend.commerce.checkout.models import Checkout as CheckoutModel
from backend.commerce.checkout.stock import checkout_reservation_expires
from backend.commerce.payment.gateways import payment_gateways_for
from backend.core.permissions import PermissionEnum, has_one_of_permissions

__all__ = ["Checkout", "CheckoutError", "CheckoutLine", "Delivery", "DeliveryMethod", "DeliveryOptionsCalculateError",
           "GiftCard", "MetadataError"]


def _info(root, info, fn):
    return then(CheckoutInfoLoader(info.context).load(root), fn)


def _viewer(info):
    return getattr(info.context, "user", None)


class Checkout(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the checkout.")
    created = DateTime(required=True, description="The date and time when the checkout was created.")
    updated_at = DateTime(required=True, description="Time of last modification of the given checkout.")
    last_change = DateTime(required=True, deprecation_reason="Use `updatedAt` instead.")
    user = graphene.Field(User, description="The user assigned to the checkout. Requires one of the following "
                                            "permissions: MANAGE_USERS, HANDLE_PAYMENTS, OWNER.")
    channel = graphene.Field(Channel, required=True, description="The channel for which checkout was created.")
    billing_address = graphene.Field(Address, description="The billing address of the checkout.")
    shipping_address = graphene.Field(Address, description="The shipping address of the checkout.")
    customer_note = graphene.String(required=True, description="The customer note for the checkout.")
    discount = graphene.Field(Money, description="The total discount applied to the checkout.")
    discount_name = graphene.String(description="The name of voucher assigned to the checkout.")
    translated_discount_name = graphene.String(description="Translation of the discountName field in the language "
                                                           "set in Checkout.languageCode field.")
    voucher = graphene.Field(Voucher, description="The voucher assigned to the checkout.")
    voucher_code = graphene.String(description="The code of voucher assigned to the checkout.")
    available_shipping_methods = graphene.List(graphene.NonNull(ShippingMethod), required=True,
                                               deprecation_reason="Use `shippingMethods` instead.")
    shipping_methods = graphene.List(graphene.NonNull(ShippingMethod), required=True,
                                     description="Shipping methods that can be used with this checkout.")
    available_collection_points = graphene.List(graphene.NonNull(Warehouse), required=True,
                                                description="Collection points that can be used for this order.")
    available_payment_gateways = graphene.List(
        graphene.NonNull(PaymentGateway), required=True,
        deprecation_reason="The legacy payments API is deprecated. Use `paymentGatewayInitialize` instead.",
        description="List of available payment gateways.")
    email = graphene.String(description="Email of a customer.")
    gift_cards = graphene.List(graphene.NonNull(GiftCard), required=True,
                               description="List of gift cards associated with this checkout.")
    is_shipping_required = graphene.Boolean(required=True, description="Returns True, if checkout requires "
                                                                        "shipping.")
    quantity = graphene.Int(required=True, description="The number of items purchased.")
    stock_reservation_expires = DateTime(description="Date when oldest stock reservation for this checkout expires "
                                                     "or null if no stock is reserved.")
    lines = graphene.List(graphene.NonNull(CheckoutLine), required=True,
                          description="A list of checkout lines, each containing information about an item in the "
                                      "checkout.")
    shipping_price = graphene.Field(TaxedMoney, required=True, description="The price of the shipping, with all "
                                                                           "the taxes included.")
    delivery = graphene.Field(Delivery, description="The delivery associated with the checkout.")
    shipping_method = graphene.Field(ShippingMethod, deprecation_reason="Use `delivery` instead.",
                                     description="The shipping method related with checkout.")
    delivery_method = graphene.Field(DeliveryMethod, deprecation_reason="Use `delivery` instead.",
                                     description="The delivery method selected for this checkout.")
    subtotal_price = graphene.Field(TaxedMoney, required=True, description="The price of the checkout before "
                                                                           "shipping, with taxes included.")
    tax_exemption = graphene.Boolean(required=True, description="Returns True if checkout has to be exempt from "
                                                                "taxes.")
    token = UUID(required=True, description="The checkout's token.")
    total_price = graphene.Field(TaxedMoney, required=True, description="The sum of the the checkout line prices, "
                                                                        "with all the taxes, shipping costs, and "
                                                                        "discounts included.")
    total_balance = graphene.Field(Money, required=True, description="The difference between the paid and the "
                                                                     "checkout total amount.")
    language_code = graphene.Field(LanguageCodeEnum, required=True, description="Checkout language code.")
    transactions = graphene.List(graphene.NonNull(TransactionItem), description="List of transactions for the "
                                                                                "checkout.")
    display_gross_prices = graphene.Boolean(required=True, description="Determines whether displayed prices should "
                                                                       "include taxes.")
    authorize_status = graphene.Field(CheckoutAuthorizeStatusEnum, required=True,
                                      description="The authorize status of the checkout.")
    charge_status = graphene.Field(CheckoutChargeStatusEnum, required=True,
                                   description="The charge status of the checkout.")
    stored_payment_methods = graphene.List(graphene.NonNull(StoredPaymentMethod), amount=PositiveDecimal(),
                                           description="List of user's stored payment methods (none are kept here).")
    problems = graphene.List(graphene.NonNull(CheckoutProblem), description="List of problems with the checkout.")

    class Meta:
        description = "Checkout object."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        possible_types = (CheckoutModel,)  # lets `updateMetadata.item` resolve a cart row to this type

    @staticmethod
    def resolve_id(root, _info):
        return root.pk

    @staticmethod
    def resolve_token(root, _info):
        return root.pk

    @staticmethod
    def resolve_created(root, _info):
        return root.created_at

    @staticmethod
    def resolve_last_change(root, _info):
        return root.updated_at

    @staticmethod
    def resolve_user(root, info):
        viewer = _viewer(info)
        if root.user_id is None or not (viewer and viewer.is_authenticated):
            return None
        if viewer.pk == root.user_id:
            return viewer
        if not has_one_of_permissions(viewer, [PermissionEnum.MANAGE_USERS, PermissionEnum.IMPERSONATE_USER]):
            return None
        return UserByIdLoader(info.context).load(root.user_id)

    @staticmethod
    def resolve_channel(root, _info):
        return root.channel

    @staticmethod
    def resolve_billing_address(root, info):
        return AddressByIdLoader(info.context).load(root.billing_address_id) if root.billing_address_id else None

    @staticmethod
    def resolve_shipping_address(root, info):
        return AddressByIdLoader(info.context).load(root.shipping_address_id) if root.shipping_address_id else None

    @staticmethod
    def resolve_discount(root, info):
        return _info(root, info, lambda ci: ci.totals.discount_money)

    @staticmethod
    def resolve_discount_name(root, _info):
        return (root.voucher.name or root.voucher.code) if root.voucher_id else None

    resolve_translated_discount_name = resolve_discount_name

    @staticmethod
    def resolve_voucher(root, _info):
        return root.voucher if root.voucher_id else None

    @staticmethod
    def resolve_voucher_code(root, _info):
        return root.voucher_code or None

    @staticmethod
    def resolve_shipping_methods(root, info):
        return _info(root, info, lambda ci: [ShippingMethodData.from_option(o) for o in ci.delivery_options])

    resolve_available_shipping_methods = resolve_shipping_methods

    @staticmethod
    def resolve_available_collection_points(root, info):
        return _info(root, info, lambda ci: ci.collection_points)

    @staticmethod
    def resolve_available_payment_gateways(root, _info):
        return payment_gateways_for(channel=root.channel, checkout=root)

    @staticmethod
    def resolve_email(root, _info):
        return root.email or None

    @staticmethod
    def resolve_gift_cards(_root, _info):
        return []

    @staticmethod
    def resolve_is_shipping_required(root, info):
        return _info(root, info, lambda ci: any(li.product.product_type.is_shipping_required
                                                for li in ci.lines_info))

    @staticmethod
    def resolve_quantity(root, info):
        return _info(root, info, lambda ci: sum(li.line.quantity for li in ci.lines_info))

    @staticmethod
    def resolve_stock_reservation_expires(root, _info):
        return checkout_reservation_expires(root)

    @staticmethod
    def resolve_lines(root, info):
        return _info(root, info, lambda ci: [LineRoot(li, ci) for li in ci.lines_info])

    @staticmethod
    def resolve_shipping_price(root, info):
        return _info(root, info, lambda ci: ci.totals.shipping)

    @staticmethod
    def resolve_delivery(root, _info):
        if root.collection_point_id or not root.assigned_delivery_id:
            return None
        return root.assigned_delivery

    @staticmethod
    def resolve_shipping_method(root, info):
        delivery = Checkout.resolve_delivery(root, info)
        return ShippingMethodData.from_option(delivery) if delivery and delivery.shipping_method_id else None

    @staticmethod
    def resolve_delivery_method(root, info):
        if root.collection_point_id:
            return root.collection_point
        return Checkout.resolve_shipping_method(root, info)

    @staticmethod
    def resolve_subtotal_price(root, info):
        return _info(root, info, lambda ci: ci.totals.subtotal)

    @staticmethod
    def resolve_tax_exemption(_root, _info):
        return False

    @staticmethod
    def resolve_total_price(root, info):
        return _info(root, info, lambda ci: ci.totals.total)

    @staticmethod
    def resolve_total_balance(root, info):
        def balance(values):
            checkout_info, transactions = values
            charged = sum((t.charged_value for t in transactions), 0)
            return money(charged - checkout_info.totals.total.gross.amount, root.currency)

        return then(gather([CheckoutInfoLoader(info.context).load(root),
                            TransactionsByCheckoutLoader(info.context).load(root.pk)]), balance)

    @staticmethod
    def resolve_language_code(root, _info):
        return (root.language_code or "fr").replace("-", "_").upper()

    @staticmethod
    def resolve_transactions(root, info):
        return TransactionsByCheckoutLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_display_gross_prices(_root, _info):
        return True

    @staticmethod
    def resolve_stored_payment_methods(_root, _info, amount=None):
        return []

    @staticmethod
    def resolve_problems(root, info):
        return _info(root, info, lambda ci: [ProblemRoot(p, ci) for p in ci.problems])

    @staticmethod
    def resolve_authorize_status(root, _info):
        return str(root.authorize_status)

    @staticmethod
    def resolve_charge_status(root, _info):
        return str(root.charge_status)
