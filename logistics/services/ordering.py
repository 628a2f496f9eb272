"""Which distribution day a cart rides on, and the goods it may no longer take for that day (producers' cut-offs).

The cart's day: the date of the pickup slot it booked, else the next day still taking orders (the day
`delivery_options` names for home deliveries). A product's producer is closed for that day once its cut-off
(cutoff.py) has passed — by the clock, whether or not the periodic task has run yet — or once staff closed it
(a `ProducerClosure` row). A day that no longer takes orders (closed, planned, under way) refuses every product.
Products without a producer only follow the day's status.

A home order is pinned to the day it was accepted for (order metadata `distributionDay`, which parcels.py reads), so
an order accepted for next week after this week's cut-off never rides this week's rounds.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from backend.commerce.order.services import lock_order
from logistics.models import DistributionDay, ProducerClosure, SlotBooking
from logistics.services.cutoff import WEEKDAYS, cutoff_at, day_opens_at, french_moment, with_first_slot
from plugins.producers.models import ProducerProduct

DAY_METADATA_KEY = "distributionDay"


def next_open_days():
    return DistributionDay.objects.filter(status=DistributionDay.Status.OPEN, date__gt=timezone.localdate())


def cart_day(checkout) -> DistributionDay | None:
    """The cart's day with `first_slot` annotated, in one query; None when no day applies."""
    bookings = SlotBooking.objects.filter(checkout_token=str(checkout.pk))
    booked_that_day = Exists(bookings.filter(slot__date=OuterRef("date")))
    days = (DistributionDay.objects.annotate(booked=booked_that_day)
            .filter(Q(booked=True) | (Q(pk__in=next_open_days().values("pk")) & ~Exists(bookings))))
    return with_first_slot(days).order_by("-booked", "date").first()


def _day_label(day: DistributionDay) -> str:
    return f"{WEEKDAYS[day.date.weekday()]} {day.date:%d/%m/%Y}"


def closed_goods(*, checkout, variants, now=None) -> dict[int, str]:
    """{variant pk: French message} for the variants whose producer no longer takes orders for the cart's day."""
    if not variants:
        return {}
    day = cart_day(checkout)
    if day is None:
        return {}
    label = _day_label(day)
    if day.status != DistributionDay.Status.OPEN:
        return {v.pk: f"« {v.product.name} » : les commandes pour la distribution du {label} sont closes."
                for v in variants}
    now = now or timezone.now()
    opens_at = day_opens_at(day, day.first_slot)
    staff_closed = ProducerClosure.objects.filter(day=day, producer=OuterRef("producer")).values("cutoff_at")[:1]
    owners = {row["product_id"]: row for row in ProducerProduct.objects.filter(
        product_id__in={v.product_id for v in variants}).values(
        "product_id", "producer__trade_name", "producer__order_cutoff_hours").annotate(closed_at=Subquery(
            staff_closed))}
    refused = {}
    for variant in variants:
        owner = owners.get(variant.product_id)
        if owner is None:
            continue
        cutoff = cutoff_at(opens_at, owner["producer__order_cutoff_hours"])
        if owner["closed_at"] is not None:
            cutoff = min(cutoff, owner["closed_at"])
        if now >= cutoff:
            refused[variant.pk] = (
                f"« {variant.product.name} » : les commandes chez {owner['producer__trade_name']} pour la "
                f"distribution du {label} sont closes depuis le {french_moment(cutoff)}.")
    return refused


def home_order_pin_day(*, order) -> str | None:
    """Write on a home order the day it was accepted for (the next open day); returns that date (ISO) or None."""
    if order.collection_point_id is not None or DAY_METADATA_KEY in (order.metadata or {}):
        return None
    day = next_open_days().order_by("date").first()
    if day is None:
        return None
    with transaction.atomic():
        locked = lock_order(order.pk)
        locked.metadata = {**(locked.metadata or {}), DAY_METADATA_KEY: day.date.isoformat()}
        locked.save(update_fields=["metadata"])
    return day.date.isoformat()
