"""Saleor's Order, OrderLine, OrderDiscount, Fulfillment, FulfillmentLine, OrderEvent and OrderError.

Who reads what (as Saleor): the order's customer, staff holding MANAGE_ORDERS, and the buyer in the answer of
checkoutComplete read everything. Anybody else holding the order's global ID (a UUID nobody can guess: the guest's
confirmation page) reads it with personal data anonymised — e-mail, names, street, phone. The pickup code is in the
public metadata (key "pickupCode") for collection orders: the ID holder needs it at the counter.
"""

from decimal import Decimal

import graphene
from prices import Money as PricesMoney
from prices import TaxedMoney as PricesTaxedMoney

from backend.api.account.dataloaders import AddressByIdLoader
from backend.api.account.types import Address, AddressTypeEnum, User
from backend.api.channel.context import ChannelContext
from backend.api.channel.types import Channel
from backend.api.checkout.dataloaders import TransactionsByOrderLoader, UserByIdLoader
from backend.api.checkout.types import DeliveryMethod, GiftCard
from backend.api.core.dataloaders import then
from backend.api.core.enums import LanguageCodeEnum, saleor_enum
from backend.api.core.scalars import DateTime, PositiveDecimal
from backend.api.core.types import Image, MetadataItem, Money, ObjectWithMetadata, TaxedMoney, money, weight_kg
from backend.api.discount.types import DiscountValueTypeEnum, Voucher
from backend.api.order.dataloaders import (
    EventsByOrderLoader,
    FulfillmentLinesByFulfillmentLoader,
    FulfillmentsByOrderLoader,
    LinesByOrderLoader,
    OrderLineByIdLoader,
    VoucherByIdLoader,
)
from backend.api.payment.types import TransactionItem
from backend.api.product.dataloaders import ChannelByIdLoader, VariantByIdLoader
from backend.api.product.types.variants import ProductVariant
from backend.api.shipping.types import ShippingMethod, ShippingMethodData
from backend.api.warehouse.dataloaders import WarehouseByIdLoader
from backend.api.warehouse.types import Warehouse
from backend.commerce.order.models import FulfillmentStatus as FulfillmentStatusModel
from backend.commerce.order.models import Order as OrderModel
from backend.commerce.order.models import OrderStatus as OrderStatusModel
from backend.core.ids import to_global_id
from backend.core.money import taxed_from_gross
from backend.core.permissions import PermissionEnum, has_one_of_permissions

OrderStatusEnum = saleor_enum("OrderStatus")
OrderErrorCode = saleor_enum("OrderErrorCode")
OrderAuthorizeStatusEnum = saleor_enum("OrderAuthorizeStatusEnum")
OrderChargeStatusEnum = saleor_enum("OrderChargeStatusEnum")
PaymentChargeStatusEnum = saleor_enum("PaymentChargeStatusEnum")
OrderOriginEnum = saleor_enum("OrderOriginEnum")
FulfillmentStatusEnum = saleor_enum("FulfillmentStatus")
OrderEventsEnum = saleor_enum("OrderEventsEnum")
OrderDiscountType = saleor_enum("OrderDiscountType")
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


def _viewer(info):
    return getattr(info.context, "user", None)


def can_manage_orders(info) -> bool:
    context = info.context
    cached = getattr(context, "_can_manage_orders", None)
    if cached is None:
        viewer = _viewer(info)
        cached = bool(viewer and viewer.is_authenticated and viewer.is_staff
                      and has_one_of_permissions(viewer, [PermissionEnum.MANAGE_ORDERS]))
        context._can_manage_orders = cached
    return cached


def has_full_access(order, info) -> bool:
    viewer = _viewer(info)
    if viewer is not None and viewer.is_authenticated and order.user_id == viewer.pk:
        return True
    if order.pk in getattr(info.context, "_placed_order_ids", ()):
        return True
    return can_manage_orders(info)


def obfuscate_email(email: str) -> str:
    """'lea.martin@example.fr' -> 'l...@example.fr', as Saleor anonymises it."""
    if "@" not in (email or ""):
        return email and email[:1] + "..."
    local, domain = email.split("@", 1)
    return f"{local[:1]}...@{domain}"


def _obfuscate(text: str) -> str:
    return f"{text[:1]}..." if text else ""


def anonymised_address(address):
    if address is None:
        return None
    from backend.commerce.account.models import Address as AddressModel

    copy = AddressModel(pk=address.pk, city=address.city, postal_code=address.postal_code, country=address.country,
                        country_area=address.country_area, city_area=address.city_area,
                        company_name=address.company_name)
    copy.first_name, copy.last_name = _obfuscate(address.first_name), _obfuscate(address.last_name)
    copy.street_address_1, copy.street_address_2 = _obfuscate(address.street_address_1), ""
    copy.phone = _obfuscate(address.phone or "")
    return copy


def _taxed(net, gross, currency):
    return PricesTaxedMoney(net=PricesMoney(net, currency), gross=PricesMoney(gross, currency))


class OrderDiscount(graphene.ObjectType):
    id = graphene.GlobalID(required=True)
    type = graphene.Field(OrderDiscountType, required=True, description="The type of applied discount: Sale, "
                                                                        "Voucher or Manual.")
    name = graphene.String(description="The name of applied discount.")
    translated_name = graphene.String(description="Translated name of the applied discount.")
    value_type = graphene.Field(DiscountValueTypeEnum, required=True, description="Type of the discount: fixed or "
                                                                                  "percent")
    value = PositiveDecimal(required=True, description="Value of the discount. Can store fixed value or percent "
                                                       "value")
    reason = graphene.String(description="Explanation for the applied discount.")
    amount = graphene.Field(Money, required=True, deprecation_reason="Use `total` instead.",
                            description="Returns amount of discount.")
    total = graphene.Field(Money, required=True, description="The amount of discount.")

    class Meta:
        description = "Contains all details related to the applied discount to the order."
        interfaces = (graphene.relay.Node,)


class OrderLine(graphene.ObjectType):
    id = graphene.GlobalID(required=True)
    product_name = graphene.String(required=True, description="Name of the product in order line.")
    variant_name = graphene.String(required=True, description="Name of the variant of product in order line.")
    product_sku = graphene.String(description="SKU of the product variant.")
    product_variant_id = graphene.String(description="The ID of the product variant.")
    is_shipping_required = graphene.Boolean(required=True, description="Whether the product variant requires "
                                                                       "shipping.")
    quantity = graphene.Int(required=True, description="Number of variant items ordered.")
    quantity_fulfilled = graphene.Int(required=True, description="Number of variant items fulfilled.")
    tax_rate = graphene.Float(required=True, description="Rate of tax applied on product variant.")
    thumbnail = graphene.Field(Image, size=graphene.Int(), format=graphene.Argument(saleor_enum("ThumbnailFormatEnum")),
                               description="The main thumbnail for the ordered product.")
    unit_price = graphene.Field(TaxedMoney, required=True, description="Price of the single item in the order line "
                                                                       "with all the line-level discounts applied.")
    undiscounted_unit_price = graphene.Field(TaxedMoney, required=True, description="Price of the single item in "
                                                                                    "the order line without any "
                                                                                    "discount applied.")
    unit_discount = graphene.Field(Money, required=True, description="Sum of the line-level discounts applied to "
                                                                     "the order line.")
    unit_discount_reason = graphene.String(description="Reason for any discounts applied on a product in the order.")
    unit_discount_value = PositiveDecimal(required=True, description="Value of the discount. Can store fixed value "
                                                                     "or percent value")
    unit_discount_type = graphene.Field(DiscountValueTypeEnum, description="Type of the discount: fixed or percent")
    total_price = graphene.Field(TaxedMoney, required=True, description="Price of the order line.")
    undiscounted_total_price = graphene.Field(TaxedMoney, required=True, description="Price of the order line "
                                                                                     "without discounts.")
    is_price_overridden = graphene.Boolean(description="Returns True, if the line unit price was overridden.")
    price_override_reason = graphene.String(description="Reason for the price override.")
    variant = graphene.Field(ProductVariant, description="A purchased product variant. Note: this field may be "
                                                         "null if the variant has been removed from stock at all.")
    translated_product_name = graphene.String(required=True, description="Product name in the customer's language")
    translated_variant_name = graphene.String(required=True, description="Variant name in the customer's language")
    quantity_to_fulfill = graphene.Int(required=True, description="A quantity of items remaining to be fulfilled.")
    tax_class_name = graphene.String(description="Denormalized name of the tax class.")
    tax_class_metadata = graphene.List(graphene.NonNull(MetadataItem), required=True,
                                       description="Denormalized public metadata of the tax class.")
    tax_class_private_metadata = graphene.List(graphene.NonNull(MetadataItem), required=True,
                                               description="Denormalized private metadata of the tax class.")
    voucher_code = graphene.String(description="Voucher code that was used for this order line.")
    sale_id = graphene.ID(description="Denormalized sale ID, set when order line is created for a product variant "
                                      "that is on sale.")
    is_gift = graphene.Boolean(description="Determine if the line is a gift.")

    class Meta:
        description = "Represents order line of particular order."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_tax_rate(root, _info):
        return float(root.tax_rate / Decimal(100))

    @staticmethod
    def resolve_thumbnail(root, info, size=None, format=None):
        return None  # the product page shows the pictures; an order keeps names and prices

    @staticmethod
    def resolve_unit_price(root, _info):
        return _taxed(root.unit_price_net_amount, root.unit_price_gross_amount, root.currency)

    @staticmethod
    def resolve_undiscounted_unit_price(root, _info):
        return taxed_from_gross(PricesMoney(root.undiscounted_unit_price_gross_amount, root.currency), root.tax_rate)

    @staticmethod
    def resolve_unit_discount(root, _info):
        return money(root.undiscounted_unit_price_gross_amount - root.unit_price_gross_amount, root.currency)

    @staticmethod
    def resolve_unit_discount_value(root, _info):
        return root.undiscounted_unit_price_gross_amount - root.unit_price_gross_amount

    @staticmethod
    def resolve_unit_discount_type(root, _info):
        return "FIXED" if root.undiscounted_unit_price_gross_amount != root.unit_price_gross_amount else None

    @staticmethod
    def resolve_total_price(root, _info):
        return _taxed(root.total_price_net_amount, root.total_price_gross_amount, root.currency)

    @staticmethod
    def resolve_undiscounted_total_price(root, _info):
        return taxed_from_gross(PricesMoney(root.undiscounted_total_price_gross_amount, root.currency),
                                root.tax_rate)

    @staticmethod
    def resolve_is_price_overridden(_root, _info):
        return False

    @staticmethod
    def resolve_variant(root, info):
        if root.variant_id is None:
            return None

        def wrap(values):
            variant, channel = values
            return ChannelContext(variant, channel) if variant else None

        from backend.api.core.dataloaders import gather

        return then(gather([VariantByIdLoader(info.context).load(root.variant_id),
                            ChannelByIdLoader(info.context).load(root._channel_id)]), wrap)

    @staticmethod
    def resolve_translated_product_name(root, _info):
        return root.product_name

    @staticmethod
    def resolve_translated_variant_name(root, _info):
        return root.variant_name

    @staticmethod
    def resolve_quantity_to_fulfill(root, _info):
        return root.quantity_unfulfilled

    @staticmethod
    def resolve_is_gift(_root, _info):
        return False

    @staticmethod
    def resolve_tax_class_metadata(_root, _info):
        return []

    resolve_tax_class_private_metadata = resolve_tax_class_metadata


class FulfillmentLine(graphene.ObjectType):
    id = graphene.GlobalID(required=True)
    quantity = graphene.Int(required=True, description="The number of items included in the fulfillment line.")
    order_line = graphene.Field(OrderLine, description="The order line to which the fulfillment line is related.")

    class Meta:
        description = "Represents line of the fulfillment."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_order_line(root, info):
        return OrderLineByIdLoader(info.context).load(root.order_line_id)


class Fulfillment(graphene.ObjectType):
    id = graphene.GlobalID(required=True)
    fulfillment_order = graphene.Int(required=True, description="Sequence in which the fulfillments were created.")
    status = graphene.Field(FulfillmentStatusEnum, required=True, description="Status of fulfillment.")
    tracking_number = graphene.String(required=True, description="Fulfillment tracking number.")
    created = DateTime(required=True, description="Date and time when fulfillment was created.")
    lines = graphene.List(graphene.NonNull(FulfillmentLine), description="List of lines for fulfillment.")
    status_display = graphene.String(description="User-friendly fulfillment status.")
    warehouse = graphene.Field(Warehouse, description="Warehouse from fulfillment was fulfilled.")

    class Meta:
        description = "Represents order fulfillment."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_created(root, _info):
        return root.created_at

    @staticmethod
    def resolve_status(root, _info):
        return str(root.status)

    @staticmethod
    def resolve_lines(root, info):
        return FulfillmentLinesByFulfillmentLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_status_display(root, _info):
        return FulfillmentStatusModel(root.status).label

    @staticmethod
    def resolve_warehouse(root, info):
        return WarehouseByIdLoader(info.context).load(root.warehouse_id) if root.warehouse_id else None


class OrderEvent(graphene.ObjectType):
    id = graphene.GlobalID(required=True)
    date = DateTime(description="Date when event happened at in ISO 8601 format.")
    type = graphene.Field(OrderEventsEnum, description="Order event type.")
    user = graphene.Field(User, description="User who performed the action.")
    message = graphene.String(description="Content of the event.")
    email = graphene.String(description="Email of the customer.")
    amount = graphene.Float(description="Amount of money.")
    quantity = graphene.Int(description="Number of items.")
    composed_id = graphene.String(description="Composed ID of the Fulfillment.")
    order_number = graphene.String(description="User-friendly number of an order.")
    transaction_reference = graphene.String(description="The transaction reference of captured payment.")
    warehouse = graphene.Field(Warehouse, description="The warehouse were items were restocked.")
    reference = graphene.String(description="The reference of payment's transaction.")

    class Meta:
        description = "History log of the order."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_type(root, _info):
        return str(root.type)

    @staticmethod
    def resolve_user(root, info):
        if root.user_id is None or not can_manage_orders(info):
            return None
        return UserByIdLoader(info.context).load(root.user_id)

    @staticmethod
    def resolve_message(root, _info):
        return root.parameters.get("message")

    @staticmethod
    def resolve_email(root, info):
        return root.parameters.get("email") if can_manage_orders(info) else None

    @staticmethod
    def resolve_amount(root, _info):
        amount = root.parameters.get("amount")
        return float(amount) if amount not in (None, "") else None

    @staticmethod
    def resolve_quantity(root, _info):
        return root.parameters.get("quantity")

    @staticmethod
    def resolve_composed_id(root, _info):
        return root.parameters.get("composed_id")

    @staticmethod
    def resolve_order_number(root, _info):
        return root.parameters.get("order_number")

    @staticmethod
    def resolve_transaction_reference(root, _info):
        return root.parameters.get("transaction_reference") or None

    @staticmethod
    def resolve_reference(root, _info):
        return root.parameters.get("reference") or None

    @staticmethod
    def resolve_warehouse(root, info):
        warehouse = root.parameters.get("warehouse")
        return WarehouseByIdLoader(info.context).load(_as_uuid(warehouse)) if _as_uuid(warehouse) else None


def _as_uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


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
    total = graphene.Field(TaxedMoney, required=True, description="Total amount of the order.")
    undiscounted_total = graphene.Field(TaxedMoney, required=True, description="Undiscounted total amount of the "
                                                                               "order.")
    shipping_method = graphene.Field(ShippingMethod, deprecation_reason="Use `deliveryMethod` instead.")
    undiscounted_shipping_price = _money_field("Undiscounted total price of shipping.",
                                               "base_shipping_price_amount")
    shipping_price = graphene.Field(TaxedMoney, required=True, description="Total price of shipping.")
    shipping_tax_rate = graphene.Float(required=True, description="The shipping tax rate value.")
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
        viewer = _viewer(info)
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
        return _taxed(root.total_net_amount, root.total_gross_amount, root.currency)

    @staticmethod
    def resolve_undiscounted_total(root, _info):
        return _taxed(root.undiscounted_total_net_amount, root.undiscounted_total_gross_amount, root.currency)

    @staticmethod
    def resolve_shipping_method(root, _info):
        if not root.shipping_method_id:
            return None
        return ShippingMethodData(id=root.shipping_method_id, name=root.shipping_method_name,
                                  price_amount=root.shipping_price_gross_amount, currency=root.currency)

    @staticmethod
    def resolve_shipping_price(root, _info):
        return _taxed(root.shipping_price_net_amount, root.shipping_price_gross_amount, root.currency)

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
        return _taxed(root.subtotal_net_amount, root.subtotal_gross_amount, root.currency)

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
