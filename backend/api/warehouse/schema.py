"""Warehouses and stock, for staff (Saleor: MANAGE_PRODUCTS, MANAGE_ORDERS or MANAGE_SHIPPING)."""

import graphene
from django.db.models import Q
from graphql import GraphQLError

from backend.api.core.connection import connection_args, connection_from_queryset
from backend.api.core.enums import OrderDirection, saleor_enum
from backend.api.core.errors import PermissionDenied
from backend.api.core.filter_inputs import MetadataFilter, metadata_list_q
from backend.api.product.ids import decode_id, decode_ids
from backend.api.warehouse.types import (
    STOCK_PERMISSIONS,
    Stock,
    StockCountableConnection,
    Warehouse,
    WarehouseClickAndCollectOptionEnum,
    WarehouseCountableConnection,
    check_stock_permissions,
)
from backend.commerce.warehouse import selectors
from backend.commerce.warehouse.models import ChannelWarehouse
from backend.core.permissions import PermissionEnum, has_one_of_permissions

WAREHOUSE_PERMISSIONS = (PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_ORDERS, PermissionEnum.MANAGE_SHIPPING)
CLICK_AND_COLLECT_VALUES = {"DISABLED": "disabled", "LOCAL": "local", "ALL": "all"}


class WarehouseFilterInput(graphene.InputObjectType):
    click_and_collect_option = graphene.InputField(WarehouseClickAndCollectOptionEnum)
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    is_private = graphene.Boolean()
    channels = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class WarehouseSortingInput(graphene.InputObjectType):
    direction = graphene.InputField(OrderDirection, required=True, description="Specifies the direction in which to "
                                                                               "sort warehouses.")
    field = graphene.InputField(saleor_enum("WarehouseSortField"), required=True,
                                description="Sort warehouses by the selected field.")


class StockFilterInput(graphene.InputObjectType):
    quantity = graphene.Float()
    search = graphene.String()


def _check_warehouse_permissions(info) -> None:
    if not has_one_of_permissions(getattr(info.context, "user", None), WAREHOUSE_PERMISSIONS):
        raise PermissionDenied(permissions=WAREHOUSE_PERMISSIONS)


def _enum_name(value) -> str:
    return getattr(value, "name", value)


def filter_warehouses(queryset, data):
    if not data:
        return queryset
    q = metadata_list_q(data.get("metadata"))
    if data.get("click_and_collect_option") is not None:
        q &= Q(click_and_collect_option=CLICK_AND_COLLECT_VALUES[_enum_name(data["click_and_collect_option"])])
    if data.get("search"):
        text = data["search"]
        q &= (Q(name__icontains=text) | Q(email__icontains=text) | Q(address__company_name__icontains=text)
              | Q(address__city__icontains=text) | Q(address__street_address_1__icontains=text))
    if data.get("ids") is not None:
        q &= Q(pk__in=decode_ids(data["ids"], "Warehouse"))
    if data.get("is_private") is not None:
        q &= Q(is_private=data["is_private"])
    if data.get("slugs") is not None:
        q &= Q(slug__in=data["slugs"])
    if data.get("channels") is not None:
        q &= Q(pk__in=ChannelWarehouse.objects.filter(
            channel_id__in=decode_ids(data["channels"], "Channel")).values("warehouse_id"))
    return queryset.filter(q)


class Queries(graphene.ObjectType):
    warehouse = graphene.Field(
        Warehouse,
        id=graphene.Argument(graphene.ID, description="ID of a warehouse."),
        external_reference=graphene.Argument(graphene.String, description="External ID of a warehouse."),
        description="Look up a warehouse by ID.\n\nRequires one of the following permissions: MANAGE_PRODUCTS, "
                    "MANAGE_ORDERS, MANAGE_SHIPPING.",
    )
    warehouses = graphene.Field(
        WarehouseCountableConnection,
        filter=graphene.Argument(WarehouseFilterInput, description="Filtering options for warehouses."),
        sort_by=graphene.Argument(WarehouseSortingInput, description="Sort warehouses."),
        **connection_args(),
        description="List of warehouses.\n\nRequires one of the following permissions: MANAGE_PRODUCTS, "
                    "MANAGE_ORDERS, MANAGE_SHIPPING.",
    )
    stock = graphene.Field(
        Stock, id=graphene.Argument(graphene.ID, required=True, description="ID of an warehouse"),
        description="Look up a stock by ID\n\nRequires one of the following permissions: MANAGE_PRODUCTS.",
    )
    stocks = graphene.Field(
        StockCountableConnection, filter=graphene.Argument(StockFilterInput), **connection_args(),
        description="List of stocks.\n\nRequires one of the following permissions: MANAGE_PRODUCTS.",
    )

    @staticmethod
    def resolve_warehouse(_root, info, id=None, external_reference=None):
        _check_warehouse_permissions(info)
        if bool(id) == bool(external_reference):
            raise GraphQLError("Argument 'id' or 'external_reference' must be provided, not both.")
        warehouses = selectors.warehouses_all()
        if id:
            return warehouses.filter(pk=decode_id(id, "Warehouse")).first()
        return warehouses.filter(external_reference=external_reference).first()

    @staticmethod
    def resolve_warehouses(_root, info, filter=None, sort_by=None, **kwargs):
        _check_warehouse_permissions(info)
        warehouses = filter_warehouses(selectors.warehouses_all(), filter)
        if sort_by and _enum_name(sort_by.get("direction")) == "DESC":
            warehouses = warehouses.order_by("-name", "-slug")
        else:
            warehouses = warehouses.order_by("name", "slug")
        return connection_from_queryset(warehouses, info, kwargs, WarehouseCountableConnection)

    @staticmethod
    def resolve_stock(_root, info, id):
        check_stock_permissions(info)
        return selectors.stocks_filtered().filter(pk=decode_id(id, "Stock")).first()

    @staticmethod
    def resolve_stocks(_root, info, filter=None, **kwargs):
        check_stock_permissions(info)
        filter = filter or {}
        quantity = filter.get("quantity")
        stocks = selectors.stocks_filtered(quantity=int(quantity) if quantity is not None else None,
                                           search=filter.get("search"))
        return connection_from_queryset(stocks, info, kwargs, StockCountableConnection)


class Mutations(graphene.ObjectType):
    pass


__all__ = ["Queries", "Mutations", "STOCK_PERMISSIONS"]
