"""The official Stripe client, configured from the settings (STRIPE_*), and the conversions between euros and cents."""

from decimal import Decimal

import stripe
from django.conf import settings

GATEWAY_ID = "saleor.app.payment.stripe"
GATEWAY_NAME = "Carte bancaire (Stripe)"
UNREACHABLE = "Le service de paiement par carte ne répond pas. Rien n'a été débité : réessayez dans quelques minutes."


def stripe_configured() -> bool:
    return bool(getattr(settings, "STRIPE_SECRET_KEY", "") and getattr(settings, "STRIPE_PUBLISHABLE_KEY", ""))


def stripe_client() -> stripe.StripeClient:
    """A client per call: the settings may change in tests, and a client is cheap (no connection kept)."""
    base = getattr(settings, "STRIPE_API_BASE", "") or ""
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": base.rstrip("/")} if base else None,
        max_network_retries=int(getattr(settings, "STRIPE_MAX_NETWORK_RETRIES", 1)),
        http_client=stripe.RequestsClient(timeout=float(getattr(settings, "STRIPE_TIMEOUT_SECONDS", 10))),
    )


def to_cents(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).quantize(Decimal("1")))


def from_cents(cents) -> Decimal:
    return (Decimal(int(cents or 0)) / 100).quantize(Decimal("0.01"))


def field(obj, name: str, default=None):
    """Read a field of a Stripe object or of a plain dict (webhook payloads, localstripe's expanded objects)."""
    if obj is None:
        return default
    try:
        value = obj[name]
    except (KeyError, TypeError, IndexError):
        return default
    return default if value is None else value


def payment_intent_amounts(intent) -> tuple[Decimal, Decimal]:
    """(received, capturable) in euros. localstripe omits amount_received/amount_capturable: derive them."""
    status = field(intent, "status")
    amount = field(intent, "amount", 0)
    received = field(intent, "amount_received", amount if status == "succeeded" else 0)
    capturable = field(intent, "amount_capturable", amount if status == "requires_capture" else 0)
    return from_cents(received), from_cents(capturable)


def error_message(error: stripe.StripeError) -> str:
    if isinstance(error, stripe.APIConnectionError):
        return UNREACHABLE
    if isinstance(error, stripe.CardError):
        return "La carte a été refusée : " + (error.user_message or "paiement refusé") + "."
    return "Stripe a refusé la demande : " + (error.user_message or str(error.code or "erreur inconnue")) + "."
