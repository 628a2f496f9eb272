"""Customer mails of an order, in French, HTML and plain text: confirmation, payment received, ready, cancelled.

Each mail is sent at most once: the send and its EMAIL_SENT event happen under the order's row lock, and a second
run (task retried, event replayed) finds the event and sends nothing.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from backend.commerce.order.events import order_event
from backend.commerce.order.models import Allocation, Order, OrderEventType
from backend.core.money import format_eur

WEEKDAYS = {1: "lundi", 2: "mardi", 3: "mercredi", 4: "jeudi", 5: "vendredi", 6: "samedi", 7: "dimanche"}
CONFIRMATION, PAYMENT_RECEIVED, READY, CANCELLED = "order_confirmation", "payment_confirmation", "order_ready", \
    "order_cancel"
SUBJECTS = {
    CONFIRMATION: "Votre commande n° {number} est bien enregistrée",
    PAYMENT_RECEIVED: "Paiement reçu pour votre commande n° {number}",
    READY: "Votre commande n° {number} est prête",
    CANCELLED: "Votre commande n° {number} est annulée",
}
OTHER_PRODUCERS = "Autres producteurs"
TEMPLATES = {CONFIRMATION: "confirmation", PAYMENT_RECEIVED: "payment_received", READY: "ready",
             CANCELLED: "cancelled"}


def _hhmm(value: str) -> str:
    return (value or "").replace(":", "h")


def format_opening_hours(hours) -> list[str]:
    """[{"day": 1, "open": "16:00", "close": "19:00"}, ...] -> ["lundi : 16h00 – 19h00", ...] (ISO days)."""
    lines = []
    for slot in hours or []:
        if isinstance(slot, dict) and slot.get("day") in WEEKDAYS:
            lines.append(f"{WEEKDAYS[slot['day']]} : {_hhmm(slot.get('open'))} – {_hhmm(slot.get('close'))}")
        elif isinstance(slot, str):
            lines.append(slot)
    return lines


@dataclass(frozen=True)
class MailLine:
    name: str
    quantity: int
    unit_price: str
    total: str


def lines_by_producer(order: Order) -> list[tuple[str, list[MailLine]]]:
    """The order's lines grouped by the warehouse (one producer each) their units were allocated from.

    A line split across producers is shown per producer while its units are allocated; once released (cancelled)
    or prepared, the whole line is shown under the producer of its first allocation.
    """
    lines = list(order.lines.all())
    allocations = defaultdict(list)
    for allocation in Allocation.objects.filter(order_line__order=order).select_related("stock__warehouse") \
            .order_by("pk"):
        allocations[allocation.order_line_id].append(allocation)
    groups: dict[str, list[MailLine]] = defaultdict(list)
    for line in lines:
        rows = allocations.get(line.pk, [])
        if rows and sum(row.quantity_allocated for row in rows) == line.quantity:
            for row in rows:
                if row.quantity_allocated:
                    groups[row.stock.warehouse.name].append(_mail_line(line, row.quantity_allocated))
        elif rows:
            groups[rows[0].stock.warehouse.name].append(_mail_line(line, line.quantity))
        else:
            groups[OTHER_PRODUCERS].append(_mail_line(line, line.quantity))
    return sorted(groups.items(), key=lambda item: (item[0] == OTHER_PRODUCERS, item[0]))


def _mail_line(line, quantity: int) -> MailLine:
    name = f"{line.product_name} — {line.variant_name}" if line.variant_name else line.product_name
    return MailLine(name=name, quantity=quantity, unit_price=format_eur(line.unit_price_gross_amount),
                    total=format_eur(line.unit_price_gross_amount * quantity))


def mail_context(order: Order, *, fulfillment=None) -> dict:
    point = order.collection_point
    due = order.total_gross_amount - order.total_charged_amount
    return {
        "order": order,
        "number": order.number,
        "groups": lines_by_producer(order),
        "subtotal": format_eur(order.subtotal_gross_amount),
        "shipping": format_eur(order.shipping_price_gross_amount),
        "discount": format_eur(order.discount_amount) if order.discount_amount else "",
        "total": format_eur(order.total_gross_amount),
        "vat_lines": [{"rate": str(Decimal(v["rate"]).normalize()).replace(".", ","), "net": format_eur(v["net"]),
                       "tax": format_eur(v["tax"])} for v in order.vat_breakdown],
        "amount_due": format_eur(due) if due > 0 else "",
        "pickup_point": point,
        "pickup_address": str(point.address) if point else "",
        "pickup_hours": format_opening_hours(point.opening_hours) if point else [],
        "pickup_code": order.pickup_code,
        "shipping_method_name": order.shipping_method_name,
        "shipping_address": str(order.shipping_address) if order.shipping_address_id and not point else "",
        "fulfillment": fulfillment,
        "site_url": getattr(settings, "PUBLIC_URL", ""),
    }


def send_order_mail(*, order_id, kind: str, fulfillment_id=None) -> bool:
    """Send one mail of the order, once. Returns True when a mail left now, False when it had already been sent."""
    key = {"email_type": kind, **({"fulfillment": str(fulfillment_id)} if fulfillment_id else {})}
    with transaction.atomic():
        order = (Order.objects.select_for_update(of=("self",))
                 .select_related("collection_point__address", "shipping_address").filter(pk=order_id).first())
        if order is None or not order.user_email:
            return False
        if order.events.filter(type=OrderEventType.EMAIL_SENT, parameters__contains=key).exists():
            return False
        fulfillment = order.fulfillments.filter(pk=fulfillment_id).first() if fulfillment_id else None
        context = mail_context(order, fulfillment=fulfillment)
        name = TEMPLATES[kind]
        message = EmailMultiAlternatives(
            subject=SUBJECTS[kind].format(number=order.number),
            body=render_to_string(f"order/emails/{name}.txt", context),
            to=[order.user_email],
        )
        message.attach_alternative(render_to_string(f"order/emails/{name}.html", context), "text/html")
        message.send()
        order_event(order=order, type=OrderEventType.EMAIL_SENT, email=order.user_email, **key)
    return True
