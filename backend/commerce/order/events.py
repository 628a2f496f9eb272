"""Order history (Saleor's OrderEvent) and the status an order's lines imply."""

from backend.commerce.order.models import Order, OrderEvent, OrderEventType, OrderStatus


def order_event(*, order: Order, type: OrderEventType, user=None, **parameters) -> OrderEvent:
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return OrderEvent.objects.create(order=order, type=type, user=user, parameters=parameters)


def status_from_lines(order: Order) -> str:
    """UNFULFILLED / PARTIALLY_FULFILLED / FULFILLED from the quantities prepared (cancelled orders stay so)."""
    if order.status in (OrderStatus.CANCELED, OrderStatus.DRAFT, OrderStatus.EXPIRED, OrderStatus.UNCONFIRMED):
        return order.status
    quantities = list(order.lines.values_list("quantity", "quantity_fulfilled"))
    fulfilled = sum(done for _, done in quantities)
    if fulfilled == 0:
        return OrderStatus.UNFULFILLED
    if all(done >= quantity for quantity, done in quantities):
        return OrderStatus.FULFILLED
    return OrderStatus.PARTIALLY_FULFILLED
