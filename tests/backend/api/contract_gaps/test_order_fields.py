"""Order.grantedRefunds / invoices / payments / shippingTaxClass and OrderLine.allocations / discounts / taxClass:
real values, and each private field refused to whoever Saleor refuses it."""

import pytest

from backend.commerce.order.models import Order
from backend.commerce.shipping.models import ShippingMethod
from backend.core.ids import to_global_id
from backend.core.permissions import PermissionEnum
from tests import factories
from tests.backend.api.catalogue.conftest import UserClient
from tests.backend.api.contract_gaps.conftest import on_promotion, place_order, refusals

STAFF_VIEW = """query ($id: ID!) { order(id: $id) {
  number grantedRefunds { id } invoices { id } payments { id } shippingTaxClass { name }
  lines { productName quantity taxClass { name } allocations { quantity warehouse { name } }
          discounts { type name valueType value reason unit { amount } total { amount } } } } }"""
CUSTOMER_VIEW = """query ($id: ID!) { order(id: $id) {
  number invoices { id } payments { id }
  lines { productName discounts { type valueType value unit { amount } total { amount } } } } }"""


@pytest.fixture
def promoted_pickup_order(channel, customer, cheese, pickup_point):
    """Léa's two Maroilles at 10,00 € instead of 12,50 €, collected at Le Quesnoy."""
    on_promotion(cheese, "10.00")
    return place_order(channel, customer, [(cheese, 2)], point=pickup_point)


@pytest.mark.django_db
def test_staff_managing_orders_reads_allocations_discounts_and_tax_classes(order_manager_api, promoted_pickup_order):
    body = order_manager_api.query(STAFF_VIEW, {"id": to_global_id("Order", promoted_pickup_order.pk)})

    assert "errors" not in body
    order = body["data"]["order"]
    assert (order["grantedRefunds"], order["invoices"], order["payments"]) == ([], [], [])
    assert order["shippingTaxClass"] is None  # collected: no shipping method, no class
    assert order["lines"] == [{
        "productName": "Maroilles AOP", "quantity": 2, "taxClass": {"name": "Alimentation (5,5 %)"},
        "allocations": [{"quantity": 2, "warehouse": {"name": "Ferme du Bocage"}}],
        "discounts": [{"type": "PROMOTION", "name": None, "valueType": "FIXED", "value": 2.5, "reason": None,
                       "unit": {"amount": 2.5}, "total": {"amount": 5.0}}],
    }]


@pytest.mark.django_db
def test_the_customer_reads_discounts_invoices_and_payments_of_the_order(customer_api, promoted_pickup_order):
    body = customer_api.query(CUSTOMER_VIEW, {"id": to_global_id("Order", promoted_pickup_order.pk)})

    assert "errors" not in body
    assert body["data"]["order"]["lines"] == [{"productName": "Maroilles AOP", "discounts": [
        {"type": "PROMOTION", "valueType": "FIXED", "value": 2.5, "unit": {"amount": 2.5}, "total": {"amount": 5.0}}]}]
    assert (body["data"]["order"]["invoices"], body["data"]["order"]["payments"]) == ([], [])


@pytest.mark.django_db
def test_a_line_sold_at_its_listed_price_has_no_discount(order_manager_api, channel, customer, cheese, pickup_point):
    order = place_order(channel, customer, [(cheese, 1)], point=pickup_point)

    body = order_manager_api.query(STAFF_VIEW, {"id": to_global_id("Order", order.pk)})

    assert body["data"]["order"]["lines"][0]["discounts"] == []


@pytest.mark.django_db
def test_the_customer_is_refused_the_staff_fields_of_their_own_order(customer_api, promoted_pickup_order):
    order_id = to_global_id("Order", promoted_pickup_order.pk)

    private_lines = customer_api.query("""query ($id: ID!) { order(id: $id) { number shippingTaxClass { name }
      lines { taxClass { name } allocations { quantity } discounts { reason } } } }""", {"id": order_id})
    refunds = customer_api.query("query ($id: ID!) { order(id: $id) { number grantedRefunds { id } } }",
                                 {"id": order_id})

    assert sorted(refusals(private_lines)) == [
        (["order", "lines", 0, "allocations"], "PermissionDenied"),
        (["order", "lines", 0, "discounts", 0, "reason"], "PermissionDenied"),
        (["order", "lines", 0, "taxClass"], "PermissionDenied"),
        (["order", "shippingTaxClass"], "PermissionDenied"),
    ]
    assert private_lines["data"]["order"]["number"] == str(promoted_pickup_order.number)
    assert private_lines["data"]["order"]["lines"] == [
        {"taxClass": None, "allocations": None, "discounts": [{"reason": None}]}]
    # grantedRefunds is a non-null list: refusing it nulls the order, as in Saleor
    assert refusals(refunds) == [(["order", "grantedRefunds"], "PermissionDenied")]
    assert refunds["data"]["order"] is None


@pytest.mark.django_db
def test_staff_without_order_permission_reads_tax_classes_but_not_allocations(plain_staff_api, promoted_pickup_order):
    body = plain_staff_api.query("""query ($id: ID!) { order(id: $id) {
      lines { taxClass { name } allocations { quantity } } } }""",
                                 {"id": to_global_id("Order", promoted_pickup_order.pk)})

    assert refusals(body) == [(["order", "lines", 0, "allocations"], "PermissionDenied")]
    assert body["data"]["order"]["lines"] == [{"taxClass": {"name": "Alimentation (5,5 %)"}, "allocations": None}]


@pytest.mark.django_db
def test_shipping_tax_class_is_the_delivery_methods_class_at_the_rate_the_order_paid(
        order_manager_api, channel, customer, cheese, zone, home_address):
    light = ShippingMethod.objects.filter(pk=zone["light"].pk)
    light.update(tax_class=factories.tax_class("20"))
    delivered = place_order(channel, customer, [(cheese, 1)], delivery_zone=zone, address=home_address)
    query = "query ($id: ID!) { order(id: $id) { shippingTaxRate shippingTaxClass { name } } }"
    variables = {"id": to_global_id("Order", delivered.pk)}

    taxed_at_20 = order_manager_api.query(query, variables)["data"]["order"]
    light.update(tax_class=factories.tax_class("10"))
    class_changed_since = order_manager_api.query(query, variables)["data"]["order"]
    light.update(tax_class=None)
    untaxed = place_order(channel, customer, [(cheese, 1)], delivery_zone=zone, address=home_address)
    without_class = order_manager_api.query(query, {"id": to_global_id("Order", untaxed.pk)})["data"]["order"]

    assert taxed_at_20 == {"shippingTaxRate": 0.2, "shippingTaxClass": {"name": "Taux normal (20 %)"}}
    # the method is now taxed at 10 %: the class the order paid 20 % under is no longer known
    assert class_changed_since == {"shippingTaxRate": 0.2, "shippingTaxClass": None}
    # no class on the method: the standard 20 % applied, and there is no class to show (Saleor: null)
    assert without_class == {"shippingTaxRate": 0.2, "shippingTaxClass": None}


@pytest.mark.django_db
def test_a_tax_class_renamed_since_the_order_is_no_longer_found(order_manager_api, promoted_pickup_order):
    from backend.commerce.tax.models import TaxClass

    TaxClass.objects.filter(name="Alimentation (5,5 %)").update(name="Alimentaire")

    body = order_manager_api.query(STAFF_VIEW, {"id": to_global_id("Order", promoted_pickup_order.pk)})

    assert body["data"]["order"]["lines"][0]["taxClass"] is None
    assert Order.objects.get(pk=promoted_pickup_order.pk).lines.get().tax_class_name == "Alimentation (5,5 %)"


@pytest.mark.django_db
def test_allocations_list_each_warehouse_the_line_is_taken_from(channel, customer, cheese, farm, pickup_point):
    from backend.commerce.order.models import Allocation
    from backend.commerce.warehouse.models import Stock

    order = place_order(channel, customer, [(cheese, 3)], point=pickup_point)
    line = order.lines.get()
    other_farm = factories.warehouse("Ferme des Saules")
    other_stock = Stock.objects.create(warehouse=other_farm, product_variant=cheese, quantity=5, quantity_allocated=1)
    Allocation.objects.filter(order_line=line).update(quantity_allocated=2)
    Allocation.objects.create(order_line=line, stock=other_stock, quantity_allocated=1)
    stock_manager = UserClient(factories.staff(permissions=[PermissionEnum.MANAGE_PRODUCTS]))

    body = stock_manager.query("query ($id: ID!) { order(id: $id) { lines { allocations { id quantity "
                               "warehouse { name } } } } }", {"id": to_global_id("Order", order.pk)})

    allocations = body["data"]["order"]["lines"][0]["allocations"]
    assert [(a["quantity"], a["warehouse"]["name"]) for a in allocations] == [
        (2, "Ferme du Bocage"), (1, "Ferme des Saules")]
    assert allocations[1]["id"] == to_global_id("Allocation", Allocation.objects.get(stock=other_stock).pk)


STAFF_LIST = """{ orders(first: 20) { edges { node { number shippingTaxClass { name } grantedRefunds { id }
  invoices { id } payments { id }
  lines { taxClass { name } allocations { quantity warehouse { name } } discounts { type reason total { amount } } }
  transactions { reason createdBy { __typename ... on User { email } ... on App { name } } } } } } }"""


@pytest.mark.django_db
def test_the_new_order_fields_cost_the_same_queries_for_one_order_or_many(order_manager, channel, customer, cheese,
                                                                          zone, home_address):
    from backend.commerce.order.services import order_mark_as_paid
    from tests.backend.api.contract_gaps.conftest import count_queries, fresh
    from tests.backend.commerce.conftest import sellable

    ShippingMethod.objects.filter(pk=zone["light"].pk).update(tax_class=factories.tax_class("20"))
    on_promotion(cheese, "10.00")
    counts = []
    for total in (1, 3):
        while Order.objects.count() < total:
            beer = sellable(f"Bière {Order.objects.count()}", price="3.90", rate="20")
            order = place_order(channel, customer, [(cheese, 1), (beer, 2)], delivery_zone=zone,
                                address=home_address)
            order_mark_as_paid(order_id=order.pk, user=order_manager, transaction_reference=f"cb-{order.number}")
        count, body = count_queries(UserClient(fresh(order_manager)), STAFF_LIST)
        assert "errors" not in body
        nodes = [edge["node"] for edge in body["data"]["orders"]["edges"]]
        assert len(nodes) == total
        assert nodes[0]["shippingTaxClass"] == {"name": "Taux normal (20 %)"}
        assert [line["taxClass"]["name"] for line in nodes[0]["lines"]] == ["Alimentation (5,5 %)",
                                                                            "Taux normal (20 %)"]
        assert nodes[0]["transactions"][0]["createdBy"] == {"__typename": "User",
                                                            "email": "commandes@comptoir-de-mormal.fr"}
        counts.append(count)
    # permissions (2), orders, their shipping methods, lines, transactions, tax classes by id (of the methods) and by
    # name (of the lines), allocations with their stock, transaction events, warehouses (the staff member who took
    # the payment is the viewer: no query)
    assert counts == [11, 11]
