"""The Stripe gateway against localstripe: PaymentIntents through the payment services, once per checkout."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backend.commerce.checkout import services
from backend.commerce.checkout.models import Checkout
from backend.commerce.payment import gateways
from backend.commerce.payment.models import TransactionItem
from plugins.stripe.client import UNREACHABLE
from tests.plugins.stripe.conftest import STRIPE, closed_port, confirm_in_browser, event_types, intents_of

D = Decimal


def status_of(checkout) -> tuple[str, str]:
    fresh = Checkout.objects.get(pk=checkout.pk)
    return fresh.charge_status, fresh.authorize_status


@pytest.mark.django_db
def test_listed_and_initialized_only_with_keys(localstripe, settings, pickup_checkout):
    offered = gateways.payment_gateways_for(channel=pickup_checkout.channel, checkout=pickup_checkout)
    configs = gateways.payment_gateway_initialize(source=pickup_checkout, gateways=[(STRIPE, None)])
    assert [(g.id, g.name, g.currencies) for g in offered] == [(STRIPE, "Carte bancaire (Stripe)", ("EUR",))]
    assert [(c.id, c.data, c.errors) for c in configs] == [(STRIPE, {"stripePublishableKey": "pk_test_comptoir"}, ())]
    settings.STRIPE_SECRET_KEY = ""
    assert gateways.payment_gateways_for(channel=pickup_checkout.channel, checkout=pickup_checkout) == []
    refused = gateways.payment_gateway_initialize(source=pickup_checkout, gateways=[(STRIPE, None)])
    assert [e["code"] for e in refused[0].errors] == ["NOT_FOUND"]


@pytest.mark.django_db
def test_card_charge_from_payment_intent_to_full_charge(localstripe, pickup_checkout):
    started = gateways.transaction_initialize(source=pickup_checkout, gateway_id=STRIPE,
                                              data={"paymentIntent": {"paymentMethod": "card"}})
    intent_id = started.transaction.psp_reference
    [intent] = intents_of(localstripe, pickup_checkout.pk)
    assert (started.event.type, started.event.amount_value, started.transaction.available_actions) == (
        "CHARGE_ACTION_REQUIRED", D("25.00"), ["CANCEL"])
    assert started.data == {"paymentIntent": {"stripeClientSecret": intent["client_secret"]}}
    assert (intent["id"], intent["amount"], intent["currency"], intent["capture_method"]) == (
        intent_id, 2500, "eur", "automatic")
    assert intent["metadata"] == {"checkout_token": str(pickup_checkout.pk), "transaction": str(started.transaction.pk),
                                  "channel": "comptoir-de-mormal"}
    assert status_of(pickup_checkout) == ("NONE", "NONE")
    confirm_in_browser(localstripe, intent_id)
    processed = gateways.transaction_process(transaction_token=started.transaction.pk)
    again = gateways.transaction_process(transaction_token=started.transaction.pk)
    assert (processed.event.type, processed.event.amount_value, processed.event.psp_reference) == (
        "CHARGE_SUCCESS", D("25.00"), intent_id)
    assert again.event.pk == processed.event.pk
    assert (processed.transaction.charged_value, processed.transaction.available_actions) == (D("25.00"), ["REFUND"])
    assert event_types(started.transaction) == ["CHARGE_ACTION_REQUIRED", "CHARGE_SUCCESS"]
    assert status_of(pickup_checkout) == ("FULL", "FULL")


@pytest.mark.django_db
def test_five_client_retries_make_one_payment_intent(localstripe, pickup_checkout, cheese):
    outcomes = [gateways.transaction_initialize(source=pickup_checkout, gateway_id=STRIPE) for _ in range(5)]
    keyed = [gateways.transaction_initialize(source=pickup_checkout, gateway_id=STRIPE, idempotency_key="cle-1")
             for _ in range(5)]
    [intent] = intents_of(localstripe, pickup_checkout.pk)
    assert {o.transaction.psp_reference for o in outcomes + keyed} == {intent["id"]}
    assert {o.data["paymentIntent"]["stripeClientSecret"] for o in outcomes} == {intent["client_secret"]}
    assert TransactionItem.objects.count() == 6  # 5 without key, 1 for the 5 calls with the same key
    # the cart grows: still the same PaymentIntent, now for the new amount
    services.checkout_lines_add(checkout_token=pickup_checkout.pk, lines=[services.LineInput(cheese.pk, 1)])
    grown = gateways.transaction_initialize(source=pickup_checkout, gateway_id=STRIPE)
    [intent] = intents_of(localstripe, pickup_checkout.pk)
    assert (grown.transaction.psp_reference, grown.event.amount_value, int(intent["amount"])) == (
        intent["id"], D("37.50"), 3750)
    # paid once through the newest transaction; an older one holding the same PaymentIntent does not count it twice
    confirm_in_browser(localstripe, intent["id"])
    paid = gateways.transaction_process(transaction_token=grown.transaction.pk)
    older = gateways.transaction_process(transaction_token=outcomes[0].transaction.pk)
    assert (paid.event.type, paid.event.amount_value, older.event.type, older.event.amount_value) == (
        "CHARGE_SUCCESS", D("37.50"), "INFO", D("0.00"))
    assert sum(t.charged_value for t in TransactionItem.objects.all()) == D("37.50")
    assert status_of(pickup_checkout) == ("FULL", "FULL")


@pytest.mark.django_db
def test_authorization_then_staff_capture_and_refund(localstripe, pickup_checkout):
    started = gateways.transaction_initialize(source=pickup_checkout, gateway_id=STRIPE, action="AUTHORIZATION")
    intent_id = started.transaction.psp_reference
    assert (started.event.type, intents_of(localstripe, pickup_checkout.pk)[0]["capture_method"]) == (
        "AUTHORIZATION_ACTION_REQUIRED", "manual")
    confirm_in_browser(localstripe, intent_id)
    authorized = gateways.transaction_process(transaction_token=started.transaction.pk)
    assert (authorized.event.type, authorized.transaction.authorized_value, authorized.transaction.available_actions) \
        == ("AUTHORIZATION_SUCCESS", D("25.00"), ["CHARGE", "CANCEL"])
    assert status_of(pickup_checkout) == ("NONE", "FULL")
    captured = gateways.transaction_request_action(transaction_token=started.transaction.pk, action="CHARGE")
    assert (captured.event.type, captured.transaction.charged_value, captured.transaction.authorized_value) == (
        "CHARGE_SUCCESS", D("25.00"), D("0.00"))
    assert localstripe.get(f"/v1/payment_intents/{intent_id}")["status"] == "succeeded"
    refunded = gateways.transaction_request_action(transaction_token=started.transaction.pk, action="REFUND",
                                                   amount=D("10"))
    assert (refunded.event.type, refunded.event.psp_reference[:3], refunded.transaction.charged_value,
            refunded.transaction.refunded_value, refunded.transaction.refund_pending_value) == (
        "REFUND_SUCCESS", "re_", D("15.00"), D("10.00"), D("0.00"))
    charge = localstripe.get(f"/v1/payment_intents/{intent_id}")["latest_charge"]
    assert charge["amount_refunded"] == 1000
    assert event_types(started.transaction) == ["AUTHORIZATION_ACTION_REQUIRED", "AUTHORIZATION_SUCCESS",
                                                "CHARGE_REQUEST", "CHARGE_SUCCESS", "REFUND_REQUEST",
                                                "REFUND_SUCCESS"]


@pytest.mark.django_db
def test_staff_cancel_releases_the_authorization(localstripe, pickup_checkout):
    started = gateways.transaction_initialize(source=pickup_checkout, gateway_id=STRIPE, action="AUTHORIZATION")
    confirm_in_browser(localstripe, started.transaction.psp_reference)
    gateways.transaction_process(transaction_token=started.transaction.pk)
    cancelled = gateways.transaction_request_action(transaction_token=started.transaction.pk, action="CANCEL")
    assert (cancelled.event.type, cancelled.transaction.authorized_value, cancelled.transaction.canceled_value,
            cancelled.transaction.available_actions) == ("CANCEL_SUCCESS", D("0.00"), D("25.00"), [])
    assert localstripe.get(f"/v1/payment_intents/{started.transaction.psp_reference}")["status"] == "canceled"
    assert status_of(pickup_checkout) == ("NONE", "NONE")
    with pytest.raises(ValidationError) as error:  # nothing left to cancel
        gateways.transaction_request_action(transaction_token=started.transaction.pk, action="CANCEL")
    assert error.value.error_dict["action_type"][0].code == "INVALID"


@pytest.mark.django_db
def test_a_declined_card_is_a_charge_failure_and_nothing_is_charged(localstripe, pickup_checkout):
    started = gateways.transaction_initialize(source=pickup_checkout, gateway_id=STRIPE)
    confirm_in_browser(localstripe, started.transaction.psp_reference, card="pm_card_chargeCustomerFail")
    failed = gateways.transaction_process(transaction_token=started.transaction.pk)
    assert (failed.event.type, failed.event.amount_value, failed.transaction.charged_value) == (
        "CHARGE_FAILURE", D("25.00"), D("0.00"))
    assert failed.event.message.startswith("Paiement refusé : ")
    assert status_of(pickup_checkout) == ("NONE", "NONE")


@pytest.mark.django_db
def test_stripe_unreachable_is_a_clear_failure_and_the_cart_stays_payable(localstripe, settings, pickup_checkout):
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port()}"
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    down = gateways.transaction_initialize(source=pickup_checkout, gateway_id=STRIPE)
    assert (down.event.type, down.event.message, down.event.psp_reference, down.transaction.charged_value) == (
        "CHARGE_FAILURE", UNREACHABLE, "", D("0.00"))
    assert down.data == {"errors": [{"code": "APIConnectionError", "message": UNREACHABLE}]}
    assert status_of(pickup_checkout) == ("NONE", "NONE")
    # Stripe is back: the cart is paid once, with one PaymentIntent
    settings.STRIPE_API_BASE = localstripe.url
    started = gateways.transaction_initialize(source=pickup_checkout, gateway_id=STRIPE)
    confirm_in_browser(localstripe, started.transaction.psp_reference)
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port()}"  # down again while processing: retry later
    pending = gateways.transaction_process(transaction_token=started.transaction.pk)
    settings.STRIPE_API_BASE = localstripe.url
    paid = gateways.transaction_process(transaction_token=started.transaction.pk)
    assert (pending.event.type, pending.event.message, paid.event.type) == ("CHARGE_FAILURE", UNREACHABLE,
                                                                          "CHARGE_SUCCESS")
    assert len(intents_of(localstripe, pickup_checkout.pk)) == 1
    assert sum(t.charged_value for t in TransactionItem.objects.all()) == D("25.00")
    assert status_of(pickup_checkout) == ("FULL", "FULL")
