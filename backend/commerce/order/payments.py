"""An order's payment state, kept in step with its transactions (called by payment.services on each new event)."""

from backend.commerce.order.events import order_event
from backend.commerce.order.models import Order, OrderChargeStatus, OrderEventType
from backend.commerce.payment.models import TransactionItem
from backend.commerce.payment.status import amounts_of, authorize_status, charge_status
from backend.core.events import enqueue
from backend.core.plugins import get_plugin_manager

PAID = (OrderChargeStatus.FULL, OrderChargeStatus.OVERCHARGED)
EVENT_TO_ORDER_EVENT = {
    "AUTHORIZATION_SUCCESS": OrderEventType.PAYMENT_AUTHORIZED,
    "CHARGE_SUCCESS": OrderEventType.PAYMENT_CAPTURED,
    "REFUND_SUCCESS": OrderEventType.PAYMENT_REFUNDED,
    "AUTHORIZATION_FAILURE": OrderEventType.PAYMENT_FAILED,
    "CHARGE_FAILURE": OrderEventType.PAYMENT_FAILED,
}


def order_payment_statuses_update(*, order_id, event=None) -> Order:
    """Recompute totals and statuses; the first time the order becomes paid, tell plugins and mail the customer."""
    order = Order.objects.select_for_update().get(pk=order_id)
    was_paid = order.charge_status in PAID
    amounts = amounts_of(TransactionItem.objects.filter(order_id=order_id))
    total = order.total_gross_amount
    order.total_authorized_amount, order.total_charged_amount = amounts.authorized, amounts.charged
    order.charge_status = charge_status(total=total, charged=amounts.charged)
    order.authorize_status = authorize_status(total=total, authorized=amounts.authorized, charged=amounts.charged)
    order.save(update_fields=["total_authorized_amount", "total_charged_amount", "charge_status",
                              "authorize_status", "updated_at"])
    if event is not None and event.type in EVENT_TO_ORDER_EVENT:
        order_event(order=order, type=EVENT_TO_ORDER_EVENT[event.type], user=event.user,
                    amount=str(event.amount_value), reference=event.psp_reference, message=event.message)
    if not was_paid and order.charge_status in PAID:
        order_event(order=order, type=OrderEventType.ORDER_FULLY_PAID)
        get_plugin_manager().notify("order_paid", order=order)
        from backend.commerce.order.tasks import send_payment_received

        enqueue(send_payment_received, str(order.pk))
    return order
