"""Handing parcels over at a pickup point: the customer's code finds the order, staff hand over all or some parcels,
pay-at-pickup orders are cashed (cash or card terminal, through the order services), and the order is fulfilled."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from backend.commerce.order.fulfillment import FulfillLineInput, order_fulfill
from backend.commerce.order.models import Allocation, Order, OrderStatus
from backend.commerce.order.selectors import normalize_pickup_code, open_order_by_pickup_code
from backend.commerce.order.services import order_mark_as_paid
from backend.core.events import enqueue
from logistics.error_codes import LogisticsErrorCode, logistics_error
from logistics.models import Parcel

PAYMENT_METHODS = {"cash": "Espèces", "card": "Carte bancaire (terminal)"}


@dataclass(frozen=True)
class HandoverResult:
    order: Order
    parcels: list
    paid_now: bool
    complete: bool


def order_for_code(code: str) -> Order:
    """The order a customer's code opens; wrong and already-used codes are refused in French."""
    order = open_order_by_pickup_code(code)
    normalized = normalize_pickup_code(code)
    if order is None:
        raise logistics_error("code", f"Aucune commande à retirer avec le code « {normalized or code} » : "
                              "vérifiez le code avec le client.", LogisticsErrorCode.WRONG_CODE)
    parcels = list(Parcel.objects.filter(order=order))
    everything_given = (order.status == OrderStatus.FULFILLED and
                        (not parcels or all(p.handed_over_at for p in parcels)))
    if everything_given:
        raise logistics_error("code", f"Ce code a déjà servi : la commande n° {order.number} a été remise.",
                              LogisticsErrorCode.CODE_ALREADY_USED)
    return order


def amount_due(order: Order):
    return max(order.total_gross_amount - order.total_charged_amount, 0)


def _lines_to_fulfil(order: Order, warehouse_ids: set | None) -> list[FulfillLineInput]:
    lines = []
    allocations = (Allocation.objects.filter(order_line__order=order, quantity_allocated__gt=0)
                   .select_related("stock", "order_line").order_by("pk"))
    for allocation in allocations:
        if warehouse_ids is not None and allocation.stock.warehouse_id not in warehouse_ids:
            continue
        quantity = min(allocation.quantity_allocated, allocation.order_line.quantity_unfulfilled)
        if quantity:
            lines.append(FulfillLineInput(allocation.order_line_id, allocation.stock.warehouse_id, quantity))
    return lines


def fulfil_parcels(*, order: Order, parcels: list, user, payment_method: str = "", whole_order: bool) -> bool:
    """Cash what is still due (cash or card terminal), then fulfil the lines of these parcels' producers (or all
    lines). Returns True when a payment was recorded now. Runs inside the caller's transaction."""
    paid_now = False
    if amount_due(order) > 0:
        if payment_method not in PAYMENT_METHODS:
            raise logistics_error("payment_method", "Commande à payer à la remise : indiquez le moyen de paiement "
                                  "(espèces ou carte).", LogisticsErrorCode.REQUIRED)
        order_mark_as_paid(order_id=order.pk, user=user, transaction_reference=f"{payment_method}-{order.number}")
        paid_now = True
    lines = _lines_to_fulfil(order, None if whole_order else {p.warehouse_id for p in parcels})
    if lines:
        order_fulfill(order_id=order.pk, lines=lines, user=user, notify_customer=False)
    return paid_now


def order_handover(*, code: str, user, parcel_ids=None, payment_method: str = "") -> HandoverResult:
    with transaction.atomic():
        order = order_for_code(code)
        order = Order.objects.select_for_update(of=("self",)).get(pk=order.pk)
        parcels = list(Parcel.objects.select_for_update().filter(order=order, handed_over_at__isnull=True))
        if parcel_ids:
            wanted = {str(p) for p in parcel_ids}
            chosen = [p for p in parcels if str(p.pk) in wanted]
            if len(chosen) != len(wanted):
                raise logistics_error("parcels", "Un des colis choisis n'appartient pas à cette commande ou a déjà "
                                      "été remis.", LogisticsErrorCode.INVALID)
        else:
            chosen = parcels
        paid_now = fulfil_parcels(order=order, parcels=chosen, user=user, payment_method=payment_method,
                                  whole_order=not parcel_ids)
        now = timezone.now()
        Parcel.objects.filter(pk__in=[p.pk for p in chosen]).update(handed_over_at=now,
                                                                      status=Parcel.Status.DELIVERED)
        order.refresh_from_db()
        from logistics.tasks import send_handover_mail

        enqueue(send_handover_mail, str(order.pk), [str(p.pk) for p in chosen])
    complete = not Parcel.objects.filter(order=order, handed_over_at__isnull=True).exists()
    return HandoverResult(order, chosen, paid_now, complete)
