"""Stripe tests: the commerce fixtures, the browser's side of a card payment, and signed webhook deliveries."""

import hashlib
import hmac
import json
import socket
import time

import pytest

from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.payment.models import TransactionEvent
from tests.backend.commerce.conftest import (  # noqa: F401 - fixtures re-used as they are
    channel,
    cheese,
    communes,
    farm,
    pickup_checkout,
    pickup_point,
)

STRIPE = "saleor.app.payment.stripe"
SECRET = "whsec_comptoir"


def confirm_in_browser(localstripe, intent_id: str, card: str = "pm_card_visa") -> dict:
    """What Stripe.js does on confirmPayment: attach the card and confirm (localstripe answers 402 when declined)."""
    localstripe.post(f"/v1/payment_intents/{intent_id}", {"payment_method": card})
    try:
        return localstripe.post(f"/v1/payment_intents/{intent_id}/confirm")
    except Exception:  # a declined card: the PaymentIntent keeps the error
        return localstripe.get(f"/v1/payment_intents/{intent_id}")


def intents_of(localstripe, source_pk) -> list[dict]:
    """PaymentIntents localstripe holds for this checkout or order (by the metadata we send)."""
    listed = localstripe.get("/v1/payment_intents", {"limit": 100})["data"]
    return [pi for pi in listed if str(source_pk) in (pi["metadata"] or {}).values()]


def stripe_event(localstripe, event_type: str, object_id: str) -> dict:
    """The event localstripe itself generated for this object (it also tries to POST it, once, ~1 s later)."""
    events = localstripe.get("/v1/events", {"type": event_type, "limit": 100})["data"]
    matching = [e for e in events if e["data"]["object"]["id"] == object_id]
    assert matching, f"no {event_type} for {object_id}"
    return matching[0]


def sign(body: bytes, *, secret: str = SECRET, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def deliver(client, event: dict | bytes, **sign_kwargs):
    body = event if isinstance(event, bytes) else json.dumps(event).encode()
    return client.post("/webhooks/stripe/", data=body, content_type="application/json",
                       HTTP_STRIPE_SIGNATURE=sign(body, **sign_kwargs))


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def event_types(item) -> list[str]:
    return list(TransactionEvent.objects.filter(transaction=item).order_by("created_at", "pk")
                .values_list("type", flat=True))


@pytest.fixture
def unpaid_order(pickup_checkout):  # noqa: F811 - the imported fixture, requested by name
    """An order placed to be paid at pickup (25,00 €), which the customer then pays online."""
    return checkout_complete(checkout_token=pickup_checkout.pk).order
