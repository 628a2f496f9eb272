"""Reads of orders: by id (a UUID nobody can guess), a customer's history, the pickup counter's lookup."""

import uuid

from django.db.models import QuerySet

from backend.commerce.order.models import OPEN_ORDER_STATUSES, PICKUP_CODE_ALPHABET, Order


def order_by_id(order_id) -> Order | None:
    try:
        order_id = uuid.UUID(str(order_id))
    except ValueError:
        return None
    return Order.objects.select_related("channel").filter(pk=order_id).first()


def orders_of_user(user) -> QuerySet[Order]:
    """A customer's orders, newest first (Saleor's `me.orders`); anonymous users have none."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Order.objects.none()
    return Order.objects.filter(user=user).order_by("-number")


def normalize_pickup_code(code: str) -> str:
    """What staff type at the counter, in any case, with spaces or dashes. Codes never hold 0/O/1/I, so there is
    nothing to guess between look-alikes."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def open_order_by_pickup_code(code: str, *, collection_point_id=None) -> Order | None:
    """The open order a customer comes to collect with this code (optionally at this pickup point)."""
    code = normalize_pickup_code(code)
    if len(code) != 6 or any(ch not in PICKUP_CODE_ALPHABET for ch in code):
        return None
    orders = Order.objects.filter(pickup_code=code, status__in=[s.value for s in OPEN_ORDER_STATUSES])
    if collection_point_id is not None:
        orders = orders.filter(collection_point_id=collection_point_id)
    return orders.select_related("collection_point").first()
