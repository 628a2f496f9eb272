"""Saleor's Warehouse and Stock types. Stock quantities are for staff only."""

import graphene

from backend.api.account.dataloaders import AddressByIdLoader
from backend.api.core.connection import CountableConnection, connection_args, connection_from_queryset
from backend.api.core.enums import saleor_enum
from backend.api.core.errors import PermissionDenied
from backend.api.core.field_rules import private_field
from backend.api.core.types import ObjectWithMetadata
from backend.api.warehouse.dataloaders import WarehouseByIdLoader
from backend.commerce.warehouse.models import Stock as StockModel
from backend.core.permissions import PermissionEnum, has_one_of_permissions

WarehouseClickAndCollectOptionEnum = saleor_enum("WarehouseClickAndCollectOptionEnum")
STOCK_PERMISSIONS = (PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_ORDERS)
ALLOCATION_READERS = STOCK_PERMISSIONS
CLICK_AND_COLLECT = {"disabled": "DISABLED", "local": "LOCAL", "all": "ALL"}


def check_stock_permissions(info) -> None:
    if not has_one_of_permissions(getattr(info.context, "user", None), STOCK_PERMISSIONS):
        raise PermissionDenied(permissions=STOCK_PERMISSIONS)


def _address_type():
    from backend.api.account.types import Address

    return Address


def _shipping_zone_connection():
    from backend.api.shipping.schema import ShippingZoneCountableConnection

    return ShippingZoneCountableConnection


def _variant_type():
    from backend.api.product.types.variants import ProductVariant

    return ProductVariant


class Warehouse(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the warehouse.")
    name = graphene.String(required=True, description="Warehouse name.")
    slug = graphene.String(required=True, description="Warehouse slug.")
    email = graphene.String(required=True, description="Warehouse email.")
    is_private = graphene.Boolean(required=True, description="Determine if the warehouse is private.")
    address = graphene.Field(_address_type, required=True, description="Address of the warehouse.")
    company_name = graphene.String(required=True, deprecation_reason="Use `Address.companyName` instead.",
                                   description="Warehouse company name.")
    click_and_collect_option = graphene.Field(WarehouseClickAndCollectOptionEnum, required=True,
                                              description="Click and collect options: local, all or disabled.")
    shipping_zones = graphene.Field(lambda: _shipping_zone_connection(), required=True, **connection_args(),
                                    description="Shipping zones supported by the warehouse.")
    stocks = graphene.Field(lambda: StockCountableConnection, **connection_args(),
                            description="Stocks that belong to this warehouse.\n\nRequires one of the following "
                                        "permissions: MANAGE_PRODUCTS, MANAGE_ORDERS.")
    external_reference = graphene.String(description="External ID of this warehouse.")

    class Meta:
        description = "Represents warehouse."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_address(root, info):
        return AddressByIdLoader(info.context).load(root.address_id)

    @staticmethod
    def resolve_company_name(root, info):
        from backend.api.core.dataloaders import then

        return then(AddressByIdLoader(info.context).load(root.address_id),
                    lambda address: (address.company_name if address else "") or root.name)

    @staticmethod
    def resolve_click_and_collect_option(root, _info):
        return CLICK_AND_COLLECT.get(root.click_and_collect_option, "DISABLED")

    @staticmethod
    def resolve_shipping_zones(root, info, **kwargs):
        from backend.api.core.dataloaders import then
        from backend.api.shipping.dataloaders import ShippingZonesByWarehouseIdLoader

        return then(ShippingZonesByWarehouseIdLoader(info.context).load(root.pk),
                    lambda zones: connection_from_queryset(zones, info, kwargs, _shipping_zone_connection()))

    @staticmethod
    def resolve_stocks(root, info, **kwargs):
        check_stock_permissions(info)
        return connection_from_queryset(StockModel.objects.filter(warehouse_id=root.pk).order_by("pk"), info, kwargs,
                                        StockCountableConnection)


class Stock(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of stock.")
    warehouse = graphene.Field(Warehouse, required=True, description="The warehouse associated with the stock.")
    product_variant = graphene.Field(_variant_type, required=True,
                                     description="Information about the product variant.")
    quantity = graphene.Int(required=True, description="Quantity of a product in the warehouse's possession, "
                            "including the allocated stock that is waiting for shipment.\n\nRequires one of the "
                            "following permissions: MANAGE_PRODUCTS, MANAGE_ORDERS.")
    quantity_allocated = graphene.Int(required=True, description="Quantity allocated for orders.\n\nRequires one of "
                                      "the following permissions: MANAGE_PRODUCTS, MANAGE_ORDERS.")
    quantity_reserved = graphene.Int(required=True, description="Quantity reserved for checkouts.\n\nRequires one of "
                                     "the following permissions: MANAGE_PRODUCTS, MANAGE_ORDERS.")

    class Meta:
        description = "Represents stock."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_warehouse(root, info):
        return WarehouseByIdLoader(info.context).load(root.warehouse_id)

    @staticmethod
    def resolve_product_variant(root, info):
        from backend.api.channel.context import ChannelContext
        from backend.api.core.dataloaders import then
        from backend.api.product.dataloaders import VariantByIdLoader

        return then(VariantByIdLoader(info.context).load(root.product_variant_id),
                    lambda variant: ChannelContext(variant, None) if variant else None)

    @staticmethod
    def resolve_quantity(root, info):
        check_stock_permissions(info)
        return root.quantity

    @staticmethod
    def resolve_quantity_allocated(root, info):
        check_stock_permissions(info)
        return root.quantity_allocated

    @staticmethod
    def resolve_quantity_reserved(_root, info):
        check_stock_permissions(info)
        return 0  # checkout reservations arrive with the checkout domain


class Allocation(graphene.ObjectType):
    """Units of a stock promised to an order line (roots: order.models.Allocation, with its stock)."""

    id = graphene.GlobalID(required=True, description="The ID of allocation.")
    quantity = graphene.Int(required=True, description="Quantity allocated for orders.\n\nRequires one of the "
                                                        "following permissions: MANAGE_PRODUCTS, MANAGE_ORDERS.")
    warehouse = graphene.Field(Warehouse, required=True, description="The warehouse were items were allocated.\n\n"
                                                                     "Requires one of the following permissions: "
                                                                     "MANAGE_PRODUCTS, MANAGE_ORDERS.")

    class Meta:
        description = "Represents allocation."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    @private_field(*ALLOCATION_READERS)
    def resolve_quantity(root, _info):
        return root.quantity_allocated

    @staticmethod
    @private_field(*ALLOCATION_READERS)
    def resolve_warehouse(root, info):
        return WarehouseByIdLoader(info.context).load(root.stock.warehouse_id)


class WarehouseCountableConnection(CountableConnection):
    class Meta:
        node = Warehouse


class StockCountableConnection(CountableConnection):
    class Meta:
        node = Stock
