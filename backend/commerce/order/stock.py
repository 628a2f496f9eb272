"""Stock movements of orders: allocate at placement, release at cancellation, decrease at fulfilment.

Every function runs inside the caller's transaction, locks the stock rows it touches (ordered by pk, so two orders
never wait on each other in a circle) and writes with F() expressions. The database constraints on Stock
(quantity >= 0, 0 <= allocated <= quantity) are the last line of defence: an oversell cannot be committed.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import F

from backend.commerce.checkout.stock import channel_stocks, reserved_by_others, stock_available
from backend.commerce.order.error_codes import OrderErrorCode
from backend.commerce.order.models import Allocation, OrderLine
from backend.commerce.warehouse.models import Stock, WarehouseClickAndCollectOption
from backend.core.ids import to_global_id


class InsufficientStock(Exception):
    def __init__(self, variant_ids):
        super().__init__(f"insufficient stock for variants {sorted(variant_ids)}")
        self.variant_ids = sorted(set(variant_ids))


def allocate_order_lines(*, lines: list[OrderLine], channel_id: int, checkout_token=None,
                         collection_point=None, track_inventory: dict[int, bool]) -> list[Allocation]:
    """Allocate every line from the warehouses holding stock (fullest first), or raise InsufficientStock.

    The cart's own reservations count as available to it; other carts' unexpired reservations do not. A LOCAL
    pickup point serves only from its own stock.
    """
    tracked = [line for line in lines if line.variant_id and track_inventory.get(line.variant_id, True)]
    if not tracked:
        return []
    stocks_qs = channel_stocks(channel_id, {line.variant_id for line in tracked})
    if collection_point is not None and \
            collection_point.click_and_collect_option == WarehouseClickAndCollectOption.LOCAL_STOCK:
        stocks_qs = stocks_qs.filter(warehouse_id=collection_point.pk)
    stocks = list(stocks_qs.select_for_update().order_by("pk"))
    reserved = reserved_by_others([s.pk for s in stocks], checkout_token=checkout_token)
    by_variant: dict[int, list[Stock]] = defaultdict(list)
    for stock in stocks:
        by_variant[stock.product_variant_id].append(stock)
    taken: dict[int, int] = defaultdict(int)  # stock pk -> units taken by this order so far
    allocations, short = [], []
    for line in tracked:
        needed = line.quantity
        candidates = sorted(by_variant[line.variant_id],
                            key=lambda s: (-(stock_available(s, reserved) - taken[s.pk]), s.pk))
        for stock in candidates:
            take = min(needed, stock_available(stock, reserved) - taken[stock.pk])
            if take <= 0:
                continue
            allocations.append(Allocation(order_line=line, stock=stock, quantity_allocated=take))
            taken[stock.pk] += take
            needed -= take
            if needed == 0:
                break
        if needed:
            short.append(line.variant_id)
    if short:
        raise InsufficientStock(short)
    for stock_pk, quantity in taken.items():
        Stock.objects.filter(pk=stock_pk).update(quantity_allocated=F("quantity_allocated") + quantity)
    return Allocation.objects.bulk_create(allocations)


def deallocate_order(order) -> int:
    """Give back every unit still allocated to the order's lines; returns how many units were released."""
    allocations = list(Allocation.objects.filter(order_line__order=order, quantity_allocated__gt=0)
                       .order_by("stock_id"))
    if not allocations:
        return 0
    per_stock: dict[int, int] = defaultdict(int)
    for allocation in allocations:
        per_stock[allocation.stock_id] += allocation.quantity_allocated
    list(Stock.objects.select_for_update().filter(pk__in=list(per_stock)).order_by("pk"))
    for stock_pk, quantity in per_stock.items():
        Stock.objects.filter(pk=stock_pk).update(quantity_allocated=F("quantity_allocated") - quantity)
    Allocation.objects.filter(pk__in=[a.pk for a in allocations]).update(quantity_allocated=0)
    return sum(per_stock.values())


def decrease_for_fulfillment(*, line: OrderLine, stock: Stock, quantity: int) -> None:
    """Units leave the warehouse: stock quantity goes down, and so does the line's allocation (this stock first).

    `stock` must be locked by the caller. Raises a ValidationError INSUFFICIENT_STOCK when the warehouse does not
    physically hold the units.
    """
    allocations = list(Allocation.objects.select_for_update().filter(order_line=line, quantity_allocated__gt=0)
                       .order_by("pk"))
    allocations.sort(key=lambda a: (a.stock_id != stock.pk, a.pk))
    to_release, released_here = quantity, 0
    for allocation in allocations:
        if to_release == 0:
            break
        release = min(allocation.quantity_allocated, to_release)
        Allocation.objects.filter(pk=allocation.pk).update(quantity_allocated=F("quantity_allocated") - release)
        if allocation.stock_id == stock.pk:
            released_here += release
        else:
            Stock.objects.filter(pk=allocation.stock_id).update(quantity_allocated=F("quantity_allocated") - release)
        to_release -= release
    # Units not allocated here must still be free here (not promised to another order).
    free_needed = quantity - released_here
    updated = Stock.objects.filter(
        pk=stock.pk, quantity__gte=F("quantity_allocated") - released_here + quantity,
    ).update(quantity=F("quantity") - quantity, quantity_allocated=F("quantity_allocated") - released_here)
    if not updated:
        raise ValidationError({"stocks": ValidationError(
            f"Le stock de {stock.warehouse.name} ne couvre pas cette préparation ({free_needed} unité(s) libres "
            "manquantes).", code=OrderErrorCode.INSUFFICIENT_STOCK.value,
            params={"warehouses": [to_global_id("Warehouse", stock.warehouse_id)]},
        )})


def restock_fulfillment_line(*, line: OrderLine, stock: Stock, quantity: int) -> None:
    """A cancelled fulfilment puts the units back on the shelf, allocated again to the line."""
    Stock.objects.filter(pk=stock.pk).update(quantity=F("quantity") + quantity,
                                             quantity_allocated=F("quantity_allocated") + quantity)
    allocation, _ = Allocation.objects.get_or_create(order_line=line, stock=stock)
    Allocation.objects.filter(pk=allocation.pk).update(quantity_allocated=F("quantity_allocated") + quantity)
