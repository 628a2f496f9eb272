"""Saleor's Checkout, CheckoutLine, their problems, Delivery, GiftCard and CheckoutError.

Every price comes from the listings through `CheckoutInfo` (dataloaders.py): the cart never stores a price.
"""

import graphene

from backend.api.account.dataloaders import AddressByIdLoader
from backend.api.account.types import Address, AddressTypeEnum, User
from backend.api.channel.context import ChannelContext
from backend.api.channel.types import Channel
from backend.api.checkout.dataloaders import CheckoutInfoLoader, TransactionsByCheckoutLoader, UserByIdLoader
from backend.api.core.dataloaders import gather, then
from backend.api.core.enums import LanguageCodeEnum, saleor_enum
from backend.api.core.scalars import UUID, DateTime, PositiveDecimal
from backend.api.core.types import Money, ObjectWithMetadata, TaxedMoney, money
from backend.api.discount.types import Voucher
from backend.api.payment.types import PaymentGateway, TransactionItem
from backend.api.product.types.variants import ProductVariant
from backend.api.shipping.types import ShippingMethod, ShippingMethodData
from backend.api.warehouse.types import Warehouse
from backend.commerce.checkout.models import Checkout as CheckoutModel
from backend.commerce.checkout.stock import checkout_reservation_expires
from backend.commerce.payment.gateways import payment_gateways_for
from backend.core.permissions import PermissionEnum, has_one_of_permissions

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


def _line_root(checkout_info, line_id):
    return next((li for li in checkout_info.lines_info if li.line.pk == line_id), None)


class CheckoutLineProblemInsufficientStock(graphene.ObjectType):
    available_quantity = graphene.Int(description="Available quantity of a variant.")
    line = graphene.Field(lambda: CheckoutLine, required=True, description="The line that has variant with "
                                                                           "insufficient stock.")
    variant = graphene.Field(ProductVariant, required=True, description="The variant with insufficient stock.")

    class Meta:
        description = "Indicates insufficient stock for a given checkout line."

    @staticmethod
    def resolve_variant(root, _info):
        return ChannelContext(root.line.info.variant, root.line.checkout.channel)


class CheckoutLineProblemVariantNotAvailable(graphene.ObjectType):
    line = graphene.Field(lambda: CheckoutLine, required=True, description="The line that has variant that is not "
                                                                           "available.")

    class Meta:
        description = "The variant assigned to the checkout line is not available."


class CheckoutProblemDeliveryMethodStale(graphene.ObjectType):
    delivery = graphene.Field(Delivery, required=True, description="The delivery method that is stale.")

    class Meta:
        description = "Indicates that the delivery options must be recalculated (deliveryOptionsCalculate)."


class CheckoutProblemDeliveryMethodInvalid(graphene.ObjectType):
    delivery = graphene.Field(Delivery, required=True, description="The delivery method that is invalid.")

    class Meta:
        description = "Indicates that the chosen delivery method no longer applies to the checkout."


class ProblemRoot:
    def __init__(self, problem, checkout_info):
        self.kind = problem.kind
        self.available_quantity = problem.available_quantity
        self.checkout = checkout_info.checkout
        info = _line_root(checkout_info, problem.line_id) if problem.line_id else None
        self.line = LineRoot(info, checkout_info) if info else None
        self.delivery = self.checkout.assigned_delivery if problem.delivery_id else None


PROBLEM_TYPES = {t.__name__: t for t in (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable,
                                         CheckoutProblemDeliveryMethodStale, CheckoutProblemDeliveryMethodInvalid)}


class CheckoutProblem(graphene.Union):
    class Meta:
        types = tuple(PROBLEM_TYPES.values())
        description = "Represents an problem in the checkout."

    @classmethod
    def resolve_type(cls, instance, info):
        return PROBLEM_TYPES[instance.kind]


class CheckoutLineProblem(graphene.Union):
    class Meta:
        types = (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable)
        description = "Represents an problem in the checkout line."

    @classmethod
    def resolve_type(cls, instance, info):
        return PROBLEM_TYPES[instance.kind]


class LineRoot:
    """A checkout line with its listing and computed price: what CheckoutLine resolves from."""

    def __init__(self, line_info, checkout_info):
        self.info = line_info
        self.checkout_info = checkout_info
        self.checkout = checkout_info.checkout
        self.pk = line_info.line.pk
        self.metadata = line_info.line.metadata
        self.private_metadata = line_info.line.private_metadata
        self.price = checkout_info.prices[line_info.line.pk]


class CheckoutLine(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the checkout line.")
    variant = graphene.Field(ProductVariant, required=True, description="The product variant from which the "
                                                                        "checkout line was created.")
    quantity = graphene.Int(required=True, description="The quantity of product variant assigned to the checkout "
                                                       "line.")
    unit_price = graphene.Field(TaxedMoney, required=True, description="The unit price of the checkout line, with "
                                                                       "taxes and discounts.")
    undiscounted_unit_price = graphene.Field(Money, required=True, description="The unit price of the checkout "
                                                                               "line, without discounts.")
    prior_unit_price = graphene.Field(Money, description="Price of the item before the last discount.")
    total_price = graphene.Field(TaxedMoney, required=True, description="The sum of the checkout line price, taxes "
                                                                        "and discounts.")
    undiscounted_total_price = graphene.Field(Money, required=True, description="The sum of the checkout line "
                                                                                "price, without discounts.")
    prior_total_price = graphene.Field(Money, description="Price of the line before the last discount.")
    requires_shipping = graphene.Boolean(required=True, description="Indicates whether the item need to be "
                                                                    "delivered.")
    problems = graphene.List(graphene.NonNull(CheckoutLineProblem), description="List of problems with the "
                                                                                "checkout line.")
    is_gift = graphene.Boolean(description="Determine if the line is a gift.")
    price_override_reason = graphene.String(description="Reason for the price override.")

    class Meta:
        description = "Represents an item in the checkout."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root, _info):
        return root.pk

    @staticmethod
    def resolve_variant(root, _info):
        return ChannelContext(root.info.variant, root.checkout.channel)

    @staticmethod
    def resolve_quantity(root, _info):
        return root.info.line.quantity

    @staticmethod
    def resolve_unit_price(root, _info):
        return root.price.unit

    @staticmethod
    def resolve_undiscounted_unit_price(root, _info):
        return root.price.undiscounted_unit.gross

    @staticmethod
    def resolve_total_price(root, _info):
        return root.price.total

    @staticmethod
    def resolve_undiscounted_total_price(root, _info):
        return root.price.undiscounted_total.gross

    @staticmethod
    def resolve_requires_shipping(root, _info):
        return root.info.product.product_type.is_shipping_required

    @staticmethod
    def resolve_problems(root, _info):
        return [ProblemRoot(p, root.checkout_info) for p in root.checkout_info.problems if p.line_id == root.pk]

    @staticmethod
    def resolve_is_gift(_root, _info):
        return False


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
