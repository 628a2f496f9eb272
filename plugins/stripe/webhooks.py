"""Stripe webhook events applied to our transactions, each exactly once.

Stripe delivers at least once, in any order. Each event id is stored in the same database transaction as its
effect, so a replay changes nothing; the payment services then ignore an event already recorded for the same
transaction, PSP reference and type (the same success seen by transactionProcess and by the webhook counts once),
and a failure arriving after a success is not applied (the money was taken: the success stands).
"""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from backend.commerce.payment.models import TransactionItem
from backend.commerce.payment.services import as_uuid, transaction_event_record
from plugins.stripe.client import GATEWAY_ID, field, from_cents, payment_intent_amounts, to_cents
from plugins.stripe.models import StripeWebhookEvent
from plugins.stripe.sessions import result_from_intent, success_holder

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebhookOutcome:
    applied: bool
    message: str


def _transaction_for(intent_id: str, metadata) -> TransactionItem | None:
    """The transaction a PaymentIntent belongs to: the one holding its success, else the newest one given it."""
    holder = success_holder(intent_id)
    if holder is not None:
        return holder
    item = (TransactionItem.objects.filter(app_identifier=GATEWAY_ID, psp_reference=intent_id)
            .order_by("-created_at", "-pk").first())
    if item is None:  # created at Stripe but our first event was never recorded (crash between the two)
        token = as_uuid(field(metadata, "transaction", ""))
        item = TransactionItem.objects.filter(pk=token, app_identifier=GATEWAY_ID).first() if token else None
    return item


def _record(item: TransactionItem, *, type: str, amount: Decimal, psp_reference: str, message: str = "",
            actions=None) -> str:
    if item.events.filter(type=type, psp_reference=psp_reference).exists():
        return f"déjà enregistré : {type} {psp_reference}"
    transaction_event_record(transaction_token=item.pk, type=type, amount=amount, psp_reference=psp_reference,
                             message=message, available_actions=actions, app_identifier=GATEWAY_ID)
    return f"enregistré : {type} {amount} € sur la transaction {item.pk}"


def _on_payment_intent(event_type: str, intent) -> str:
    intent_id = str(field(intent, "id", ""))
    item = _transaction_for(intent_id, field(intent, "metadata")) if intent_id.startswith("pi_") else None
    if item is None:
        return f"ignoré : PaymentIntent inconnu {intent_id[:60] or '(sans identifiant)'}"
    if event_type == "payment_intent.canceled":
        if item.authorized_value > 0:
            return _record(item, type="CANCEL_SUCCESS", amount=item.authorized_value, psp_reference=intent_id,
                           message="Autorisation annulée chez Stripe.", actions=())
        event_type = "payment_intent.payment_failed"
    result = result_from_intent(intent)
    if event_type == "payment_intent.payment_failed" or result.result.endswith("_FAILURE"):
        if success_holder(intent_id) is not None:
            return "ignoré : échec reçu après un paiement réussi (le paiement reste acquis)"
        kind = "AUTHORIZATION" if field(intent, "capture_method") == "manual" else "CHARGE"
        error = field(intent, "last_payment_error")
        message = "Paiement refusé : " + str(field(error, "message", "")) if error else "Le paiement a été annulé."
        return _record(item, type=f"{kind}_FAILURE", amount=from_cents(field(intent, "amount", 0)),
                       psp_reference=intent_id, message=message[:500], actions=("CANCEL",))
    if event_type == "payment_intent.amount_capturable_updated":
        _received, capturable = payment_intent_amounts(intent)
        if capturable <= 0:
            return "ignoré : rien à encaisser"
        return _record(item, type="AUTHORIZATION_SUCCESS", amount=capturable, psp_reference=intent_id,
                       actions=("CHARGE", "CANCEL"))
    if result.result not in ("CHARGE_SUCCESS", "AUTHORIZATION_SUCCESS"):
        return f"ignoré : le PaymentIntent est encore {field(intent, 'status', '?')}"
    return _record(item, type=result.result, amount=result.amount, psp_reference=intent_id, actions=result.actions)


def _on_charge_refunded(charge) -> str:
    intent_id = str(field(charge, "payment_intent", ""))
    item = _transaction_for(intent_id, field(charge, "metadata")) if intent_id.startswith("pi_") else None
    if item is None:
        return f"ignoré : PaymentIntent inconnu {intent_id[:60] or '(sans identifiant)'}"
    refunds = field(field(charge, "refunds"), "data")
    if refunds:
        outcomes = [_record(item, type="REFUND_SUCCESS", amount=from_cents(field(refund, "amount", 0)),
                            psp_reference=str(refund["id"]), actions=("REFUND",))
                    for refund in refunds if field(refund, "status", "succeeded") == "succeeded"]
        return " ; ".join(outcomes) or "ignoré : aucun remboursement abouti"
    # Recent API versions no longer embed the refunds: record what Stripe refunded beyond what we know.
    total = from_cents(field(charge, "amount_refunded", 0))
    known = item.events.filter(type="REFUND_SUCCESS").aggregate(s=Sum("amount_value"))["s"] or Decimal("0.00")
    if total <= known:
        return "déjà enregistré : remboursements connus"
    return _record(item, type="REFUND_SUCCESS", amount=total - known,
                   psp_reference=f"{field(charge, 'id', '')}:refunded:{to_cents(total)}", actions=("REFUND",))


HANDLED = ("payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled",
           "payment_intent.amount_capturable_updated", "payment_intent.processing", "charge.refunded")


def stripe_event_apply(*, event) -> WebhookOutcome:
    """Apply a verified Stripe event once; a replay of the same event id answers `applied=False` and changes nothing."""
    event_id, event_type = str(event["id"]), str(event["type"])
    obj = event["data"]["object"]
    with transaction.atomic():
        stored, created = StripeWebhookEvent.objects.get_or_create(event_id=event_id[:255],
                                                                   defaults={"type": event_type[:255]})
        if not created:
            return WebhookOutcome(applied=False, message="déjà traité")
        if event_type == "charge.refunded":
            message = _on_charge_refunded(obj)
        elif event_type in HANDLED:
            message = _on_payment_intent(event_type, obj)
        else:
            message = "ignoré : type d'évènement non traité"
        stored.outcome = message[:512]
        stored.save(update_fields=["outcome"])
    logger.info("Stripe %s %s: %s", event_type, event_id, message)
    return WebhookOutcome(applied=True, message=message)
