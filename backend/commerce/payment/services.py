"""Transactions: create them, record their events once, and keep the checkout's or order's payment status true.

Replays are the normal case (webhooks are retried, clients retry transactionProcess): an event already recorded
for the same transaction, PSP reference and type is found and returned, and nothing changes a second time. A late
failure after a success adds a failure line to the history but never takes back the success's amount.
"""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from backend.commerce.payment.error_codes import TransactionEventReportErrorCode
from backend.commerce.payment.models import TransactionEvent, TransactionEventType, TransactionItem
from backend.commerce.payment.status import amounts_of, authorize_status, charge_status
from backend.core.money import quantize
from backend.core.plugins import get_plugin_manager

T = TransactionEventType
ZERO = Decimal("0.00")
REQUEST_RESOLUTIONS = {
    T.AUTHORIZATION_REQUEST: (T.AUTHORIZATION_SUCCESS, T.AUTHORIZATION_FAILURE),
    T.CHARGE_REQUEST: (T.CHARGE_SUCCESS, T.CHARGE_FAILURE),
    T.REFUND_REQUEST: (T.REFUND_SUCCESS, T.REFUND_FAILURE),
    T.CANCEL_REQUEST: (T.CANCEL_SUCCESS, T.CANCEL_FAILURE),
}
PENDING_FIELD = {T.AUTHORIZATION_REQUEST: "authorize_pending_value", T.CHARGE_REQUEST: "charge_pending_value",
                 T.REFUND_REQUEST: "refund_pending_value", T.CANCEL_REQUEST: "cancel_pending_value"}


def as_uuid(value) -> uuid.UUID | None:
    """A token as a UUID, or None when it is not one (then it matches nothing, and says NOT_FOUND)."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def transaction_create(*, checkout=None, order=None, name: str = "", app_identifier: str = "",
                       psp_reference: str = "", available_actions=(), currency: str = "EUR",
                       idempotency_key: str | None = None, user=None, message: str = "",
                       external_url: str = "") -> tuple[TransactionItem, bool]:
    """A new transaction on a checkout or an order; with an idempotency key, a retry returns the first one."""
    if (checkout is None) == (order is None):
        raise ValueError("a transaction belongs to exactly one checkout or one order")
    if idempotency_key:
        existing = TransactionItem.objects.filter(app_identifier=app_identifier,
                                                  idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    values = {"checkout": checkout, "order": order, "name": name, "app_identifier": app_identifier,
              "psp_reference": psp_reference, "available_actions": list(available_actions), "currency": currency,
              "idempotency_key": idempotency_key or None, "user": user if getattr(user, "pk", None) else None,
              "message": message[:512], "external_url": external_url}
    try:
        with transaction.atomic():
            return TransactionItem.objects.create(**values), True
    except IntegrityError:  # a concurrent retry with the same key won the race
        return TransactionItem.objects.get(app_identifier=app_identifier, idempotency_key=idempotency_key), False


def _recalculate(item: TransactionItem) -> None:
    """Amounts of the transaction from its whole event history (order-independent, so replays are harmless)."""
    totals = {t: ZERO for t in T.values}
    resolved_refs = {t: set() for t in T.values}
    requests = []
    adjustment = None
    events = list(item.events.filter(include_in_calculations=True).order_by("created_at", "pk"))
    for event in events:
        totals[event.type] += event.amount_value
        resolved_refs[event.type].add(event.psp_reference)
        if event.type in REQUEST_RESOLUTIONS:
            requests.append(event)
        if event.type == T.AUTHORIZATION_ADJUSTMENT:
            adjustment = event.amount_value
    authorized_total = adjustment if adjustment is not None else totals[T.AUTHORIZATION_SUCCESS]
    charged = totals[T.CHARGE_SUCCESS] - totals[T.CHARGE_BACK] - totals[T.REFUND_SUCCESS] + totals[T.REFUND_REVERSE]
    item.refunded_value = totals[T.REFUND_SUCCESS] - totals[T.REFUND_REVERSE]
    item.canceled_value = totals[T.CANCEL_SUCCESS]
    # Charging an authorization consumes it; cancelling releases the rest.
    item.authorized_value = max(authorized_total - totals[T.CHARGE_SUCCESS] - totals[T.CANCEL_SUCCESS], ZERO) \
        if authorized_total > 0 else ZERO
    item.charged_value = max(charged, ZERO)
    for field in PENDING_FIELD.values():
        setattr(item, field, ZERO)
    for request in _open_requests(requests, resolved_refs, events):
        field = PENDING_FIELD[request.type]
        setattr(item, field, getattr(item, field) + request.amount_value)


def _open_requests(requests, resolved_refs, events) -> list:
    """Requests still waiting for the gateway's answer. A request with a PSP reference is answered by an event of
    the same reference; one without (sent before the gateway gave a reference) by the next answer of its kind."""
    answers = {}
    for kind, (success, failure) in REQUEST_RESOLUTIONS.items():
        answers[kind] = [(e.created_at, e.pk) for e in events if e.type in (success, failure)]
    still_open = []
    for request in requests:
        success, failure = REQUEST_RESOLUTIONS[request.type]
        if request.psp_reference:
            if request.psp_reference not in resolved_refs[success] | resolved_refs[failure]:
                still_open.append(request)
            continue
        later = [a for a in answers[request.type] if (a[0], a[1]) > (request.created_at, request.pk)]
        if later:
            answers[request.type].remove(min(later))
        else:
            still_open.append(request)
    return still_open


def transaction_event_record(*, transaction_token, type: str, amount: Decimal, psp_reference: str = "",
                             message: str = "", external_url: str = "", idempotency_key: str | None = None,
                             available_actions=None, user=None, app_identifier: str = "",
                             ) -> tuple[TransactionEvent, bool]:
    """Record one event of a transaction, exactly once. Returns (event, created); a replay returns the first event.

    A replay with a different amount is refused (INCORRECT_DETAILS): the gateway and we disagree, a human looks.
    """
    if type not in T.values:
        raise ValidationError({"type": ValidationError("Type d'évènement inconnu.",
                                                       code=TransactionEventReportErrorCode.INVALID.value)})
    amount = quantize(Decimal(amount))
    if amount < 0:
        raise ValidationError({"amount": ValidationError("Le montant ne peut pas être négatif.",
                                                         code=TransactionEventReportErrorCode.INVALID.value)})
    with transaction.atomic():
        token = as_uuid(transaction_token)
        item = TransactionItem.objects.select_for_update().filter(pk=token).first() if token else None
        if item is None:
            raise ValidationError({"id": ValidationError("Cette transaction n'existe pas.",
                                                         code=TransactionEventReportErrorCode.NOT_FOUND.value)})
        duplicate = _find_duplicate(item, type=type, psp_reference=psp_reference, idempotency_key=idempotency_key)
        if duplicate is not None:
            if duplicate.amount_value != amount:
                raise ValidationError({"amount": ValidationError(
                    "Cet évènement est déjà enregistré avec un autre montant.",
                    code=TransactionEventReportErrorCode.INCORRECT_DETAILS.value)})
            return duplicate, False
        event = TransactionEvent.objects.create(
            transaction=item, type=type, amount_value=amount, currency=item.currency, psp_reference=psp_reference,
            message=message[:512], external_url=external_url, idempotency_key=idempotency_key or None,
            app_identifier=app_identifier or item.app_identifier, user=user if getattr(user, "pk", None) else None,
        )
        if available_actions is not None:
            item.available_actions = list(available_actions)
        if psp_reference and not item.psp_reference:
            item.psp_reference = psp_reference
        if message:
            item.message = message[:512]
        _recalculate(item)
        item.save()
        _update_source_statuses(item, event)
        get_plugin_manager().notify("transaction_event", transaction=item, event=event)
    return event, True


def _find_duplicate(item, *, type, psp_reference, idempotency_key):
    query = Q(pk__in=[])
    if psp_reference:
        query |= Q(type=type, psp_reference=psp_reference)
    if idempotency_key:
        query |= Q(idempotency_key=idempotency_key)
    return item.events.filter(query).first()


def _update_source_statuses(item: TransactionItem, event: TransactionEvent) -> None:
    if item.order_id:
        from backend.commerce.order.payments import order_payment_statuses_update

        order_payment_statuses_update(order_id=item.order_id, event=event)
    elif item.checkout_id:
        checkout_payment_statuses_update(checkout_id=item.checkout_id)


def checkout_payment_statuses_update(*, checkout_id) -> None:
    """Recompute a cart's authorize/charge status from its transactions and its current total."""
    from backend.commerce.checkout.models import Checkout
    from backend.commerce.checkout.pricing import checkout_totals
    from backend.commerce.checkout.selectors import checkout_lines_info

    checkout = Checkout.objects.select_related("channel", "assigned_delivery", "voucher").filter(pk=checkout_id).first()
    if checkout is None:
        return
    lines_info = checkout_lines_info(checkout)
    total = checkout_totals(checkout, lines_info).total.gross.amount
    amounts = amounts_of(TransactionItem.objects.filter(checkout_id=checkout_id))
    checkout.charge_status = charge_status(total=total, charged=amounts.charged, has_lines=bool(lines_info))
    checkout.authorize_status = authorize_status(total=total, authorized=amounts.authorized, charged=amounts.charged,
                                                 has_lines=bool(lines_info))
    checkout.save(update_fields=["charge_status", "authorize_status", "updated_at"])
