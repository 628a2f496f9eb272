"""Stripe PaymentIntents behind transactionInitialize, transactionProcess and transactionRequestAction.

One PaymentIntent per checkout (or order): a retry first looks for the open PaymentIntent already handed to an
earlier transaction of the same checkout and answers it again (localstripe ignores idempotency keys, and a client
may retry without one); a new PaymentIntent is created with a deterministic idempotency key, so that real Stripe
also answers the same object to a retry that raced us.
"""

import hashlib
import logging
from decimal import Decimal

import stripe
from django.db.models import Q

from backend.commerce.payment.gateways import TransactionSessionResult
from backend.commerce.payment.models import TransactionEvent, TransactionItem
from plugins.stripe.client import (
    GATEWAY_ID,
    error_message,
    field,
    from_cents,
    payment_intent_amounts,
    stripe_client,
    to_cents,
)

logger = logging.getLogger(__name__)

OPEN_STATUSES = ("requires_payment_method", "requires_confirmation", "requires_action")
PAYMENT_METHODS = ("card", "sepa_debit", "bancontact", "ideal", "paypal", "link")
SUCCESS = ("CHARGE_SUCCESS", "AUTHORIZATION_SUCCESS")


def _is_checkout(source) -> bool:
    from backend.commerce.checkout.models import Checkout

    return isinstance(source, Checkout)


def _source_filter(source) -> Q:
    return Q(checkout_id=source.pk) if _is_checkout(source) else Q(order_id=source.pk)


def _kind(action: str) -> str:
    return "AUTHORIZATION" if action == "AUTHORIZATION" else "CHARGE"


def _client_data(intent) -> dict:
    return {"paymentIntent": {"stripeClientSecret": field(intent, "client_secret", "")}}


def _failure(kind: str, amount: Decimal, error: stripe.StripeError) -> TransactionSessionResult:
    # No PSP reference: the same transaction may fail again later and each failure stays in the history.
    logger.warning("Stripe error (%s): %s", type(error).__name__, error)
    message = error_message(error)
    return TransactionSessionResult(result=f"{kind}_FAILURE", amount=amount, message=message,
                                    data={"errors": [{"code": type(error).__name__, "message": message}]})


def _known_intents(source, exclude_pk) -> list[str]:
    """PaymentIntents already given to transactions of this checkout or order, newest first, without repeats."""
    refs = (TransactionItem.objects.filter(_source_filter(source), app_identifier=GATEWAY_ID,
                                           psp_reference__startswith="pi_")
            .exclude(pk=exclude_pk).order_by("-created_at").values_list("psp_reference", flat=True))
    return list(dict.fromkeys(refs))


def _idempotency_key(source, cents: int, capture_method: str, attempt: int) -> str:
    raw = f"{type(source).__name__}:{source.pk}:{cents}:eur:{capture_method}:{attempt}"
    return "comptoir-pi-" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def _reusable(client, refs: list[str], cents: int, capture_method: str):
    """The newest PaymentIntent of the source still waiting for the customer, brought to the right amount."""
    for ref in refs[:1]:  # older ones were already superseded by the newest
        intent = client.v1.payment_intents.retrieve(ref)
        if field(intent, "status") not in OPEN_STATUSES or field(intent, "capture_method") != capture_method:
            return None
        if int(field(intent, "amount", 0)) != cents:  # the cart changed: the same intent, the new amount
            intent = client.v1.payment_intents.update(ref, {"amount": cents})
        return intent
    return None


def payment_intent_session(*, transaction: TransactionItem, source, amount: Decimal, action: str,
                           data: dict | None) -> TransactionSessionResult:
    kind = _kind(action)
    capture_method = "manual" if kind == "AUTHORIZATION" else "automatic"
    cents = to_cents(amount)
    wanted = field(field(data, "paymentIntent", {}), "paymentMethod", "card") if isinstance(data, dict) else "card"
    if wanted not in PAYMENT_METHODS:
        return TransactionSessionResult(result=f"{kind}_FAILURE", amount=amount,
                                        message=f"Moyen de paiement Stripe inconnu : {str(wanted)[:60]}.")
    client = stripe_client()
    refs = _known_intents(source, transaction.pk)
    try:
        intent = _reusable(client, refs, cents, capture_method)
        if intent is None:
            intent = client.v1.payment_intents.create(
                {"amount": cents, "currency": "eur", "capture_method": capture_method,
                 "payment_method_types": [wanted],
                 "metadata": {"checkout_token" if _is_checkout(source) else "order_id": str(source.pk),
                              "transaction": str(transaction.pk), "channel": source.channel.slug}},
                {"idempotency_key": _idempotency_key(source, cents, capture_method, len(refs))})
    except stripe.StripeError as error:
        return _failure(kind, amount, error)
    return TransactionSessionResult(result=f"{kind}_ACTION_REQUIRED", amount=amount, psp_reference=intent.id,
                                    data=_client_data(intent), actions=("CANCEL",))


def success_holder(psp_reference: str) -> TransactionItem | None:
    """The transaction that already recorded the success of this PaymentIntent, if any (it is recorded once)."""
    event = (TransactionEvent.objects.filter(psp_reference=psp_reference, type__in=SUCCESS,
                                             transaction__app_identifier=GATEWAY_ID)
             .select_related("transaction").order_by("created_at", "pk").first())
    return event.transaction if event else None


def result_from_intent(intent, *, message: str = "") -> TransactionSessionResult:
    """The event a PaymentIntent's state stands for, on its own transaction."""
    status = field(intent, "status")
    manual = field(intent, "capture_method") == "manual"
    kind = "AUTHORIZATION" if manual else "CHARGE"
    amount = from_cents(field(intent, "amount", 0))
    received, capturable = payment_intent_amounts(intent)
    ref = intent["id"]
    if status == "succeeded":
        return TransactionSessionResult(result="CHARGE_SUCCESS", amount=received, psp_reference=ref,
                                        actions=("REFUND",), message=message)
    if status == "requires_capture":
        return TransactionSessionResult(result="AUTHORIZATION_SUCCESS", amount=capturable, psp_reference=ref,
                                        actions=("CHARGE", "CANCEL"), message=message)
    if status == "processing":
        return TransactionSessionResult(result=f"{kind}_REQUEST", amount=amount, psp_reference=ref,
                                        actions=("CANCEL",), message="Paiement en cours de traitement.")
    if status == "canceled":
        return TransactionSessionResult(result=f"{kind}_FAILURE", amount=amount, psp_reference=ref, actions=(),
                                        message="Le paiement a été annulé.")
    error = field(intent, "last_payment_error")
    if status == "requires_payment_method" and error:
        return TransactionSessionResult(result=f"{kind}_FAILURE", amount=amount, psp_reference=ref,
                                        actions=("CANCEL",), data=_client_data(intent),
                                        message="Paiement refusé : " + str(field(error, "message", ""))[:400])
    return TransactionSessionResult(result=f"{kind}_ACTION_REQUIRED", amount=amount, psp_reference=ref,
                                    actions=("CANCEL",), data=_client_data(intent),
                                    message="Le paiement attend la confirmation du client.")


def payment_intent_process(*, transaction: TransactionItem) -> TransactionSessionResult:
    ref = transaction.psp_reference
    if not ref.startswith("pi_"):
        return TransactionSessionResult(result="CHARGE_FAILURE", amount=Decimal("0.00"),
                                        message="Cette transaction n'a pas de paiement Stripe à confirmer.")
    holder = success_holder(ref)
    if holder is not None and holder.pk != transaction.pk:
        # A retry handed the same PaymentIntent to several transactions: only one of them holds the money.
        return TransactionSessionResult(result="INFO", amount=Decimal("0.00"), psp_reference=ref,
                                        message=f"Paiement déjà enregistré sur la transaction {holder.pk}.")
    try:
        intent = stripe_client().v1.payment_intents.retrieve(ref)
    except stripe.StripeError as error:
        return _failure("CHARGE", Decimal("0.00"), error)
    return result_from_intent(intent)


def payment_intent_action(*, transaction: TransactionItem, action: str, amount: Decimal) -> TransactionSessionResult:
    """Staff CHARGE (capture an authorization), REFUND (a Stripe Refund) or CANCEL (cancel the PaymentIntent)."""
    ref = transaction.psp_reference
    client = stripe_client()
    cents = to_cents(amount)
    try:
        if action == "CHARGE":
            intent = client.v1.payment_intents.capture(ref, {"amount_to_capture": cents})
            return TransactionSessionResult(result="CHARGE_SUCCESS", amount=amount, psp_reference=intent["id"],
                                            actions=("REFUND",))
        if action == "REFUND":
            refund = client.v1.refunds.create({"payment_intent": ref, "amount": cents,
                                               "metadata": {"transaction": str(transaction.pk)}})
            left = transaction.charged_value - amount
            return TransactionSessionResult(result="REFUND_SUCCESS", amount=from_cents(field(refund, "amount", cents)),
                                            psp_reference=refund["id"], actions=("REFUND",) if left > 0 else ())
        intent = client.v1.payment_intents.cancel(ref)
        return TransactionSessionResult(result="CANCEL_SUCCESS", amount=amount, psp_reference=intent["id"],
                                        actions=())
    except stripe.StripeError as error:
        return _failure(action, amount, error)
