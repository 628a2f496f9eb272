"""The transactions API through GraphQL, with a small gateway plugin written for the test (the real gateways are
plugins/stripe and plugins/dummy)."""

from decimal import Decimal

import pytest

from backend.commerce.checkout import delivery, services
from backend.commerce.payment import gateways
from backend.commerce.payment.models import TransactionItem
from backend.core.plugins import BasePlugin, reset_plugin_manager
from tests.backend.api.checkout.conftest import gid, run


class CardGateway(BasePlugin):
    """Asks for confirmation at initialize, then charges what was asked when processed."""

    PLUGIN_ID = "tests.api-card-gateway"
    GATEWAY = "tests.card"

    def payment_gateways(self, previous_value, **kwargs):
        return [*previous_value, gateways.PaymentGatewayInfo(id=self.GATEWAY, name="Carte (test)",
                                                             config=(("publicKey", "pk_test"),))]

    def payment_gateway_initialize(self, previous_value, gateway_id, **kwargs):
        if gateway_id != self.GATEWAY:
            return previous_value
        return {**previous_value, gateway_id: gateways.GatewayConfigResult(id=gateway_id,
                                                                           data={"publicKey": "pk_test"})}

    def transaction_initialize(self, previous_value, gateway_id, transaction, amount, **kwargs):
        if gateway_id != self.GATEWAY:
            return previous_value
        return gateways.TransactionSessionResult(result="CHARGE_ACTION_REQUIRED", amount=amount,
                                                 psp_reference=f"pi_{transaction.pk.hex[:8]}",
                                                 data={"clientSecret": "secret"}, actions=("CANCEL",))

    def transaction_process(self, previous_value, gateway_id, transaction, source, **kwargs):
        if gateway_id != self.GATEWAY:
            return previous_value
        return gateways.TransactionSessionResult(result="CHARGE_SUCCESS", amount=Decimal("25.00"),
                                                 psp_reference=transaction.psp_reference, actions=("REFUND",))

    def transaction_action_request(self, previous_value, gateway_id, action, amount, transaction, **kwargs):
        if gateway_id != self.GATEWAY:
            return previous_value
        return gateways.TransactionSessionResult(result=f"{action}_SUCCESS", amount=amount,
                                                 psp_reference=f"re_{transaction.pk.hex[:8]}")


@pytest.fixture
def card_gateway(settings):
    settings.PLUGINS = ["tests.backend.api.checkout.test_payments.CardGateway"]
    reset_plugin_manager()
    yield
    reset_plugin_manager()


@pytest.fixture
def ready_cart(channel, cheese, pickup_point):
    checkout = services.checkout_create(channel=channel, email="lea@example.fr",
                                        lines=[services.LineInput(cheese.pk, 2)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=pickup_point.pk)
    return checkout


@pytest.mark.django_db
def test_card_payment_then_complete_gives_a_paid_order(card_gateway, api, ready_cart, order_staff_api):
    checkout_id = gid("Checkout", ready_cart.pk)
    gateways_list = run(api, "query ($id: ID!) { checkout(id: $id) { availablePaymentGateways { id name config "
                             "{ field value } currencies } } }", {"id": checkout_id}, "checkout")
    assert gateways_list == {"availablePaymentGateways": [{"id": "tests.card", "name": "Carte (test)", "config": [
        {"field": "publicKey", "value": "pk_test"}], "currencies": ["EUR"]}]}
    configs = run(api, """mutation ($id: ID!) { paymentGatewayInitialize(id: $id, paymentGateways: [{id: "tests.card"},
        {id: "inconnu"}]) { gatewayConfigs { id data errors { field code } } errors { code } } }""",
                  {"id": checkout_id}, "paymentGatewayInitialize")
    assert configs == {"gatewayConfigs": [{"id": "tests.card", "data": {"publicKey": "pk_test"}, "errors": []},
                                          {"id": "inconnu", "data": None, "errors": [{"field": "id",
                                                                                      "code": "NOT_FOUND"}]}],
                       "errors": []}
    started = run(api, """mutation ($id: ID!) { transactionInitialize(id: $id, paymentGateway: {id: "tests.card"}) {
        transaction { id actions chargePendingAmount { amount } } transactionEvent { type amount { amount } }
        data errors { field code } } }""", {"id": checkout_id}, "transactionInitialize")
    assert started["errors"] == [] and started["data"] == {"clientSecret": "secret"}
    assert started["transactionEvent"] == {"type": "CHARGE_ACTION_REQUIRED", "amount": {"amount": 25.0}}
    process = """mutation ($id: ID!) { transactionProcess(id: $id) { transaction { chargedAmount { amount } actions }
        transactionEvent { type } errors { code } } }"""
    processed = run(api, process, {"id": started["transaction"]["id"]}, "transactionProcess")
    again = run(api, process, {"id": started["transaction"]["id"]}, "transactionProcess")
    assert processed == again == {"transaction": {"chargedAmount": {"amount": 25.0}, "actions": ["REFUND"]},
                                  "transactionEvent": {"type": "CHARGE_SUCCESS"}, "errors": []}
    paid_cart = run(api, "query ($id: ID!) { checkout(id: $id) { chargeStatus authorizeStatus totalBalance { amount } "
                         "transactions { pspReference events { type } } } }", {"id": checkout_id}, "checkout")
    assert (paid_cart["chargeStatus"], paid_cart["authorizeStatus"], paid_cart["totalBalance"]) == (
        "FULL", "FULL", {"amount": 0.0})
    assert [e["type"] for e in paid_cart["transactions"][0]["events"]] == ["CHARGE_ACTION_REQUIRED", "CHARGE_SUCCESS"]
    order = run(api, "mutation ($id: ID!) { checkoutComplete(id: $id) { order { id isPaid chargeStatus "
                     "transactions { chargedAmount { amount } } } errors { code } } }", {"id": checkout_id},
                "checkoutComplete")["order"]
    assert (order["isPaid"], order["chargeStatus"], order["transactions"]) == (
        True, "FULL", [{"chargedAmount": {"amount": 25.0}}])
    # staff refunds through the gateway; customers cannot
    refund = """mutation ($id: ID!) { transactionRequestAction(id: $id, actionType: REFUND, amount: 5) {
        transaction { chargedAmount { amount } refundedAmount { amount } } errors { field code } } }"""
    body = api.query(refund, {"id": started["transaction"]["id"]})
    assert body["data"] == {"transactionRequestAction": None}
    assert run(order_staff_api, refund, {"id": started["transaction"]["id"]}, "transactionRequestAction") == {
        "transaction": {"chargedAmount": {"amount": 20.0}, "refundedAmount": {"amount": 5.0}}, "errors": []}


@pytest.mark.django_db
def test_payment_bad_input(card_gateway, api, ready_cart):
    init = """mutation ($id: ID!, $g: String!) { transactionInitialize(id: $id, paymentGateway: {id: $g}) {
        transaction { id } errors { field code } } }"""
    assert run(api, init, {"id": gid("Checkout", ready_cart.pk), "g": "inconnu"}, "transactionInitialize") == {
        "transaction": None, "errors": [{"field": "paymentGateway", "code": "NOT_FOUND"}]}
    assert run(api, init, {"id": gid("Product", 1), "g": "tests.card"}, "transactionInitialize") == {
        "transaction": None, "errors": [{"field": "id", "code": "GRAPHQL_ERROR"}]}
    unknown = gid("Checkout", "4a1f3b5e-0000-4000-8000-000000000000")
    assert run(api, init, {"id": unknown, "g": "tests.card"}, "transactionInitialize") == {
        "transaction": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]}
    processed = run(api, "mutation ($id: ID!) { transactionProcess(id: $id) { transaction { id } errors { field code "
                         "} } }", {"id": gid("TransactionItem", "4a1f3b5e-0000-4000-8000-000000000000")},
                    "transactionProcess")
    assert processed == {"transaction": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]}
    assert TransactionItem.objects.count() == 0
