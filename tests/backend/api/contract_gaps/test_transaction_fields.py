"""TransactionItem.createdBy / reason / reasonReference / paymentMethodDetails."""

import uuid
from decimal import Decimal

import pytest

from backend.commerce.order.services import order_mark_as_paid
from backend.commerce.payment import gateways
from backend.commerce.payment.services import transaction_create, transaction_event_record
from backend.core.ids import to_global_id
from backend.core.plugins import BasePlugin, reset_plugin_manager
from tests import factories
from tests.backend.api.contract_gaps.conftest import place_order

TRANSACTIONS = """query ($id: ID!) { order(id: $id) { transactions { name reason reasonReference { id }
  paymentMethodDetails { name }
  createdBy { __typename ... on User { email } ... on App { id name identifier isActive type author } } } } }"""


class RefundingGateway(BasePlugin):
    """A card gateway that accepts every refund asked of it (each under a reference of its own)."""

    PLUGIN_ID = "tests.refunding-gateway"
    GATEWAY = "tests.carte"

    def payment_gateways(self, previous_value, **kwargs):
        return [*previous_value, gateways.PaymentGatewayInfo(id=self.GATEWAY, name="Carte bancaire (test)")]

    def transaction_action_request(self, previous_value, gateway_id, action, amount, transaction, **kwargs):
        if gateway_id != self.GATEWAY:
            return previous_value
        return gateways.TransactionSessionResult(result=f"{action}_SUCCESS", amount=amount,
                                                 psp_reference=f"re_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def refunding_gateway(settings):
    settings.PLUGINS = ["tests.backend.api.contract_gaps.test_transaction_fields.RefundingGateway"]
    reset_plugin_manager()
    yield
    reset_plugin_manager()


@pytest.fixture
def order(channel, customer, cheese, pickup_point):
    return place_order(channel, customer, [(cheese, 2)], point=pickup_point)


def _card_payment(order, user=None):
    item, _ = transaction_create(order=order, name="Carte bancaire (test)", app_identifier=RefundingGateway.GATEWAY,
                                 available_actions=["REFUND"], user=user)
    transaction_event_record(transaction_token=item.pk, type="CHARGE_SUCCESS", amount=Decimal("25.00"),
                             psp_reference="pi_1")
    return item


@pytest.mark.django_db
def test_a_gateway_payment_was_created_by_its_app(refunding_gateway, order_manager_api, order):
    _card_payment(order)

    body = order_manager_api.query(TRANSACTIONS, {"id": to_global_id("Order", order.pk)})

    assert body == {"data": {"order": {"transactions": [{
        "name": "Carte bancaire (test)", "reason": None, "reasonReference": None, "paymentMethodDetails": None,
        "createdBy": {"__typename": "App", "id": to_global_id("App", "tests.carte"), "name": "Carte bancaire (test)",
                      "identifier": "tests.carte", "isActive": True, "type": "LOCAL", "author": None}}]}}}


@pytest.mark.django_db
def test_a_payment_taken_at_the_counter_was_created_by_the_staff_member(order_manager, order_manager_api,
                                                                         customer_api, api, order):
    order_mark_as_paid(order_id=order.pk, user=order_manager, transaction_reference="especes-1")
    variables = {"id": to_global_id("Order", order.pk)}

    as_staff = order_manager_api.query(TRANSACTIONS, variables)["data"]["order"]["transactions"]
    as_customer = customer_api.query(TRANSACTIONS, variables)["data"]["order"]["transactions"]
    as_id_holder = api.query(TRANSACTIONS, variables)["data"]["order"]["transactions"]

    assert [t["createdBy"] for t in as_staff] == [{"__typename": "User", "email": "commandes@comptoir-de-mormal.fr"}]
    # who took the money is not shown to the customer, nor to a guest holding the order's ID
    assert [t["createdBy"] for t in as_customer] == [t["createdBy"] for t in as_id_holder] == [None]


@pytest.mark.django_db
def test_a_payment_started_by_the_customer_names_them_to_themselves(refunding_gateway, customer, customer_api, order):
    _card_payment(order, user=customer)

    body = customer_api.query(TRANSACTIONS, {"id": to_global_id("Order", order.pk)})

    assert body["data"]["order"]["transactions"][0]["createdBy"] == {"__typename": "User", "email": "lea@example.fr"}


@pytest.mark.django_db
def test_a_pay_at_pickup_transaction_without_a_user_is_the_platforms_app(order_manager_api, order):
    order_mark_as_paid(order_id=order.pk, transaction_reference="cb-terminal-7")

    body = order_manager_api.query(TRANSACTIONS, {"id": to_global_id("Order", order.pk)})

    assert body["data"]["order"]["transactions"][0]["createdBy"] == {
        "__typename": "App", "id": to_global_id("App", "comptoir.pay-at-pickup"), "name": "Paiement au retrait",
        "identifier": "comptoir.pay-at-pickup", "isActive": True, "type": "LOCAL", "author": None}


@pytest.mark.django_db
def test_the_refund_reason_given_by_staff_is_the_transactions_reason(refunding_gateway, order_manager_api, order):
    item = _card_payment(order)
    refund = """mutation ($id: ID!, $reason: String) { transactionRequestAction(id: $id, actionType: REFUND,
      amount: 5, refundReason: $reason) { transaction { reason refundedAmount { amount } chargedAmount { amount }
      events { type message } } errors { field code } } }"""
    transaction_id = to_global_id("TransactionItem", item.pk)

    first = order_manager_api.query(refund, {"id": transaction_id, "reason": "Maroilles abîmé"})
    second = order_manager_api.query(refund, {"id": transaction_id, "reason": "Geste commercial"})
    without = order_manager_api.query(refund, {"id": transaction_id})

    assert first["data"]["transactionRequestAction"]["errors"] == []
    assert first["data"]["transactionRequestAction"]["transaction"]["reason"] == "Maroilles abîmé"
    assert second["data"]["transactionRequestAction"]["transaction"]["reason"] == "Geste commercial"
    # a refund without a reason leaves the last reason given
    answer = without["data"]["transactionRequestAction"]["transaction"]
    assert (answer["reason"], answer["refundedAmount"], answer["chargedAmount"]) == (
        "Geste commercial", {"amount": 15.0}, {"amount": 10.0})
    assert [e for e in answer["events"] if e["type"] == "REFUND_REQUEST"] == [
        {"type": "REFUND_REQUEST", "message": "Maroilles abîmé"},
        {"type": "REFUND_REQUEST", "message": "Geste commercial"},
        {"type": "REFUND_REQUEST", "message": ""}]


@pytest.mark.django_db
def test_a_charge_request_keeps_no_reason(refunding_gateway, order):
    item, _ = transaction_create(order=order, name="Carte bancaire (test)", app_identifier=RefundingGateway.GATEWAY,
                                 available_actions=["CHARGE"])
    transaction_event_record(transaction_token=item.pk, type="AUTHORIZATION_SUCCESS", amount=Decimal("25.00"),
                             psp_reference="pi_2")

    gateways.transaction_request_action(transaction_token=item.pk, action="CHARGE", user=factories.staff(),
                                        reason="ignorée")

    assert list(item.events.filter(type="CHARGE_REQUEST").values_list("message", flat=True)) == [""]
