"""The payment gateway contract: what the core asks gateway plugins (through the hooks in core/plugins/hooks.py) and
the services behind paymentGatewayInitialize, transactionInitialize, transactionProcess, transactionRequestAction.

A gateway plugin (plugins/stripe, plugins/dummy) answers only for its own gateway id and passes `previous_value` on
otherwise. The core creates the TransactionItem, calls the gateway, and records the event it reports, once.
"""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from backend.commerce.payment.error_codes import (
    PaymentGatewayInitializeErrorCode,
    TransactionInitializeErrorCode,
    TransactionProcessErrorCode,
    TransactionRequestActionErrorCode,
)
from backend.commerce.payment.models import TransactionAction, TransactionEvent, TransactionItem
from backend.commerce.payment.services import as_uuid, transaction_create, transaction_event_record
from backend.core.money import quantize
from backend.core.plugins import get_plugin_manager

SUCCESS_TYPES = ("CHARGE_SUCCESS", "AUTHORIZATION_SUCCESS")


@dataclass(frozen=True)
class PaymentGatewayInfo:
    id: str
    name: str
    currencies: tuple[str, ...] = ("EUR",)
    config: tuple[tuple[str, str], ...] = ()  # Saleor's GatewayConfigLine(field, value), public values only


@dataclass(frozen=True)
class GatewayConfigResult:
    id: str
    data: dict | None = None
    errors: tuple[dict, ...] = ()  # [{"field", "message", "code"}] as PaymentGatewayConfigError


@dataclass(frozen=True)
class TransactionSessionResult:
    """What a gateway reports: the event type (TransactionEventTypeEnum), its amount, and data for the client."""

    result: str
    amount: Decimal
    psp_reference: str = ""
    message: str = ""
    data: dict | None = None
    actions: tuple[str, ...] | None = None
    external_url: str = ""


@dataclass(frozen=True)
class SessionOutcome:
    transaction: TransactionItem
    event: TransactionEvent | None
    data: dict | None = field(default=None)


def _error(field_name, message, code) -> ValidationError:
    return ValidationError({field_name: ValidationError(message, code=code.value)})


def _source_kwargs(source) -> dict:
    from backend.commerce.checkout.models import Checkout

    return {"checkout": source, "order": None} if isinstance(source, Checkout) else {"checkout": None, "order": source}


def payment_gateways_for(*, channel, checkout=None, order=None) -> list[PaymentGatewayInfo]:
    return list(get_plugin_manager().filter("payment_gateways", [], channel=channel, checkout=checkout, order=order))


def payment_gateway_initialize(*, source, gateways: list[tuple[str, dict | None]],
                               amount: Decimal | None = None) -> list[GatewayConfigResult]:
    """Ask each requested gateway for its client configuration (e.g. Stripe's publishable key)."""
    offered = {g.id for g in payment_gateways_for(channel=source.channel, **_source_kwargs(source))}
    manager = get_plugin_manager()
    results = []
    for gateway_id, data in gateways:
        if gateway_id not in offered:
            results.append(GatewayConfigResult(id=gateway_id, errors=({
                "field": "id", "message": "Ce moyen de paiement n'est pas proposé ici.",
                "code": PaymentGatewayInitializeErrorCode.NOT_FOUND.value},)))
            continue
        answers = manager.filter("payment_gateway_initialize", {}, gateway_id=gateway_id, data=data,
                                 source=source, amount=amount)
        results.append(answers.get(gateway_id) or GatewayConfigResult(id=gateway_id))
    return results


def _amount_due(source) -> Decimal:
    from backend.commerce.checkout.models import Checkout
    from backend.commerce.checkout.pricing import checkout_totals

    total = checkout_totals(source).total.gross.amount if isinstance(source, Checkout) else source.total_gross_amount
    covered = sum((t.charged_value + t.authorized_value for t in source.transactions.all()), Decimal("0"))
    return max(total - covered, Decimal("0.00"))


def transaction_initialize(*, source, gateway_id: str, data: dict | None = None, amount: Decimal | None = None,
                           action: str = "CHARGE", idempotency_key: str | None = None,
                           customer_ip_address: str | None = None, user=None) -> SessionOutcome:
    """Create (or, for the same idempotency key, find again) a transaction and start the gateway's session."""
    offered = {g.id: g for g in payment_gateways_for(channel=source.channel, **_source_kwargs(source))}
    if gateway_id not in offered:
        raise _error("payment_gateway", "Ce moyen de paiement n'est pas proposé ici.",
                     TransactionInitializeErrorCode.NOT_FOUND)
    amount = quantize(Decimal(amount)) if amount is not None else _amount_due(source)
    if amount <= 0:
        raise _error("amount", "Il n'y a rien à payer.", TransactionInitializeErrorCode.INVALID)
    key = idempotency_key or uuid.uuid4().hex
    with transaction.atomic():
        item, created = transaction_create(**_source_kwargs(source), name=offered[gateway_id].name,
                                           app_identifier=gateway_id, idempotency_key=key,
                                           currency=getattr(source, "currency", "EUR"), user=user)
        if not created:  # a retry with the same key: answer what the first call got
            return SessionOutcome(transaction=item, event=item.events.order_by("-created_at", "-pk").first())
        result = get_plugin_manager().filter(
            "transaction_initialize", None, gateway_id=gateway_id, transaction=item, source=source, amount=amount,
            action=action, data=data, idempotency_key=key, customer_ip_address=customer_ip_address)
        return _record(item, result, failure="CHARGE_FAILURE" if action == "CHARGE" else "AUTHORIZATION_FAILURE",
                       amount=amount)


def transaction_process(*, transaction_token, data: dict | None = None,
                        customer_ip_address: str | None = None) -> SessionOutcome:
    """Continue a session after the client's confirmation. Idempotent: a processed transaction answers its event."""
    token = as_uuid(transaction_token)
    item = TransactionItem.objects.filter(pk=token).first() if token else None
    if item is None:
        raise _error("id", "Cette transaction n'existe pas.", TransactionProcessErrorCode.NOT_FOUND)
    if not item.app_identifier:
        raise _error("id", "Cette transaction n'a pas de passerelle.",
                     TransactionProcessErrorCode.MISSING_PAYMENT_APP_RELATION)
    done = item.events.filter(type__in=SUCCESS_TYPES).order_by("created_at", "pk").first()
    if done is not None:
        return SessionOutcome(transaction=item, event=done)
    source = item.checkout or item.order
    result = get_plugin_manager().filter("transaction_process", None, gateway_id=item.app_identifier,
                                         transaction=item, source=source, data=data,
                                         customer_ip_address=customer_ip_address)
    if result is None:
        raise _error("id", "La passerelle de paiement ne répond pas.", TransactionProcessErrorCode.MISSING_PAYMENT_APP)
    return _record(item, result, failure="CHARGE_FAILURE", amount=result.amount)


def transaction_request_action(*, transaction_token, action: str, amount: Decimal | None = None,
                               user=None, reason: str = "") -> SessionOutcome:
    """Staff asks the gateway to CHARGE, REFUND or CANCEL; the request is kept in the history, pending its answer.

    A refund's reason is the message of its REFUND_REQUEST event (`TransactionItem.reason` reads it back)."""
    with transaction.atomic():
        token = as_uuid(transaction_token)
        item = TransactionItem.objects.select_for_update().filter(pk=token).first() if token else None
        if item is None:
            raise _error("id", "Cette transaction n'existe pas.", TransactionRequestActionErrorCode.NOT_FOUND)
        if action not in item.available_actions:
            raise _error("action_type", "Cette action n'est pas possible sur cette transaction.",
                         TransactionRequestActionErrorCode.INVALID)
        default = {TransactionAction.CHARGE: item.authorized_value, TransactionAction.REFUND: item.charged_value,
                   TransactionAction.CANCEL: item.authorized_value}[action]
        amount = quantize(Decimal(amount)) if amount is not None else default
        if amount <= 0 or amount > default:
            raise _error("amount", "Montant impossible pour cette action.", TransactionRequestActionErrorCode.INVALID)
        transaction_event_record(transaction_token=item.pk, type=f"{action}_REQUEST", amount=amount, user=user,
                                 idempotency_key=uuid.uuid4().hex,
                                 message=(reason or "") if action == TransactionAction.REFUND else "")
        result = get_plugin_manager().filter("transaction_action_request", None, gateway_id=item.app_identifier,
                                             transaction=item, action=action, amount=amount, user=user)
        if result is None:
            raise _error("id", "Aucune passerelle ne traite cette demande.",
                         TransactionRequestActionErrorCode.MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK)
        return _record(item, result, failure=f"{action}_FAILURE", amount=amount)


def _record(item: TransactionItem, result: TransactionSessionResult | None, *, failure: str,
            amount: Decimal) -> SessionOutcome:
    if result is None:  # no plugin answered for this gateway
        event, _ = transaction_event_record(transaction_token=item.pk, type=failure, amount=amount,
                                            message="La passerelle de paiement n'a pas répondu.",
                                            idempotency_key=uuid.uuid4().hex)
        return SessionOutcome(transaction=item, event=event)
    event, _ = transaction_event_record(
        transaction_token=item.pk, type=result.result, amount=result.amount, psp_reference=result.psp_reference,
        message=result.message, external_url=result.external_url, available_actions=result.actions)
    item.refresh_from_db()
    return SessionOutcome(transaction=item, event=event, data=result.data)
