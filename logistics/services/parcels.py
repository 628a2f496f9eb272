"""The parcels of a distribution day: one per order and producer warehouse, built from the orders' allocations.

Which orders travel on a day: pickup orders whose slot is on that date, and open home-delivery orders placed before
the day that no other day carries yet (or that name the day in their metadata "distributionDay").
"""

import math
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from backend.commerce.order.models import Allocation, Order, OrderStatus
from logistics.models import DistributionDay, Parcel

TRAVELLING_STATUSES = (OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED)
DEFAULT_UNIT_KG = Decimal("0.5")  # a variant without a weight still weighs something in a crate
KG_PER_CRATE = 15


def is_chilled(product) -> bool:
    """Fresh goods (cheese, meat, dairy) ride in a refrigerated vehicle: a "chilled" flag on the product or its type."""
    def flag(obj):
        return str((obj.metadata or {}).get("chilled", "")).lower() in ("1", "true", "oui", "yes")
    return flag(product) or flag(product.product_type)


def day_orders(day: DistributionDay):
    pickup = Q(pickup_slot_booking__slot__date=day.date)
    home = Q(collection_point__isnull=True, shipping_address__isnull=False) & (
        Q(metadata__distributionDay=day.date.isoformat())
        | (Q(created_at__date__lt=day.date) & ~Q(metadata__has_key="distributionDay")
           & ~Q(parcels__day__date__lt=day.date)))
    return (Order.objects.filter(status__in=TRAVELLING_STATUSES).filter(pickup | home).distinct()
            .order_by("number"))


def parcels_sync(*, day: DistributionDay) -> list[Parcel]:
    """Create the missing parcels of the day and refresh the weights of those still waiting. Idempotent."""
    orders = list(day_orders(day))
    allocations = (Allocation.objects.filter(order_line__order__in=orders, quantity_allocated__gt=0)
                   .select_related("order_line__variant__product__product_type", "stock"))
    loads: dict[tuple, dict] = defaultdict(lambda: {"grams": 0, "chilled": False})
    for allocation in allocations:
        line = allocation.order_line
        variant = line.variant
        unit_kg = (variant.weight if variant is not None and variant.weight else DEFAULT_UNIT_KG)
        entry = loads[(line.order_id, allocation.stock.warehouse_id)]
        entry["grams"] += int(unit_kg * 1000 * allocation.quantity_allocated)
        entry["chilled"] |= variant is not None and is_chilled(variant.product)
    with transaction.atomic():
        existing = {(p.order_id, p.warehouse_id): p for p in Parcel.objects.select_for_update().filter(
            order__in=orders)}
        for (order_id, warehouse_id), entry in loads.items():
            crates = max(1, math.ceil(entry["grams"] / 1000 / KG_PER_CRATE))
            parcel = existing.get((order_id, warehouse_id))
            if parcel is None:
                Parcel.objects.create(day=day, order_id=order_id, warehouse_id=warehouse_id, weight_g=entry["grams"],
                                      chilled=entry["chilled"], crates=crates)
            elif parcel.status == Parcel.Status.WAITING and parcel.day_id == day.pk:
                parcel.weight_g, parcel.chilled, parcel.crates = entry["grams"], entry["chilled"], crates
                parcel.save(update_fields=["weight_g", "chilled", "crates"])
    return list(Parcel.objects.filter(day=day).select_related(
        "order__collection_point", "order__shipping_address", "warehouse"))
