"""The gateway contract and the marketplace hooks, exercised with a small gateway plugin written for the test."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.checkout.models import Checkout
from backend.commerce.payment import gateways
from backend.commerce.payment.models import TransactionEvent, TransactionItem
from backend.core.plugins import BasePlugin, reset_plugin_manager

CALLS: list[tuple] = []


class FakeGateway(BasePlugin):
    """Charges whatever it is asked, like Saleor's dummy app; hides the heavy delivery option."""

    PLUGIN_ID = "tests.fake-gateway"
    GATEWAY = "tests.fake"

    def payment_gateways(self, previous_value, **kwargs):
        return [*previous_value, gateways.PaymentGatewayInfo(id=self.GATEWAY, name="Carte (test)")]

    def payment_gateway_initialize(self, previous_value, gateway_id, **kwargs):
        if gateway_id != self.GATEWAY:
            return previous_value
        return {**previous_value, gateway_id: gateways.GatewayConfigResult(id=gateway_id, data={"key": "pk_test"})}

    def transaction_initialize(self, previous_value, gateway_id, transaction, amount, **kwargs):
        if gateway_id != self.GATEWAY:
            return previous_value
        CALLS.append(("transaction_initialize", str(amount)))
        return gateways.TransactionSessionResult(result="CHARGE_ACTION_REQUIRED", amount=amount,
                                                 psp_reference=f"pi_{transaction.pk.hex[:8]}",
                                                 data={"clientSecret": "secret"}, actions=("CANCEL",))

    def transaction_process(self, previous_value, gateway_id, transaction, **kwargs):
        if gateway_id != self.GATEWAY:
            return previous_value
        CALLS.append(("transaction_process",))
        return gateways.TransactionSessionResult(result="CHARGE_SUCCESS", amount=Decimal("25.00"),
                                                 psp_reference=transaction.psp_reference, actions=("REFUND",))

    def transaction_action_request(self, previous_value, gateway_id, action, amount, transaction, **kwargs):
        if gateway_id != self.GATEWAY:
            return previous_value
        return gateways.TransactionSessionResult(result=f"{action}_SUCCESS", amount=amount,
                                                 psp_reference=f"re_{transaction.pk.hex[:8]}")

    def delivery_options(self, previous_value, checkout, **kwargs):
        return [option for option in previous_value if option.name != "Livraison lourde"]

    def checkout_created(self, checkout):
        CALLS.append(("checkout_created", str(checkout.pk)))

    def order_created(self, order):
        CALLS.append(("order_created", order.number))

    def order_paid(self, order):
        CALLS.append(("order_paid", order.number))


@pytest.fixture
def fake_gateway(settings):
    settings.PLUGINS = ["tests.backend.commerce.test_gateways_and_hooks.FakeGateway"]
    reset_plugin_manager()
    CALLS.clear()
    yield
    reset_plugin_manager()


@pytest.mark.django_db
def test_card_payment_flow_through_the_gateway_hooks(fake_gateway, pickup_checkout,
                                                     django_capture_on_commit_callbacks):
    checkout = Checkout.objects.get(pk=pickup_checkout.pk)
    # paymentGatewayInitialize: the known gateway answers, an unknown one gets NOT_FOUND
    configs = gateways.payment_gateway_initialize(source=checkout, gateways=[("tests.fake", None), ("nope", None)])
    assert [(c.id, c.data, [e["code"] for e in c.errors]) for c in configs] == [
        ("tests.fake", {"key": "pk_test"}, []), ("nope", None, ["NOT_FOUND"])]
    # transactionInitialize twice with the same key: one transaction, one gateway call
    first = gateways.transaction_initialize(source=checkout, gateway_id="tests.fake", idempotency_key="k-1")
    again = gateways.transaction_initialize(source=checkout, gateway_id="tests.fake", idempotency_key="k-1")
    assert (first.event.type, first.data, again.transaction.pk) == ("CHARGE_ACTION_REQUIRED",
                                                                    {"clientSecret": "secret"}, first.transaction.pk)
    assert CALLS.count(("transaction_initialize", "25.00")) == 1
    # transactionProcess twice: charged once
    processed = gateways.transaction_process(transaction_token=first.transaction.pk)
    replay = gateways.transaction_process(transaction_token=first.transaction.pk)
    assert (processed.event.type, replay.event.pk) == ("CHARGE_SUCCESS", processed.event.pk)
    assert CALLS.count(("transaction_process",)) == 1
    assert Checkout.objects.get(pk=checkout.pk).charge_status == "FULL"
    # checkoutComplete then tells the plugins the order exists and is paid
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout_complete(checkout_token=checkout.pk).order
    assert ("order_created", order.number) in CALLS and ("order_paid", order.number) in CALLS
    # staff refund through the gateway
    outcome = gateways.transaction_request_action(transaction_token=first.transaction.pk, action="REFUND",
                                                  amount=Decimal("5.00"))
    assert (outcome.event.type, outcome.transaction.charged_value, outcome.transaction.refund_pending_value) == (
        "REFUND_SUCCESS", Decimal("20.00"), Decimal("0.00"))


@pytest.mark.django_db
def test_unknown_gateway_and_unavailable_action_are_refused(fake_gateway, pickup_checkout):
    with pytest.raises(ValidationError) as error:
        gateways.transaction_initialize(source=pickup_checkout, gateway_id="inconnu")
    assert error.value.error_dict["payment_gateway"][0].code == "NOT_FOUND"
    outcome = gateways.transaction_initialize(source=pickup_checkout, gateway_id="tests.fake")
    with pytest.raises(ValidationError) as error:
        gateways.transaction_request_action(transaction_token=outcome.transaction.pk, action="REFUND")
    assert error.value.error_dict["action_type"][0].code == "INVALID"
    assert TransactionItem.objects.count() == 1
    assert TransactionEvent.objects.count() == 1


@pytest.mark.django_db
def test_plugins_hear_checkout_created_and_filter_delivery_options(fake_gateway, channel, cheese, zone,
                                                                   home_address, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        checkout = services.checkout_create(channel=channel, lines=[services.LineInput(cheese.pk, 1)])
    assert CALLS == [("checkout_created", str(checkout.pk))]
    cheese.weight = Decimal("12")
    cheese.save()
    delivery.checkout_shipping_address_update(checkout_token=checkout.pk, address=home_address)
    assert delivery.checkout_delivery_options_calculate(checkout_token=checkout.pk) == []
