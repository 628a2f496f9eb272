"""Preparing orders: one fulfilment per warehouse (each producer prepares from his own stock), and undoing it."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from backend.commerce.order.error_codes import OrderErrorCode
from backend.commerce.order.events import order_event, status_from_lines
from backend.commerce.order.models import (
    Fulfillment,
    FulfillmentLine,
    FulfillmentStatus,
    Order,
    OrderEventType,
    OrderLine,
    OrderStatus,
)
from backend.commerce.order.services import lock_order
from backend.commerce.order.stock import decrease_for_fulfillment, restock_fulfillment_line
from backend.commerce.payment.services import as_uuid
from backend.commerce.warehouse.models import Stock
from backend.core.events import enqueue
from backend.core.ids import to_global_id
from backend.core.plugins import get_plugin_manager


@dataclass(frozen=True)
class FulfillLineInput:
    order_line_id: object
    warehouse_id: object
    quantity: int


def _error(field, message, code: OrderErrorCode, **params) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value, params=params or None)})


def _validate(order: Order, lines: list[FulfillLineInput]) -> dict:
    if order.status in (OrderStatus.CANCELED, OrderStatus.DRAFT, OrderStatus.EXPIRED, OrderStatus.UNCONFIRMED):
        raise _error("order", "Cette commande ne peut pas être préparée dans son état actuel.",
                     OrderErrorCode.NOT_EDITABLE)
    if not lines:
        raise _error("lines", "Indiquez au moins une ligne à préparer.", OrderErrorCode.REQUIRED)
    order_lines = {str(line.pk): line for line in order.lines.all()}
    asked: dict[str, int] = defaultdict(int)
    for item in lines:
        if as_uuid(item.warehouse_id) is None:
            raise _error("warehouse", "Cet entrepôt n'existe pas.", OrderErrorCode.NOT_FOUND)
        line = order_lines.get(str(item.order_line_id))
        if line is None:
            raise _error("order_line_id", "Cette ligne n'appartient pas à la commande.", OrderErrorCode.NOT_FOUND)
        if item.quantity <= 0:
            raise _error("quantity", "La quantité doit être supérieure à zéro.", OrderErrorCode.ZERO_QUANTITY)
        asked[str(line.pk)] += item.quantity
        if asked[str(line.pk)] > line.quantity_unfulfilled:
            raise _error("order_line_id", f"Seulement {line.quantity_unfulfilled} unité(s) restent à préparer "
                         f"pour « {line.product_name} ».", OrderErrorCode.FULFILL_ORDER_LINE,
                         order_lines=[to_global_id("OrderLine", line.pk)])
    return order_lines


def order_fulfill(*, order_id, lines: list[FulfillLineInput], user=None, tracking_number: str = "",
                  notify_customer: bool = True) -> list[Fulfillment]:
    """Take the units out of each warehouse's stock and record one fulfilment per warehouse."""
    with transaction.atomic():
        order = lock_order(order_id)
        order_lines = _validate(order, lines)
        stocks = {
            (str(s.warehouse_id), s.product_variant_id): s
            for s in Stock.objects.select_for_update(of=("self",)).select_related("warehouse").filter(
                product_variant_id__in={line.variant_id for line in order_lines.values()},
                warehouse_id__in={item.warehouse_id for item in lines}).order_by("pk")
        }
        next_number = (order.fulfillments.aggregate(n=Max("fulfillment_order"))["n"] or 0) + 1
        by_warehouse: dict[str, list[FulfillLineInput]] = defaultdict(list)
        for item in lines:
            by_warehouse[str(item.warehouse_id)].append(item)
        fulfillments = []
        for warehouse_id, items in by_warehouse.items():
            fulfillment = Fulfillment.objects.create(order=order, fulfillment_order=next_number,
                                                     warehouse_id=items[0].warehouse_id,
                                                     tracking_number=tracking_number)
            next_number += 1
            for item in items:
                line = order_lines[str(item.order_line_id)]
                stock = stocks.get((warehouse_id, line.variant_id))
                if stock is None:
                    raise _error("warehouse", f"Cet entrepôt n'a pas de stock de « {line.product_name} ».",
                                 OrderErrorCode.INSUFFICIENT_STOCK, warehouses=[to_global_id("Warehouse",
                                                                                            warehouse_id)])
                decrease_for_fulfillment(line=line, stock=stock, quantity=item.quantity)
                OrderLine.objects.filter(pk=line.pk).update(quantity_fulfilled=F("quantity_fulfilled") + item.quantity)
                FulfillmentLine.objects.create(fulfillment=fulfillment, order_line=line, stock=stock,
                                               quantity=item.quantity)
            fulfillments.append(fulfillment)
            order_event(order=order, type=OrderEventType.FULFILLMENT_FULFILLED_ITEMS, user=user,
                        fulfilled_items=[str(fl.pk) for fl in fulfillment.lines.all()],
                        warehouse=str(warehouse_id))
        order.status = status_from_lines(order)
        order.save(update_fields=["status", "updated_at"])
        for fulfillment in fulfillments:
            get_plugin_manager().notify("order_fulfilled", order=order, fulfillment=fulfillment)
            if notify_customer:
                from backend.commerce.order.tasks import send_order_ready

                enqueue(send_order_ready, str(order.pk), str(fulfillment.pk))
    return fulfillments


def order_fulfillment_cancel(*, fulfillment_id, user=None) -> Fulfillment:
    """Undo a preparation: the units go back on the shelf of the stock they came from, allocated again."""
    fulfillment_id = as_uuid(fulfillment_id)
    fulfillment = Fulfillment.objects.filter(pk=fulfillment_id).only("order_id").first() if fulfillment_id else None
    if fulfillment is None:
        raise _error("id", "Cette préparation n'existe pas.", OrderErrorCode.NOT_FOUND)
    with transaction.atomic():
        order = lock_order(fulfillment.order_id)
        fulfillment = Fulfillment.objects.select_for_update().get(pk=fulfillment_id)
        if fulfillment.status != FulfillmentStatus.FULFILLED:
            raise _error("id", "Seule une préparation en cours peut être annulée.",
                         OrderErrorCode.CANNOT_CANCEL_FULFILLMENT)
        lines = list(fulfillment.lines.select_related("order_line", "stock"))
        list(Stock.objects.select_for_update().filter(pk__in=[fl.stock_id for fl in lines if fl.stock_id])
             .order_by("pk"))
        restocked = 0
        for fulfillment_line in lines:
            if fulfillment_line.stock is not None:
                restock_fulfillment_line(line=fulfillment_line.order_line, stock=fulfillment_line.stock,
                                         quantity=fulfillment_line.quantity)
                restocked += fulfillment_line.quantity
            OrderLine.objects.filter(pk=fulfillment_line.order_line_id).update(
                quantity_fulfilled=F("quantity_fulfilled") - fulfillment_line.quantity)
        fulfillment.status = FulfillmentStatus.CANCELED
        fulfillment.save(update_fields=["status"])
        order.status = status_from_lines(order)
        order.save(update_fields=["status", "updated_at"])
        order_event(order=order, type=OrderEventType.FULFILLMENT_CANCELED, user=user, fulfillment=str(fulfillment.pk))
        order_event(order=order, type=OrderEventType.FULFILLMENT_RESTOCKED_ITEMS, user=user, quantity=restocked)
    return fulfillment
