"""Bad input through GraphQL: each answers the contract's error code in the payload and changes nothing."""

import pytest

from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.models import Checkout, CheckoutLine
from backend.commerce.order.models import Order
from backend.commerce.warehouse.models import Stock
from tests.backend.api.checkout.conftest import ERRORS, HOME, gid, run, sellable

ADD = """mutation ($id: ID!, $lines: [CheckoutLineInput!]!) { checkoutLinesAdd(id: $id, lines: $lines) {
  checkout { id } ERRS } }""".replace("ERRS", ERRORS)
UPDATE = """mutation ($id: ID!, $lines: [CheckoutLineUpdateInput!]!) { checkoutLinesUpdate(id: $id, lines: $lines) {
  checkout { id } ERRS } }""".replace("ERRS", ERRORS)
COMPLETE = """mutation ($id: ID!) { checkoutComplete(id: $id) { order { id } ERRS } }""".replace("ERRS", ERRORS)


@pytest.fixture
def cart(channel, cheese):
    return services.checkout_create(channel=channel, lines=[services.LineInput(cheese.pk, 2)])


def state():
    return (list(CheckoutLine.objects.order_by("pk").values_list("variant_id", "quantity")),
            list(Checkout.objects.values_list("email", "voucher_code", "shipping_address_id")),
            Order.objects.count())


def _add(api, checkout_id, variant_id, quantity):
    return run(api, ADD, {"id": checkout_id, "lines": [{"variantId": variant_id, "quantity": quantity}]},
               "checkoutLinesAdd")


def _error(answer):
    assert answer["checkout" if "checkout" in answer else "order"] is None
    return [(e["field"], e["code"]) for e in answer["errors"]]


@pytest.mark.django_db
def test_unknown_checkout_id_is_not_found(api, cart, cheese):
    before = state()
    unknown = gid("Checkout", "4a1f3b5e-0000-4000-8000-000000000000")
    assert _error(_add(api, unknown, gid("ProductVariant", cheese.pk), 1)) == [("id", "NOT_FOUND")]
    assert run(api, "query ($id: ID!) { checkout(id: $id) { id } }", {"id": unknown}) == {"checkout": None}
    assert state() == before


@pytest.mark.django_db
def test_wrong_type_and_malformed_ids_are_graphql_errors_in_the_payload(api, cart, cheese):
    before = state()
    as_order = gid("Order", cart.pk)
    assert _error(_add(api, as_order, gid("ProductVariant", cheese.pk), 1)) == [("id", "GRAPHQL_ERROR")]
    assert _error(_add(api, "pas-un-id", gid("ProductVariant", cheese.pk), 1)) == [("id", "GRAPHQL_ERROR")]
    assert _error(_add(api, gid("Checkout", cart.pk), gid("Product", cheese.product_id), 1)) == [
        ("variantId", "GRAPHQL_ERROR")]
    body = api.query("query ($id: ID!) { checkout(id: $id) { id } }", {"id": as_order})
    assert body["data"] == {"checkout": None}
    assert body["errors"][0]["message"].startswith("Invalid ID")
    assert state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("quantity", [0, -3])
def test_zero_or_negative_quantity_is_zero_quantity(api, cart, cheese, quantity):
    before = state()
    answer = _add(api, gid("Checkout", cart.pk), gid("ProductVariant", cheese.pk), quantity)
    assert _error(answer) == [("quantity", "ZERO_QUANTITY")]
    assert answer["errors"][0]["variants"] == [gid("ProductVariant", cheese.pk)]
    line = CheckoutLine.objects.get()
    negative = run(api, UPDATE, {"id": gid("Checkout", cart.pk), "lines": [{"lineId": gid("CheckoutLine", line.pk),
                                                                           "quantity": -1}]}, "checkoutLinesUpdate")
    assert _error(negative) == [("quantity", "ZERO_QUANTITY")]
    assert state() == before


@pytest.mark.django_db
def test_quantity_above_stock_is_insufficient_stock(api, cart, cheese):
    before = state()
    answer = _add(api, gid("Checkout", cart.pk), gid("ProductVariant", cheese.pk), 9)  # 2 + 9 > 10 in stock
    assert _error(answer) == [("quantity", "INSUFFICIENT_STOCK")]
    assert answer["errors"][0]["variants"] == [gid("ProductVariant", cheese.pk)]
    assert state() == before and Stock.objects.get(product_variant=cheese).quantity_allocated == 0


@pytest.mark.django_db
def test_variant_not_in_the_channel_is_unavailable_variant_in_channel(api, cart):
    from tests import factories

    other = factories.channel("autre-comptoir")
    foreign = sellable("Miel d'ailleurs", chan=other)
    before = state()
    answer = _add(api, gid("Checkout", cart.pk), gid("ProductVariant", foreign.pk), 1)
    assert _error(answer) == [("variantId", "UNAVAILABLE_VARIANT_IN_CHANNEL")]
    assert state() == before


@pytest.mark.django_db
def test_address_outside_the_served_communes_is_refused(api, cart, zone, communes):
    before = state()
    landrecies = {"firstName": "Léa", "lastName": "Martin", "streetAddress1": "1 place de l'Hôtel de ville",
                  "city": "Landrecies", "postalCode": "59550", "country": "FR"}
    answer = run(api, """mutation ($id: ID!, $a: AddressInput!) { checkoutShippingAddressUpdate(id: $id,
        shippingAddress: $a) { checkout { id } ERRS } }""".replace("ERRS", ERRORS),
                 {"id": gid("Checkout", cart.pk), "a": landrecies}, "checkoutShippingAddressUpdate")
    assert answer["checkout"] is None
    assert [(e["field"], e["code"], e["addressType"]) for e in answer["errors"]] == [
        ("postalCode", "INVALID", "SHIPPING")]
    assert "Landrecies" in answer["errors"][0]["message"]
    assert state() == before


@pytest.mark.django_db
def test_completed_checkout_reused_is_not_found(api, channel, cheese, pickup_point):
    checkout = services.checkout_create(channel=channel, email="lea@example.fr",
                                        lines=[services.LineInput(cheese.pk, 1)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=pickup_point.pk)
    run(api, COMPLETE, {"id": gid("Checkout", checkout.pk)})
    before = state()
    answer = _add(api, gid("Checkout", checkout.pk), gid("ProductVariant", cheese.pk), 1)
    assert _error(answer) == [("id", "NOT_FOUND")]
    assert state() == before


@pytest.mark.django_db
def test_missing_email_at_completion_is_email_not_set(api, cart, pickup_point):
    delivery.checkout_delivery_method_update(checkout_token=cart.pk, collection_point_id=pickup_point.pk)
    before = state()
    assert _error(run(api, COMPLETE, {"id": gid("Checkout", cart.pk)}, "checkoutComplete")) == [
        ("email", "EMAIL_NOT_SET")]
    assert state() == before


@pytest.mark.django_db
def test_invalid_promo_code_is_invalid(api, cart):
    before = state()
    answer = run(api, """mutation ($id: ID!) { checkoutAddPromoCode(id: $id, promoCode: "FAUX") { checkout { id }
        ERRS } }""".replace("ERRS", ERRORS), {"id": gid("Checkout", cart.pk)}, "checkoutAddPromoCode")
    assert _error(answer) == [("promoCode", "INVALID")]
    assert state() == before


@pytest.mark.django_db
def test_the_client_can_never_set_a_price(api, cart, cheese):
    before = state()
    body = api.query(ADD, {"id": gid("Checkout", cart.pk), "lines": [
        {"variantId": gid("ProductVariant", cheese.pk), "quantity": 1, "price": "0.01"}]})
    assert body["data"] == {"checkoutLinesAdd": None}
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert state() == before


@pytest.mark.django_db
def test_bad_email_and_unknown_channel(api, cart, channel):
    before = state()
    email = run(api, """mutation ($id: ID!) { checkoutEmailUpdate(id: $id, email: "pas-un-mail") { checkout { id }
        ERRS } }""".replace("ERRS", ERRORS), {"id": gid("Checkout", cart.pk)}, "checkoutEmailUpdate")
    assert _error(email) == [("email", "INVALID")]
    created = run(api, """mutation { checkoutCreate(input: {channel: "nulle-part"}) { checkout { id } ERRS } }"""
                  .replace("ERRS", ERRORS), path="checkoutCreate")
    assert _error(created) == [("channel", "NOT_FOUND")]
    assert state() == before


@pytest.mark.django_db
def test_home_delivery_before_an_address_is_shipping_address_not_set(api, cart, zone):
    before = state()
    answer = run(api, """mutation ($id: ID!, $m: ID) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $m) {
        checkout { id } ERRS } }""".replace("ERRS", ERRORS),
                 {"id": gid("Checkout", cart.pk), "m": gid("ShippingMethod", zone["light"].pk)},
                 "checkoutDeliveryMethodUpdate")
    assert _error(answer) == [("deliveryMethodId", "SHIPPING_ADDRESS_NOT_SET")]
    assert HOME["city"] == "Le Quesnoy" and state() == before
