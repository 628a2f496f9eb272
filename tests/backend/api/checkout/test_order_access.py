"""Who reads an order, a cart, the staff order list; staff order mutations and their permissions."""

import pytest

from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.order.models import Order, OrderEvent
from tests import factories
from tests.backend.api.catalogue.conftest import UserClient
from tests.backend.api.checkout.conftest import gid, run

ORDER = """query ($id: ID!) { order(id: $id) { id number userEmail user { email } customerNote
  shippingAddress { firstName streetAddress1 city } metadata { key value } isPaid paymentStatus
  total { gross { amount } } } }"""


@pytest.fixture
def placed_order(channel, cheese, pickup_point, customer):
    checkout = services.checkout_create(channel=channel, user=customer, lines=[services.LineInput(cheese.pk, 2)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=pickup_point.pk)
    return checkout_complete(checkout_token=checkout.pk, customer_note="Je passe mardi").order


def _read(client, order):
    return run(client, ORDER, {"id": gid("Order", order.pk)}, "order")


@pytest.mark.django_db
def test_owner_and_order_staff_read_the_order_in_full(placed_order, customer_api, order_staff_api):
    for client in (customer_api, order_staff_api):
        order = _read(client, placed_order)
        assert (order["userEmail"], order["user"], order["customerNote"]) == (
            "lea@example.fr", {"email": "lea@example.fr"}, "Je passe mardi")
        assert order["shippingAddress"]["streetAddress1"] == "1 rue de la Gare"
        assert order["metadata"] == [{"key": "pickupCode", "value": placed_order.pickup_code}]


@pytest.mark.django_db
def test_id_holders_read_the_order_anonymised_but_with_its_pickup_code(placed_order, api, plain_staff_api):
    other_customer = UserClient(factories.user("paul@example.fr"))
    for client in (api, other_customer, plain_staff_api):
        order = _read(client, placed_order)
        assert (order["userEmail"], order["user"], order["customerNote"]) == ("l...@example.fr", None, "")
        assert order["shippingAddress"] == {"firstName": "", "streetAddress1": "1...", "city": "Le Quesnoy"}
        assert order["metadata"] == [{"key": "pickupCode", "value": placed_order.pickup_code}]
        assert (order["isPaid"], order["paymentStatus"], order["total"]) == (False, "NOT_CHARGED",
                                                                              {"gross": {"amount": 25.0}})


@pytest.mark.django_db
def test_staff_orders_list_needs_manage_orders(placed_order, api, plain_staff_api, customer_api, order_staff_api):
    query = "{ orders(first: 10) { totalCount edges { node { number } } } }"
    for client in (api, customer_api, plain_staff_api):
        body = client.query(query)
        assert body["data"] == {"orders": None}
        assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert run(order_staff_api, query, path="orders") == {
        "totalCount": 1, "edges": [{"node": {"number": str(placed_order.number)}}]}


@pytest.mark.django_db
def test_staff_orders_filters(placed_order, order_staff_api, channel, cheese, pickup_point):
    second = services.checkout_create(channel=channel, email="paul@example.fr",
                                      lines=[services.LineInput(cheese.pk, 1)])
    delivery.checkout_delivery_method_update(checkout_token=second.pk, collection_point_id=pickup_point.pk)
    paul = checkout_complete(checkout_token=second.pk).order
    query = """query ($f: OrderFilterInput, $s: String) { orders(first: 10, filter: $f, search: $s) {
        edges { node { number } } } }"""

    def numbers(**variables):
        return [e["node"]["number"] for e in run(order_staff_api, query, variables, "orders")["edges"]]

    assert numbers() == [str(paul.number), str(placed_order.number)]
    assert numbers(f={"customer": "paul"}) == [str(paul.number)]
    assert numbers(f={"numbers": [str(placed_order.number)]}) == [str(placed_order.number)]
    assert numbers(f={"status": ["UNFULFILLED"], "isClickAndCollect": True}) == [str(paul.number),
                                                                                 str(placed_order.number)]
    assert numbers(f={"status": ["CANCELED"]}) == []
    assert numbers(s=placed_order.pickup_code) == [str(placed_order.number)]


@pytest.mark.django_db
def test_me_orders_lists_only_the_customers_own_orders_with_pickup_code(placed_order, customer_api, channel, cheese,
                                                                         pickup_point):
    stranger = services.checkout_create(channel=channel, email="paul@example.fr",
                                        lines=[services.LineInput(cheese.pk, 1)])
    delivery.checkout_delivery_method_update(checkout_token=stranger.pk, collection_point_id=pickup_point.pk)
    checkout_complete(checkout_token=stranger.pk)
    answer = run(customer_api, "{ me { orders(first: 5) { totalCount edges { node { number metafield(key: "
                               "\"pickupCode\") } } } } }", path="me")
    assert answer == {"orders": {"totalCount": 1, "edges": [{"node": {"number": str(placed_order.number),
                                                                      "metafield": placed_order.pickup_code}}]}}


@pytest.mark.django_db
def test_another_customers_cart_is_read_only_by_its_id(api, channel, cheese, customer):
    cart = services.checkout_create(channel=channel, user=customer, lines=[services.LineInput(cheese.pk, 1)])
    query = "query ($id: ID!) { checkout(id: $id) { email user { email } lines { quantity } } }"
    # Holding the cart's UUID is the right to read it (as Saleor); its owner's account stays hidden.
    assert run(api, query, {"id": gid("Checkout", cart.pk)}, "checkout") == {
        "email": "lea@example.fr", "user": None, "lines": [{"quantity": 1}]}
    assert run(UserClient(customer), query, {"id": gid("Checkout", cart.pk)}, "checkout")["user"] == {
        "email": "lea@example.fr"}


STAFF_MUTATIONS = {
    "orderConfirm": "mutation ($id: ID!) { orderConfirm(id: $id) { order { status } errors { field code } } }",
    "orderMarkAsPaid": """mutation ($id: ID!) { orderMarkAsPaid(id: $id, transactionReference: "caisse-12") {
        order { isPaid chargeStatus totalCharged { amount } } errors { field code } } }""",
    "orderNoteAdd": """mutation ($id: ID!) { orderNoteAdd(order: $id, input: {message: "Client prévenu"}) {
        event { type message } errors { field code } } }""",
    "orderCancel": "mutation ($id: ID!) { orderCancel(id: $id) { order { status statusDisplay } errors { code } } }",
}


@pytest.mark.django_db
def test_staff_order_mutations_are_refused_without_manage_orders(placed_order, api, customer_api, plain_staff_api):
    for client in (api, customer_api, plain_staff_api):
        for name, mutation in STAFF_MUTATIONS.items():
            body = client.query(mutation, {"id": gid("Order", placed_order.pk)})
            assert body["data"] == {name: None}
            assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    placed_order.refresh_from_db()
    assert (placed_order.status, placed_order.charge_status) == ("UNFULFILLED", "NONE")
    assert OrderEvent.objects.filter(order=placed_order).count() == 1  # PLACED only


@pytest.mark.django_db
def test_order_staff_marks_paid_notes_and_cancels(placed_order, order_staff_api):
    order_id = gid("Order", placed_order.pk)
    confirm = run(order_staff_api, STAFF_MUTATIONS["orderConfirm"], {"id": order_id}, "orderConfirm")
    assert confirm == {"order": None, "errors": [{"field": "id", "code": "INVALID"}]}  # already confirmed
    paid = run(order_staff_api, STAFF_MUTATIONS["orderMarkAsPaid"], {"id": order_id}, "orderMarkAsPaid")
    assert paid == {"order": {"isPaid": True, "chargeStatus": "FULL", "totalCharged": {"amount": 25.0}},
                    "errors": []}
    note = run(order_staff_api, STAFF_MUTATIONS["orderNoteAdd"], {"id": order_id}, "orderNoteAdd")
    assert note == {"event": {"type": "NOTE_ADDED", "message": "Client prévenu"}, "errors": []}
    cancel = run(order_staff_api, STAFF_MUTATIONS["orderCancel"], {"id": order_id}, "orderCancel")
    assert cancel == {"order": {"status": "CANCELED", "statusDisplay": "Annulée"}, "errors": []}
    assert Order.objects.get().status == "CANCELED"


@pytest.mark.django_db
def test_order_fulfill_and_cancel_the_fulfillment(placed_order, order_staff_api, farm):
    line = placed_order.lines.get()
    ids = {"o": gid("Order", placed_order.pk), "l": gid("OrderLine", line.pk), "w": gid("Warehouse", farm.pk)}
    fulfilled = run(order_staff_api, """mutation ($o: ID!, $l: ID!, $w: ID!) { orderFulfill(order: $o, input: {
        lines: [{orderLineId: $l, stocks: [{quantity: 2, warehouse: $w}]}], notifyCustomer: false}) {
        fulfillments { id status lines { quantity orderLine { productName variant { id } } } warehouse { name } }
        order { status } errors { field code } } }""",
                    ids, "orderFulfill")
    assert fulfilled["errors"] == [] and fulfilled["order"] == {"status": "FULFILLED"}
    fulfillment = fulfilled["fulfillments"][0]
    assert (fulfillment["status"], fulfillment["lines"], fulfillment["warehouse"]) == (
        "FULFILLED", [{"quantity": 2, "orderLine": {"productName": "Maroilles AOP",
                                                    "variant": {"id": gid("ProductVariant", line.variant_id)}}}],
        {"name": "Ferme du Bocage"})
    cancelled = run(order_staff_api, """mutation ($id: ID!) { orderFulfillmentCancel(id: $id) {
        fulfillment { status } order { status } errors { code } } }""", {"id": fulfillment["id"]},
                    "orderFulfillmentCancel")
    assert cancelled == {"fulfillment": {"status": "CANCELED"}, "order": {"status": "UNFULFILLED"}, "errors": []}
    too_many = run(order_staff_api, """mutation ($o: ID!, $l: ID!, $w: ID!) { orderFulfill(order: $o, input: {
        lines: [{orderLineId: $l, stocks: [{quantity: 5, warehouse: $w}]}]}) { order { status }
        errors { field code orderLines } } }""",
                   ids, "orderFulfill")
    assert too_many == {"order": None, "errors": [{"field": "orderLineId", "code": "FULFILL_ORDER_LINE",
                                                   "orderLines": [gid("OrderLine", line.pk)]}]}


@pytest.mark.django_db
def test_order_mutations_on_unknown_or_foreign_ids_answer_typed_errors(order_staff_api, placed_order):
    unknown = gid("Order", "4a1f3b5e-0000-4000-8000-000000000000")
    note = """mutation ($id: ID!) { orderNoteAdd(order: $id, input: {message: "x"}) { event { id }
        errors { field code } } }"""
    assert run(order_staff_api, note, {"id": unknown}, "orderNoteAdd") == {
        "event": None, "errors": [{"field": "id", "code": "GRAPHQL_ERROR"}]}
    cancel = "mutation ($id: ID!) { orderCancel(id: $id) { order { id } errors { field code } } }"
    assert run(order_staff_api, cancel, {"id": unknown}, "orderCancel") == {
        "order": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]}
    assert run(order_staff_api, cancel, {"id": gid("Checkout", placed_order.pk)}, "orderCancel") == {
        "order": None, "errors": [{"field": "id", "code": "GRAPHQL_ERROR"}]}
    assert Order.objects.get().status == "UNFULFILLED"


@pytest.mark.django_db
def test_staff_orders_where_and_external_reference(placed_order, order_staff_api, api):
    query = """query ($w: OrderWhereInput) { orders(first: 5, where: $w) { edges { node { number } } } }"""

    def numbers(where):
        return [e["node"]["number"] for e in run(order_staff_api, query, {"w": where}, "orders")["edges"]]

    number = str(placed_order.number)
    assert numbers({"userEmail": {"eq": "lea@example.fr"}}) == [number]
    assert numbers({"OR": [{"userEmail": {"eq": "personne@example.fr"}}, {"number": {"eq": placed_order.number}}]}) \
        == [number]
    assert numbers({"AND": [{"status": {"oneOf": ["UNFULFILLED"]}}, {"isClickAndCollect": False}]}) == []
    assert numbers({"checkoutToken": {"eq": placed_order.checkout_token}}) == [number]
    Order.objects.filter(pk=placed_order.pk).update(external_reference="CAISSE-42")
    by_reference = '{ order(externalReference: "CAISSE-42") { number } }'
    assert run(order_staff_api, by_reference, path="order") == {"number": number}
    body = api.query(by_reference)
    assert body["data"] == {"order": None}
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


@pytest.mark.django_db
def test_stock_reservation_expiry_is_shown_on_the_cart(api, channel, cheese):
    from datetime import timedelta

    from django.utils import timezone

    channel.reservation_minutes_anonymous = 20
    channel.save(update_fields=["reservation_minutes_anonymous"])
    before = timezone.now()
    cart = services.checkout_create(channel=channel, lines=[services.LineInput(cheese.pk, 2)])
    answer = run(api, "query ($id: ID!) { checkout(id: $id) { stockReservationExpires } }",
                 {"id": gid("Checkout", cart.pk)}, "checkout")
    from datetime import datetime

    expires = datetime.fromisoformat(answer["stockReservationExpires"])
    assert before + timedelta(minutes=20) <= expires <= timezone.now() + timedelta(minutes=20)
