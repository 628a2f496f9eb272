"""The order split: one preparation per producer, marked ready by the producer; a producer may cancel a line.

The core's fulfilment stays with the handover (pickup point or courier, see logistics): a preparation being ready
does not take the units out of stock, it tells the hub the producer's part can be collected. When every producer of
an order is ready, the order gets an event and its `comptoir.preparation` metadata becomes "ready".
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from backend.commerce.order.events import order_event
from backend.commerce.order.models import Allocation, Order, OrderEventType, OrderLine, OrderStatus
from backend.commerce.payment.gateways import transaction_request_action
from backend.commerce.payment.models import TransactionAction, TransactionItem
from backend.commerce.warehouse.models import Stock
from backend.core.events import enqueue
from backend.core.money import quantize
from plugins.producers.error_codes import ProducerErrorCode as Code
from plugins.producers.models import (
    Preparation,
    PreparationLine,
    PreparationStatus,
    ProducerProduct,
    ProducerWarehouse,
)
from plugins.producers.services.producers import error

READY_METADATA_KEY = "comptoir.preparation"
SPLIT_STATUSES = (OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED)


def distribution_date_of(order: Order) -> date:
    """The distribution day the logistics plugin wrote on the order, else the day it was placed."""
    value = (order.metadata or {}).get("comptoir.distribution_date") or (order.metadata or {}).get("distributionDate")
    if value:
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            pass
    return timezone.localdate(order.created_at)


def _producer_of_lines(lines: list[OrderLine]) -> dict:
    """{order line pk: producer pk}: the warehouse its units are allocated from, else the product's producer."""
    by_line: dict = {}
    allocations = (Allocation.objects.filter(order_line__in=lines).order_by("pk")
                   .values_list("order_line_id", "stock__warehouse_id"))
    owners = dict(ProducerWarehouse.objects.filter(warehouse_id__in={w for _, w in allocations})
                  .values_list("warehouse_id", "producer_id"))
    for line_id, warehouse_id in allocations:
        if warehouse_id in owners:
            by_line.setdefault(line_id, owners[warehouse_id])
    missing = [line for line in lines if line.pk not in by_line and line.variant_id]
    if missing:
        product_owner = dict(ProducerProduct.objects.filter(
            product__variants__in=[line.variant_id for line in missing]).values_list("product__variants", "producer"))
        for line in missing:
            if line.variant_id in product_owner:
                by_line[line.pk] = product_owner[line.variant_id]
    return by_line


def order_split(*, order_id) -> list[Preparation]:
    """Create the preparations of an order (idempotent: a replayed notification creates nothing more)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status not in SPLIT_STATUSES or order.preparations.exists():
            return list(order.preparations.all())
        lines = list(order.lines.all())
        grouped: dict = defaultdict(list)
        for line_id, producer_id in _producer_of_lines(lines).items():
            grouped[producer_id].append(line_id)
        quantities = {line.pk: line.quantity for line in lines}
        day = distribution_date_of(order)
        preparations = []
        for producer_id, line_ids in sorted(grouped.items()):
            preparation = Preparation.objects.create(order=order, producer_id=producer_id, distribution_date=day)
            PreparationLine.objects.bulk_create(PreparationLine(preparation=preparation, order_line_id=line_id,
                                                                quantity=quantities[line_id]) for line_id in line_ids)
            preparations.append(preparation)
    return preparations


def _lock_preparation(preparation_id, producer_id=None) -> Preparation:
    query = Preparation.objects.select_for_update().filter(pk=preparation_id)
    if producer_id is not None:
        query = query.filter(producer_id=producer_id)
    preparation = query.first()
    if preparation is None:
        raise error("id", "Cette préparation n'existe pas.", Code.NOT_FOUND)
    return preparation


def preparation_mark_ready(*, preparation_id, producer_id=None, user=None) -> Preparation:
    """The producer's part is ready; when every part is, the order goes on to the hub (event + metadata)."""
    with transaction.atomic():
        preparation = _lock_preparation(preparation_id, producer_id)
        order = Order.objects.select_for_update().get(pk=preparation.order_id)
        if order.status not in (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED):
            raise error("id", "Cette commande n'est plus à préparer.", Code.NOT_EDITABLE)
        if preparation.status == PreparationStatus.READY:
            return preparation
        if preparation.status == PreparationStatus.CANCELLED:
            raise error("id", "Cette préparation a été annulée.", Code.NOT_EDITABLE)
        preparation.status = PreparationStatus.READY
        preparation.ready_at = timezone.now()
        preparation.ready_by = user if getattr(user, "pk", None) else None
        preparation.save(update_fields=["status", "ready_at", "ready_by"])
        order_event(order=order, type=OrderEventType.NOTE_ADDED, user=user,
                    message=f"Préparation de {preparation.producer.trade_name} prête.")
        waiting = order.preparations.filter(status=PreparationStatus.TO_PREPARE).exists()
        if not waiting:
            order.metadata = {**(order.metadata or {}), READY_METADATA_KEY: "ready"}
            order.save(update_fields=["metadata", "updated_at"])
            order_event(order=order, type=OrderEventType.OTHER, user=user,
                        message="Tous les producteurs ont préparé la commande.")
    return preparation


def _release_line_allocations(line: OrderLine) -> int:
    allocations = list(Allocation.objects.select_for_update().filter(order_line=line, quantity_allocated__gt=0)
                       .order_by("stock_id"))
    list(Stock.objects.select_for_update().filter(pk__in=[a.stock_id for a in allocations]).order_by("pk"))
    for allocation in allocations:
        Stock.objects.filter(pk=allocation.stock_id).update(
            quantity_allocated=F("quantity_allocated") - allocation.quantity_allocated)
    Allocation.objects.filter(pk__in=[a.pk for a in allocations]).update(quantity_allocated=0)
    return sum(a.quantity_allocated for a in allocations)


def _refund(order: Order, amount: Decimal, user, reason: str) -> str:
    """Ask the gateway to refund from the charged transactions; an unpaid order only records the refund."""
    left = amount
    for item in TransactionItem.objects.filter(order=order, charged_value__gt=0).order_by("created_at"):
        if left <= 0:
            break
        if TransactionAction.REFUND not in item.available_actions:
            continue
        part = min(left, item.charged_value)
        transaction_request_action(transaction_token=item.pk, action=TransactionAction.REFUND, amount=part, user=user)
        left -= part
    if left == amount:
        order_event(order=order, type=OrderEventType.PAYMENT_REFUNDED, user=user, amount=str(amount),
                    message=f"Ligne annulée avant paiement : {reason}", recorded_only=True)
        return "recorded"
    return "requested"


def preparation_line_cancel(*, line_id, producer_id=None, user=None, reason: str = "") -> PreparationLine:
    """The producer cannot supply a line: its stock is released, its price refunded, the customer told by mail."""
    with transaction.atomic():
        line = PreparationLine.objects.select_related("preparation").filter(pk=line_id).first()
        if line is None or (producer_id is not None and line.preparation.producer_id != producer_id):
            raise error("id", "Cette ligne n'existe pas.", Code.NOT_FOUND)
        preparation = _lock_preparation(line.preparation_id)
        order = Order.objects.select_for_update().get(pk=preparation.order_id)
        line = PreparationLine.objects.select_for_update().select_related("order_line").get(pk=line.pk)
        if line.cancelled_at is not None:
            raise error("id", "Cette ligne est déjà annulée.", Code.NOT_EDITABLE)
        if order.status not in (OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED) or line.order_line.quantity_fulfilled:
            raise error("id", "Cette ligne a déjà été remise : elle ne peut plus être annulée.", Code.NOT_EDITABLE)
        released = _release_line_allocations(line.order_line)
        amount = quantize(line.order_line.total_price_gross_amount)
        reason = (reason or "").strip()[:255] or "produit indisponible"
        line.cancelled_at = timezone.now()
        line.cancel_reason = reason
        line.refunded_amount = amount
        line.save(update_fields=["cancelled_at", "cancel_reason", "refunded_amount"])
        how = _refund(order, amount, user, reason)
        order_event(order=order, type=OrderEventType.NOTE_ADDED, user=user,
                    message=f"{preparation.producer.trade_name} a annulé « {line.order_line.product_name} » "
                            f"({reason}) ; {released} unité(s) remise(s) en stock.", refund=how)
        if not preparation.lines.filter(cancelled_at__isnull=True).exists():
            Preparation.objects.filter(pk=preparation.pk).update(status=PreparationStatus.CANCELLED)
        from plugins.producers.tasks import send_line_cancelled

        enqueue(send_line_cancelled, line.pk)
    return line
