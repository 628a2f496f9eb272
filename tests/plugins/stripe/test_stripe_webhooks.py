"""POST /webhooks/stripe/: signed events only, each applied once, in any order, never undoing a success."""

import copy
import json
import time
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from backend.commerce.order.models import Order
from backend.commerce.payment import gateways
from backend.commerce.payment.models import TransactionEvent, TransactionItem
from plugins.stripe.models import StripeWebhookEvent
from tests.plugins.stripe.conftest import STRIPE, confirm_in_browser, deliver, event_types, sign, stripe_event

D = Decimal


@pytest.fixture
def card_paid(localstripe, unpaid_order):
    """The customer paid the order by card at Stripe; we have heard nothing yet. Returns (transaction, event)."""
    started = gateways.transaction_initialize(source=unpaid_order, gateway_id=STRIPE)
    intent_id = started.transaction.psp_reference
    confirm_in_browser(localstripe, intent_id)
    return started.transaction, stripe_event(localstripe, "payment_intent.succeeded", intent_id)


def variant(event: dict, event_id: str, event_type: str, **changes) -> dict:
    """Another event about the same object (localstripe emits neither refunds nor cancellations as events)."""
    other = copy.deepcopy(event)
    other.update(id=event_id, type=event_type)
    other["data"]["object"].update(changes)
    return other


def order_status(order) -> tuple[str, str]:
    fresh = Order.objects.get(pk=order.pk)
    return fresh.charge_status, fresh.authorize_status


@pytest.mark.django_db
def test_25_deliveries_of_one_event_make_one_state_change_and_one_mail(card_paid, unpaid_order,
                                                                       django_capture_on_commit_callbacks):
    item, event = card_paid
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        answers = [deliver(client, event) for _ in range(25)]
    assert [a.status_code for a in answers] == [200] * 25
    assert [a.json()["applied"] for a in answers] == [True] + [False] * 24
    assert answers[0].json()["message"] == f"enregistré : CHARGE_SUCCESS 25.00 € sur la transaction {item.pk}"
    assert event_types(item) == ["CHARGE_ACTION_REQUIRED", "CHARGE_SUCCESS"]
    assert StripeWebhookEvent.objects.filter(event_id=event["id"]).count() == 1
    assert order_status(unpaid_order) == ("FULL", "FULL")
    assert [m.subject for m in mail.outbox] == [f"Paiement reçu pour votre commande n° {unpaid_order.number}"]


@pytest.mark.django_db
def test_the_webhook_after_transaction_process_changes_nothing(card_paid, unpaid_order,
                                                               django_capture_on_commit_callbacks):
    item, event = card_paid
    with django_capture_on_commit_callbacks(execute=True):
        gateways.transaction_process(transaction_token=item.pk)
        answer = deliver(Client(), event)
    assert (answer.status_code, answer.json()) == (200, {"applied": True, "message": (
        f"déjà enregistré : CHARGE_SUCCESS {item.psp_reference}")})
    assert event_types(item) == ["CHARGE_ACTION_REQUIRED", "CHARGE_SUCCESS"]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "message"), [
    ("tampered", "Signature Stripe invalide ou trop ancienne."),
    ("wrong secret", "Signature Stripe invalide ou trop ancienne."),
    ("stale", "Signature Stripe invalide ou trop ancienne."),
    ("malformed header", "Signature Stripe invalide ou trop ancienne."),
    ("missing header", "Signature Stripe absente."),
    ("garbage json", "Contenu illisible."),
    ("not an event", "Évènement Stripe incomplet ou incohérent."),
])
def test_unsigned_tampered_stale_or_garbage_deliveries_are_refused(card_paid, unpaid_order, case, message):
    item, event = card_paid
    body = json.dumps(event).encode()
    headers = {"HTTP_STRIPE_SIGNATURE": sign(body)}
    if case == "tampered":
        body = body.replace(b'"amount": 2500', b'"amount": 250000', 1)
    elif case == "wrong secret":
        headers["HTTP_STRIPE_SIGNATURE"] = sign(body, secret="whsec_autre")
    elif case == "stale":
        headers["HTTP_STRIPE_SIGNATURE"] = sign(body, timestamp=int(time.time()) - 301)
    elif case == "malformed header":
        headers["HTTP_STRIPE_SIGNATURE"] = "t=hier,v1=zz"
    elif case == "missing header":
        headers = {}
    elif case == "garbage json":
        body = b"{\"id\": \"evt_1\", \x00\xff"
        headers["HTTP_STRIPE_SIGNATURE"] = sign(body)
    elif case == "not an event":
        body = b'{"bonjour": "Mormal"}'
        headers["HTTP_STRIPE_SIGNATURE"] = sign(body)
    answer = Client().post("/webhooks/stripe/", data=body, content_type="application/json", **headers)
    assert (answer.status_code, answer.json()) == (400, {"error": message})
    assert (StripeWebhookEvent.objects.count(), event_types(item)) == (0, ["CHARGE_ACTION_REQUIRED"])
    assert order_status(unpaid_order) == ("NONE", "NONE")


@pytest.mark.django_db
def test_a_late_failure_does_not_undo_the_success(card_paid, unpaid_order):
    item, event = card_paid
    failure = variant(event, "evt_late_failure", "payment_intent.payment_failed", status="requires_payment_method",
                      last_payment_error={"message": "Your card was declined."})
    deliver(Client(), event)
    answer = deliver(Client(), failure)
    assert answer.json() == {"applied": True,
                             "message": "ignoré : échec reçu après un paiement réussi (le paiement reste acquis)"}
    assert event_types(item) == ["CHARGE_ACTION_REQUIRED", "CHARGE_SUCCESS"]
    assert order_status(unpaid_order) == ("FULL", "FULL")


@pytest.mark.django_db
def test_a_failure_then_the_success_arriving_late_ends_paid(card_paid, unpaid_order):
    item, event = card_paid
    failure = variant(event, "evt_first_failure", "payment_intent.payment_failed", status="requires_payment_method",
                      last_payment_error={"message": "Your card was declined."})
    assert deliver(Client(), failure).status_code == 200
    assert order_status(unpaid_order) == ("NONE", "NONE")
    deliver(Client(), event)
    assert event_types(item) == ["CHARGE_ACTION_REQUIRED", "CHARGE_FAILURE", "CHARGE_SUCCESS"]
    assert TransactionEvent.objects.get(transaction=item, type="CHARGE_FAILURE").message == (
        "Paiement refusé : Your card was declined.")
    assert order_status(unpaid_order) == ("FULL", "FULL")


@pytest.mark.django_db
def test_charge_refunded_records_each_stripe_refund_once(card_paid, localstripe):
    item, event = card_paid
    deliver(Client(), event)
    gateways.transaction_request_action(transaction_token=item.pk, action="REFUND", amount=D("10"))
    localstripe.post("/v1/refunds", {"payment_intent": item.psp_reference, "amount": 500})  # from Stripe's dashboard
    charge = localstripe.get(f"/v1/payment_intents/{item.psp_reference}")["latest_charge"]
    refunded = {"id": "evt_refunded", "type": "charge.refunded", "object": "event", "data": {"object": charge}}
    first, replay = deliver(Client(), refunded), deliver(Client(), refunded)
    assert (first.json()["applied"], replay.json()["applied"]) == (True, False)
    item.refresh_from_db()
    assert (item.charged_value, item.refunded_value) == (D("10.00"), D("15.00"))
    assert sorted(TransactionEvent.objects.filter(transaction=item, type="REFUND_SUCCESS")
                  .values_list("amount_value", flat=True)) == [D("5.00"), D("10.00")]
    # an API version that does not embed the refunds: the total refunded tells what is new
    localstripe.post("/v1/refunds", {"payment_intent": item.psp_reference, "amount": 300})
    charge = {**localstripe.get(f"/v1/charges/{charge['id']}"), "refunds": None}
    deliver(Client(), {"id": "evt_refunded_2", "type": "charge.refunded", "data": {"object": charge}})
    item.refresh_from_db()
    assert (item.charged_value, item.refunded_value) == (D("7.00"), D("18.00"))


@pytest.mark.django_db
def test_authorization_then_cancellation_from_stripe(localstripe, unpaid_order):
    started = gateways.transaction_initialize(source=unpaid_order, gateway_id=STRIPE, action="AUTHORIZATION")
    intent = confirm_in_browser(localstripe, started.transaction.psp_reference)
    envelope = {"object": "event", "data": {"object": intent}}
    deliver(Client(), {**envelope, "id": "evt_auth", "type": "payment_intent.amount_capturable_updated"})
    assert order_status(unpaid_order) == ("NONE", "FULL")
    cancelled = localstripe.post(f"/v1/payment_intents/{intent['id']}/cancel")
    deliver(Client(), {"object": "event", "data": {"object": cancelled}, "id": "evt_cancel",
                       "type": "payment_intent.canceled"})
    item = TransactionItem.objects.get(pk=started.transaction.pk)
    assert (item.authorized_value, item.canceled_value) == (D("0.00"), D("25.00"))
    assert event_types(item) == ["AUTHORIZATION_ACTION_REQUIRED", "AUTHORIZATION_SUCCESS", "CANCEL_SUCCESS"]
    assert order_status(unpaid_order) == ("NONE", "NONE")


@pytest.mark.django_db
def test_events_about_unknown_payments_or_types_are_acknowledged_and_ignored(localstripe):
    unknown = {"id": "evt_x", "type": "payment_intent.succeeded",
               "data": {"object": {"id": "pi_inconnu", "status": "succeeded", "amount": 100, "metadata": {}}}}
    other = {"id": "evt_y", "type": "customer.created", "data": {"object": {"id": "cus_1"}}}
    odd = {"id": "evt_z", "type": "charge.refunded", "data": {"object": "texte"}}
    assert deliver(Client(), odd).json() == {"applied": True,
                                             "message": "ignoré : PaymentIntent inconnu (sans identifiant)"}
    assert deliver(Client(), unknown).json() == {"applied": True,
                                                 "message": "ignoré : PaymentIntent inconnu pi_inconnu"}
    assert deliver(Client(), other).json() == {"applied": True, "message": "ignoré : type d'évènement non traité"}
    assert (StripeWebhookEvent.objects.count(), TransactionEvent.objects.count()) == (3, 0)


@pytest.mark.django_db
def test_without_a_webhook_secret_the_endpoint_refuses(settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    answer = deliver(Client(), {"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": {}}})
    assert (answer.status_code, Client().get("/webhooks/stripe/").status_code) == (404, 405)


@pytest.mark.django_db
def test_query_counts_of_a_first_delivery_and_of_a_replay(card_paid):
    _item, event = card_paid
    client = Client()
    with CaptureQueriesContext(connection) as first:
        deliver(client, event)
    with CaptureQueriesContext(connection) as replay:
        deliver(client, event)
    # the first one records the event and recomputes the order (its statuses, events, the mail task);
    # a replay is one look-up of the event id, inside its savepoint
    assert (len(first), len(replay)) == (22, 3)
    assert [q["sql"].split()[0] for q in replay.captured_queries] == ["SAVEPOINT", "SELECT", "RELEASE"]
