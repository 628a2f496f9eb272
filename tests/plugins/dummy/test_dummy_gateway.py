"""Saleor's Dummy Payment app: the client names the event; a bad name is a typed error; never in production."""

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from backend.commerce.checkout.models import Checkout
from backend.commerce.payment import gateways
from backend.commerce.payment.models import TransactionEvent, TransactionItem
from tests.utils import ApiClient, to_global_id

DUMMY = "saleor.io.dummy-payment-app"
D = Decimal
ROOT = Path(__file__).resolve().parents[3]


def event(kind, include=True):
    return {"event": {"type": kind, "includePspReference": include}}


def amounts(item):
    item.refresh_from_db()
    return (item.authorized_value, item.charged_value, item.authorize_pending_value, item.charge_pending_value)


@pytest.mark.django_db
def test_the_dummy_gateway_is_offered_and_initialized(dummy, pickup_checkout):
    offered = gateways.payment_gateways_for(channel=pickup_checkout.channel, checkout=pickup_checkout)
    configs = gateways.payment_gateway_initialize(source=pickup_checkout, gateways=[(DUMMY, None)])
    assert [(g.id, g.name, g.currencies) for g in offered] == [(DUMMY, "Paiement fictif (démonstration)", ("EUR",))]
    assert [(c.id, c.data, c.errors) for c in configs] == [(DUMMY, {}, ())]


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "action", "expected", "charge_status", "authorize_status"), [
    ("CHARGE_SUCCESS", "CHARGE", (D("0"), D("25.00"), D("0"), D("0")), "FULL", "FULL"),
    ("AUTHORIZATION_SUCCESS", "AUTHORIZATION", (D("25.00"), D("0"), D("0"), D("0")), "NONE", "FULL"),
    ("CHARGE_FAILURE", "CHARGE", (D("0"), D("0"), D("0"), D("0")), "NONE", "NONE"),
    ("AUTHORIZATION_FAILURE", "AUTHORIZATION", (D("0"), D("0"), D("0"), D("0")), "NONE", "NONE"),
    ("CHARGE_REQUEST", "CHARGE", (D("0"), D("0"), D("0"), D("25.00")), "NONE", "NONE"),
    ("AUTHORIZATION_REQUEST", "AUTHORIZATION", (D("0"), D("0"), D("25.00"), D("0")), "NONE", "NONE"),
    ("CHARGE_ACTION_REQUIRED", "CHARGE", (D("0"), D("0"), D("0"), D("0")), "NONE", "NONE"),
])
def test_transaction_initialize_records_the_event_the_client_names(dummy, pickup_checkout, kind, action, expected,
                                                                   charge_status, authorize_status):
    outcome = gateways.transaction_initialize(source=pickup_checkout, gateway_id=DUMMY, data=event(kind),
                                              action=action)
    assert (outcome.event.type, outcome.event.amount_value, outcome.data) == (
        kind, D("25.00"), {"event": {"type": kind, "includePspReference": True}})
    assert outcome.event.psp_reference.startswith("dummy-") and len(outcome.event.psp_reference) == 26
    assert amounts(outcome.transaction) == expected
    checkout = Checkout.objects.get(pk=pickup_checkout.pk)
    assert (checkout.charge_status, checkout.authorize_status) == (charge_status, authorize_status)


@pytest.mark.django_db
def test_without_psp_reference_and_without_data(dummy, pickup_checkout):
    named = gateways.transaction_initialize(source=pickup_checkout, gateway_id=DUMMY,
                                            data=event("CHARGE_REQUEST", include=False), amount=D("5"))
    default = gateways.transaction_initialize(source=pickup_checkout, gateway_id=DUMMY, data=None)
    assert (named.event.type, named.event.psp_reference, named.transaction.psp_reference) == ("CHARGE_REQUEST", "", "")
    # without data the session succeeds, for what is still due (25,00 € minus nothing charged yet)
    assert (default.event.type, default.event.amount_value) == ("CHARGE_SUCCESS", D("25.00"))


@pytest.mark.django_db
@pytest.mark.parametrize("data", [
    event("REFUND_SUCCESS"), event("CHARGE_SUCESS"), event(None), {"event": "CHARGE_SUCCESS"}, {"type": "x"},
    {"event": {"type": "CHARGE_SUCCESS", "includePspReference": "oui"}}, ["CHARGE_SUCCESS"],
])
def test_an_invalid_event_is_a_typed_error_and_writes_nothing(dummy, pickup_checkout, data):
    with pytest.raises(ValidationError) as error:
        gateways.transaction_initialize(source=pickup_checkout, gateway_id=DUMMY, data=data)
    assert [(f, e.code) for f, errors in error.value.error_dict.items() for e in errors] == [("type", "INVALID")]
    assert (TransactionItem.objects.count(), TransactionEvent.objects.count()) == (0, 0)
    assert Checkout.objects.get(pk=pickup_checkout.pk).charge_status == "NONE"


@pytest.mark.django_db
def test_transaction_process_moves_a_pending_charge_to_success_once(dummy, pickup_checkout):
    started = gateways.transaction_initialize(source=pickup_checkout, gateway_id=DUMMY, data=event("CHARGE_REQUEST"))
    with pytest.raises(ValidationError) as error:
        gateways.transaction_process(transaction_token=started.transaction.pk, data=event("INFO"))
    assert error.value.error_dict["type"][0].code == "INVALID"
    processed = gateways.transaction_process(transaction_token=started.transaction.pk, data=event("CHARGE_SUCCESS"))
    replay = gateways.transaction_process(transaction_token=started.transaction.pk, data=event("CHARGE_FAILURE"))
    assert (processed.event.type, processed.event.psp_reference) == ("CHARGE_SUCCESS", started.event.psp_reference)
    assert replay.event.pk == processed.event.pk
    assert amounts(started.transaction) == (D("0"), D("25.00"), D("0"), D("0"))
    assert list(started.transaction.events.values_list("type", flat=True)) == ["CHARGE_REQUEST", "CHARGE_SUCCESS"]


@pytest.mark.django_db
def test_staff_actions_on_an_authorization(dummy, pickup_checkout):
    started = gateways.transaction_initialize(source=pickup_checkout, gateway_id=DUMMY, action="AUTHORIZATION",
                                              data=event("AUTHORIZATION_SUCCESS"))
    charged = gateways.transaction_request_action(transaction_token=started.transaction.pk, action="CHARGE",
                                                  amount=D("20"))
    assert (charged.event.type, charged.transaction.charged_value, charged.transaction.authorized_value) == (
        "CHARGE_SUCCESS", D("20.00"), D("5.00"))
    refunded = gateways.transaction_request_action(transaction_token=started.transaction.pk, action="REFUND",
                                                   amount=D("8"))
    assert (refunded.transaction.charged_value, refunded.transaction.refunded_value) == (D("12.00"), D("8.00"))


@pytest.mark.django_db
def test_graphql_transaction_initialize_answers_the_typed_error(dummy, pickup_checkout):
    query = """mutation ($id: ID!, $data: JSON) { transactionInitialize(id: $id,
        paymentGateway: {id: "saleor.io.dummy-payment-app", data: $data}) {
        transaction { chargedAmount { amount } } transactionEvent { type } data errors { field code } } }"""
    variables = {"id": to_global_id("Checkout", pickup_checkout.pk)}
    refused = ApiClient().query(query, {**variables, "data": event("REFUND_SUCCESS")})["data"]["transactionInitialize"]
    paid = ApiClient().query(query, {**variables, "data": event("CHARGE_SUCCESS", False)})["data"][
        "transactionInitialize"]
    assert refused == {"transaction": None, "transactionEvent": None, "data": None,
                       "errors": [{"field": "type", "code": "INVALID"}]}
    assert paid == {"transaction": {"chargedAmount": {"amount": 25.0}}, "transactionEvent": {"type": "CHARGE_SUCCESS"},
                    "data": {"event": {"type": "CHARGE_SUCCESS", "includePspReference": False}}, "errors": []}


@pytest.mark.django_db
def test_never_offered_when_the_settings_say_production(dummy, settings, pickup_checkout, caplog):
    settings.COMPTOIR_ENV = "production"
    assert gateways.payment_gateways_for(channel=pickup_checkout.channel, checkout=pickup_checkout) == []
    with pytest.raises(ValidationError) as error:
        gateways.transaction_initialize(source=pickup_checkout, gateway_id=DUMMY, data=event("CHARGE_SUCCESS"))
    assert error.value.error_dict["payment_gateway"][0].code == "NOT_FOUND"
    assert "refused in production" in caplog.text


def _settings_plugins(env: dict) -> subprocess.CompletedProcess:
    code = ("import django, json; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.PLUGINS))")
    base = {k: v for k, v in os.environ.items() if k not in ("PLUGINS", "COMPTOIR_ENV", "STRIPE_SECRET_KEY")}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**base, "DJANGO_SETTINGS_MODULE": "backend.config.settings", **env})


def test_default_plugins_include_the_dummy_gateway_except_in_production():
    development = _settings_plugins({})
    production = _settings_plugins({"COMPTOIR_ENV": "production", "SECRET_KEY": "x" * 50})
    with_stripe = _settings_plugins({"STRIPE_SECRET_KEY": "sk_test_x"})
    assert "plugins.dummy.plugin.DummyPaymentPlugin" in json.loads(development.stdout)
    assert "plugins.stripe.plugin.StripePlugin" not in json.loads(development.stdout)
    assert "plugins.dummy.plugin.DummyPaymentPlugin" not in json.loads(production.stdout)
    assert json.loads(with_stripe.stdout)[-1] == "plugins.stripe.plugin.StripePlugin"


def test_listing_the_dummy_gateway_in_production_stops_the_start():
    refused = _settings_plugins({"COMPTOIR_ENV": "production", "SECRET_KEY": "x" * 50,
                                 "PLUGINS": "plugins.dummy.plugin.DummyPaymentPlugin"})
    assert refused.returncode == 1
    assert "ImproperlyConfigured: The dummy payment gateway cannot run in production" in refused.stderr
