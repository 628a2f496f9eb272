"""Saleor's OrderLine, OrderDiscount, Fulfillment, FulfillmentLine and OrderEvent (the parts of an order)."""

import uuid
from decimal import Decimal

import graphene
from prices import Money as PricesMoney
from prices import TaxedMoney as PricesTaxedMoney

from backend.api.account.types import User
from backend.api.channel.context import ChannelContext
from backend.api.checkout.dataloaders import UserByIdLoader
from backend.api.core.dataloaders import gather, then
from backend.api.core.enums import saleor_enum
from backend.api.core.field_rules import private_field
from backend.api.core.scalars import DateTime, PositiveDecimal
from backend.api.core.types import Image, MetadataItem, Money, ObjectWithMetadata, TaxedMoney, money
from backend.api.discount.types import DiscountValueTypeEnum
from backend.api.order.access import can_manage_orders
from backend.api.order.dataloaders import (
    AllocationsByOrderLineLoader,
    FulfillmentLinesByFulfillmentLoader,
    OrderLineByIdLoader,
)
from backend.api.order.line_discounts import OrderLineDiscount, line_discounts
from backend.api.order.tax_classes import resolve_line_tax_class
from backend.api.product.dataloaders import ChannelByIdLoader, VariantByIdLoader
from backend.api.product.types.product_types import TaxClass
from backend.api.product.types.variants import ProductVariant
from backend.api.warehouse.dataloaders import WarehouseByIdLoader
from backend.api.warehouse.types import ALLOCATION_READERS, Allocation, Warehouse
from backend.commerce.order.models import FulfillmentStatus as FulfillmentStatusModel
from backend.core.money import taxed_from_gross

FulfillmentStatusEnum = saleor_enum("FulfillmentStatus")
OrderEventsEnum = saleor_enum("OrderEventsEnum")
OrderDiscountType = saleor_enum("OrderDiscountType")


def taxed(net, gross, currency):
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
    allocations = graphene.List(graphene.NonNull(Allocation), description="List of allocations across warehouses."
                                "\n\nRequires one of the following permissions: MANAGE_PRODUCTS, MANAGE_ORDERS.")
    quantity_to_fulfill = graphene.Int(required=True, description="A quantity of items remaining to be fulfilled.")
    tax_class = graphene.Field(TaxClass, resolver=resolve_line_tax_class,
                               description="Denormalized tax class of the product in this order line.\n\nRequires one "
                                           "of the following permissions: AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP.")
    tax_class_name = graphene.String(description="Denormalized name of the tax class.")
    tax_class_metadata = graphene.List(graphene.NonNull(MetadataItem), required=True,
                                       description="Denormalized public metadata of the tax class.")
    tax_class_private_metadata = graphene.List(graphene.NonNull(MetadataItem), required=True,
                                               description="Denormalized private metadata of the tax class.")
    voucher_code = graphene.String(description="Voucher code that was used for this order line.")
    sale_id = graphene.ID(description="Denormalized sale ID, set when order line is created for a product variant "
                                      "that is on sale.")
    is_gift = graphene.Boolean(description="Determine if the line is a gift.")
    discounts = graphene.List(graphene.NonNull(OrderLineDiscount), description="List of applied discounts")

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
        return taxed(root.unit_price_net_amount, root.unit_price_gross_amount, root.currency)

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
        return taxed(root.total_price_net_amount, root.total_price_gross_amount, root.currency)

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
    @private_field(*ALLOCATION_READERS)
    def resolve_allocations(root, info):
        return AllocationsByOrderLineLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_discounts(root, _info):
        return line_discounts(root)

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
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
