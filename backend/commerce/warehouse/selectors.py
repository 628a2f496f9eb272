"""Reads of warehouses and stock: what can still be sold is the stock minus what orders already hold."""

from django.db.models import F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest

from backend.commerce.warehouse.models import ChannelWarehouse, Stock, Warehouse


def warehouses_all() -> QuerySet[Warehouse]:
    return Warehouse.objects.select_related("address").order_by("slug")


def available_quantity_expression():
    """Per stock row: quantity not allocated yet, never below zero."""
    return Greatest(F("quantity") - F("quantity_allocated"), Value(0))


def stocks_for_channel(stocks: QuerySet[Stock], channel_id: int | None) -> QuerySet[Stock]:
    """Stock a channel sells from: its warehouses' (Saleor's warehouse-channel link); every warehouse without one."""
    if channel_id is None:
        return stocks
    return stocks.filter(warehouse_id__in=ChannelWarehouse.objects.filter(channel_id=channel_id).values("warehouse_id"))


def available_quantities_by_variant(variant_ids, channel_id: int | None = None) -> dict[int, int]:
    """{variant id: units available in the channel's warehouses}; variants without stock rows are absent (0)."""
    rows = (
        stocks_for_channel(Stock.objects.filter(product_variant_id__in=variant_ids), channel_id)
        .values("product_variant_id")
        .annotate(available=Sum(available_quantity_expression()))
    )
    return {row["product_variant_id"]: int(row["available"] or 0) for row in rows}


def variant_available_quantity_subquery(variant_ref: str = "pk", channel_id: int | None = None):
    """A subquery giving the available units of the variant `variant_ref` (an OuterRef path), 0 without stock."""
    total = (
        stocks_for_channel(Stock.objects.filter(product_variant_id=OuterRef(variant_ref)), channel_id)
        .values("product_variant_id")
        .annotate(total=Sum(available_quantity_expression()))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def stocks_with_available_units() -> QuerySet[Stock]:
    return Stock.objects.filter(quantity__gt=F("quantity_allocated"))


def stocks_filtered(*, quantity=None, search: str | None = None) -> QuerySet[Stock]:
    stocks = Stock.objects.select_related("warehouse", "product_variant").order_by("pk")
    if quantity is not None:
        stocks = stocks.filter(quantity=quantity)
    if search:
        stocks = stocks.filter(
            Q(product_variant__sku__icontains=search)
            | Q(product_variant__product__name__icontains=search)
            | Q(warehouse__name__icontains=search)
        )
    return stocks
