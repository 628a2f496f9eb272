"""The whole card payment: through GraphQL as the storefront calls it, and with localstripe's own webhook delivery."""

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
import requests
from django.core import mail

from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.order.models import Order
from backend.commerce.payment import gateways
from backend.commerce.payment.models import TransactionEvent
from plugins.stripe.models import StripeWebhookEvent
from tests.plugins.stripe.conftest import SECRET, STRIPE, closed_port, confirm_in_browser, sign, stripe_event
from tests.utils import ApiClient, to_global_id


def deliver_concurrently(base_url: str, event: dict, times: int = 25) -> list:
    body = json.dumps(event).encode()
    barrier = threading.Barrier(times)

    def post(_):
        barrier.wait(timeout=30)
        return requests.post(base_url + "/webhooks/stripe/", data=body, timeout=60,
                             headers={"Content-Type": "application/json", "Stripe-Signature": sign(body)})

    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(post, range(times)))


def run(query: str, variables: dict, path: str) -> dict:
    body = ApiClient().query(query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"][path]


@pytest.mark.django_db
def test_graphql_card_payment_then_checkout_complete_gives_a_paid_order(localstripe, pickup_checkout):
    checkout_id = to_global_id("Checkout", pickup_checkout.pk)
    configs = run("""mutation ($id: ID!) { paymentGatewayInitialize(id: $id, paymentGateways:
        [{id: "saleor.app.payment.stripe"}]) { gatewayConfigs { id data errors { code } } errors { code } } }""",
                  {"id": checkout_id}, "paymentGatewayInitialize")
    assert configs == {"gatewayConfigs": [{"id": STRIPE, "data": {"stripePublishableKey": "pk_test_comptoir"},
                                           "errors": []}], "errors": []}
    initialize = """mutation ($id: ID!) { transactionInitialize(id: $id, paymentGateway:
        {id: "saleor.app.payment.stripe", data: {paymentIntent: {paymentMethod: "card"}}}) {
        transaction { id actions pspReference } transactionEvent { type message } data errors { code } } }"""
    first = run(initialize, {"id": checkout_id}, "transactionInitialize")
    retry = run(initialize, {"id": checkout_id}, "transactionInitialize")
    intent_id = first["transaction"]["pspReference"]
    secret = localstripe.get(f"/v1/payment_intents/{intent_id}")["client_secret"]
    assert first == {"transaction": {"id": first["transaction"]["id"], "actions": ["CANCEL"],
                                     "pspReference": intent_id},
                     "transactionEvent": {"type": "CHARGE_ACTION_REQUIRED", "message": ""},
                     "data": {"paymentIntent": {"stripeClientSecret": secret}}, "errors": []}
    assert (retry["transaction"]["pspReference"], retry["data"]) == (intent_id, first["data"])
    confirm_in_browser(localstripe, intent_id)
    process = """mutation ($id: ID!) { transactionProcess(id: $id) { transaction { chargedAmount { amount } }
        transactionEvent { type pspReference } errors { code } } }"""
    processed = run(process, {"id": retry["transaction"]["id"]}, "transactionProcess")
    assert processed == {"transaction": {"chargedAmount": {"amount": 25.0}},
                         "transactionEvent": {"type": "CHARGE_SUCCESS", "pspReference": intent_id}, "errors": []}
    status = run("query ($id: ID!) { checkout(id: $id) { chargeStatus authorizeStatus } }", {"id": checkout_id},
                 "checkout")
    assert status == {"chargeStatus": "FULL", "authorizeStatus": "FULL"}
    order = run("mutation ($id: ID!) { checkoutComplete(id: $id) { order { isPaid chargeStatus totalCharged "
                "{ amount } } errors { code } } }", {"id": checkout_id}, "checkoutComplete")
    assert order == {"order": {"isPaid": True, "chargeStatus": "FULL", "totalCharged": {"amount": 25.0}},
                     "errors": []}


@pytest.mark.django_db(transaction=True)
def test_localstripe_delivers_the_webhook_and_25_concurrent_replays_change_nothing(localstripe, live_server,
                                                                                   pickup_checkout):
    localstripe.post("/_config/webhooks/comptoir", {"url": live_server.url + "/webhooks/stripe/", "secret": SECRET})
    try:
        order = checkout_complete(checkout_token=pickup_checkout.pk).order
        started = gateways.transaction_initialize(source=order, gateway_id=STRIPE)
        intent_id = started.transaction.psp_reference
        confirm_in_browser(localstripe, intent_id)
        deadline = time.monotonic() + 20  # localstripe posts once, about a second later
        while not TransactionEvent.objects.filter(transaction=started.transaction, type="CHARGE_SUCCESS").exists():
            assert time.monotonic() < deadline, "localstripe's webhook never arrived"
            time.sleep(0.2)
    finally:
        localstripe.post("/_config/webhooks/comptoir", {"url": f"http://127.0.0.1:{closed_port()}/", "secret": SECRET})
    event = stripe_event(localstripe, "payment_intent.succeeded", intent_id)
    answers = deliver_concurrently(live_server.url, event)
    assert [(a.status_code, a.json()["applied"]) for a in answers] == [(200, False)] * 25
    assert StripeWebhookEvent.objects.filter(event_id=event["id"]).count() == 1
    assert TransactionEvent.objects.filter(transaction=started.transaction, type="CHARGE_SUCCESS").count() == 1
    assert Order.objects.get(pk=order.pk).charge_status == "FULL"
    paid_mails = [m for m in mail.outbox if m.subject == f"Paiement reçu pour votre commande n° {order.number}"]
    assert len(paid_mails) == 1
    # a refund made at Stripe, heard for the first time by 25 deliveries at once: applied by exactly one
    localstripe.post("/v1/refunds", {"payment_intent": intent_id, "amount": 700})
    charge = localstripe.get(f"/v1/payment_intents/{intent_id}")["latest_charge"]
    answers = deliver_concurrently(live_server.url, {"id": "evt_refund_once", "type": "charge.refunded",
                                                     "object": "event", "data": {"object": charge}})
    assert sorted((a.status_code, a.json()["applied"]) for a in answers) == [(200, False)] * 24 + [(200, True)]
    assert list(TransactionEvent.objects.filter(transaction=started.transaction, type="REFUND_SUCCESS")
                .values_list("amount_value", flat=True)) == [Decimal("7.00")]
