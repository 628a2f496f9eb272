"""Staff actions on an order: confirm, cancel, note, mark as paid (pay at pickup). Fulfilment is in fulfillment.py.

Each action locks the order row, checks the status allows it (a clear OrderErrorCode otherwise, nothing written),
writes, records an OrderEvent, and leaves mail and plugin notifications for after the commit.
"""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from backend.commerce.discount.models import Voucher
from backend.commerce.order.error_codes import OrderErrorCode
from backend.commerce.order.events import order_event
from backend.commerce.order.models import FulfillmentStatus, Order, OrderEventType, OrderStatus
from backend.commerce.order.stock import deallocate_order
from backend.commerce.payment.models import TransactionAction, TransactionEventType
from backend.commerce.payment.services import transaction_create, transaction_event_record
from backend.core.events import enqueue
from backend.core.plugins import get_plugin_manager

PAY_AT_PICKUP_APP = "comptoir.pay-at-pickup"


def _error(field, message, code: OrderErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def lock_order(order_id) -> Order:
    try:
        order_id = uuid.UUID(str(order_id))
    except ValueError:
        raise _error("id", "Cette commande n'existe pas.", OrderErrorCode.NOT_FOUND) from None
    order = Order.objects.select_for_update(of=("self",)).select_related("channel").filter(pk=order_id).first()
    if order is None:
        raise _error("id", "Cette commande n'existe pas.", OrderErrorCode.NOT_FOUND)
    return order


def order_confirm(*, order_id, user=None) -> Order:
    with transaction.atomic():
        order = lock_order(order_id)
        if order.status != OrderStatus.UNCONFIRMED:
            raise _error("id", "Seule une commande à confirmer peut être confirmée.", OrderErrorCode.INVALID)
        order.status = OrderStatus.UNFULFILLED
        order.save(update_fields=["status", "updated_at"])
        order_event(order=order, type=OrderEventType.CONFIRMED, user=user)
        get_plugin_manager().notify("order_confirmed", order=order)
    return order


def order_cancel(*, order_id, user=None) -> Order:
    """Cancel an order nothing was prepared for yet: its stock is released and its promo code use given back."""
    with transaction.atomic():
        order = lock_order(order_id)
        active_fulfillments = order.fulfillments.exclude(status=FulfillmentStatus.CANCELED).exists()
        if order.status not in (OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED) or active_fulfillments:
            raise _error("id", "Cette commande ne peut plus être annulée : annulez d'abord ses préparations.",
                         OrderErrorCode.CANNOT_CANCEL_ORDER)
        released = deallocate_order(order)
        if order.voucher_id:
            Voucher.objects.filter(pk=order.voucher_id, used__gt=0).update(used=F("used") - 1)
        order.status = OrderStatus.CANCELED
        order.save(update_fields=["status", "updated_at"])
        order_event(order=order, type=OrderEventType.CANCELED, user=user, quantity=released)
        get_plugin_manager().notify("order_cancelled", order=order)
        from backend.commerce.order.tasks import send_order_cancelled

        enqueue(send_order_cancelled, str(order.pk))
    return order


def order_note_add(*, order_id, message: str, user=None):
    message = (message or "").strip()
    if not message:
        raise _error("message", "La note est vide.", OrderErrorCode.REQUIRED)
    with transaction.atomic():
        order = lock_order(order_id)
        event = order_event(order=order, type=OrderEventType.NOTE_ADDED, user=user, message=message[:2000])
    return order, event


def order_mark_as_paid(*, order_id, user=None, transaction_reference: str = "") -> Order:
    """Payment handed over at the pickup point (cash or card terminal): a CHARGE_SUCCESS transaction for what is
    still due, so the order's history and totals read like any other payment."""
    with transaction.atomic():
        order = lock_order(order_id)
        if order.status in (OrderStatus.CANCELED, OrderStatus.DRAFT, OrderStatus.EXPIRED):
            raise _error("id", "Une commande annulée ne peut pas être encaissée.", OrderErrorCode.INVALID)
        due = order.total_gross_amount - order.total_charged_amount
        if due <= Decimal("0"):
            raise _error("id", "Cette commande est déjà payée.", OrderErrorCode.PAYMENT_ERROR)
        item, _ = transaction_create(order=order, name="Paiement au retrait", app_identifier=PAY_AT_PICKUP_APP,
                                     psp_reference=transaction_reference, currency=order.currency, user=user,
                                     available_actions=[TransactionAction.REFUND])
        transaction_event_record(transaction_token=item.pk, type=TransactionEventType.CHARGE_SUCCESS, amount=due,
                                 psp_reference=transaction_reference or f"retrait-{order.number}",
                                 message="Payé au point de retrait", user=user)
        order_event(order=order, type=OrderEventType.ORDER_MARKED_AS_PAID, user=user,
                    transaction_reference=transaction_reference, amount=str(due))
        order.refresh_from_db()
    return order
