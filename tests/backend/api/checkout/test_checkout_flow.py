"""The storefront's checkout sequence through GraphQL: cart, e-mail, delivery, completion, the order."""

from decimal import Decimal

import pytest

from backend.commerce.checkout.models import Checkout, CheckoutLine
from backend.commerce.order.models import Order
from tests.backend.api.checkout.conftest import CHECKOUT_FIELDS, ERRORS, HOME, gid, run

CREATE = CHECKOUT_FIELDS + """
mutation Create($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {
  checkout { ...CheckoutFields } ERRS } }""".replace("ERRS", ERRORS)
ADD = CHECKOUT_FIELDS + """
mutation Add($id: ID!, $lines: [CheckoutLineInput!]!) { checkoutLinesAdd(id: $id, lines: $lines) {
  checkout { ...CheckoutFields } ERRS } }""".replace("ERRS", ERRORS)
EMAIL = """mutation ($id: ID!, $email: String!) { checkoutEmailUpdate(id: $id, email: $email) {
  checkout { email } ERRS } }""".replace("ERRS", ERRORS)
DELIVERY = CHECKOUT_FIELDS + """
mutation ($id: ID!, $method: ID) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
  checkout { ...CheckoutFields } ERRS } }""".replace("ERRS", ERRORS)
COMPLETE = """mutation ($id: ID!) { checkoutComplete(id: $id) {
  order { id number status statusDisplay userEmail isPaid chargeStatus collectionPointName
          total { gross { amount } } metadata { key value } lines { productName quantity } }
  ERRS } }""".replace("ERRS", ERRORS)


def _create(api, channel, lines=()):
    return run(api, CREATE, {"input": {"channel": channel.slug, "lines": list(lines)}}, "checkoutCreate")


@pytest.mark.django_db
def test_pickup_checkout_from_an_empty_cart_to_an_order_paid_at_pickup(api, channel, cheese, beer, pickup_point):
    # given an empty cart
    created = _create(api, channel)
    assert created["errors"] == [] and created["checkout"]["quantity"] == 0
    checkout_id = created["checkout"]["id"]
    # when the buyer adds two Maroilles and three beers, then the same Maroilles again
    added = run(api, ADD, {"id": checkout_id, "lines": [{"variantId": gid("ProductVariant", cheese.pk), "quantity": 2},
                                                        {"variantId": gid("ProductVariant", beer.pk), "quantity": 3}]},
                "checkoutLinesAdd")
    added = run(api, ADD, {"id": checkout_id, "lines": [{"variantId": gid("ProductVariant", cheese.pk),
                                                         "quantity": 1}]}, "checkoutLinesAdd")
    cart = added["checkout"]
    # then one line per variant, prices from the listings, VAT per rate (5,5 % and 20 %) to the cent
    assert [(line["quantity"], line["totalPrice"]["gross"]["amount"]) for line in cart["lines"]] == [(3, 37.5),
                                                                                                   (3, 11.7)]
    assert cart["subtotalPrice"] == {"gross": {"amount": 49.2}, "tax": {"amount": 3.9}}
    assert cart["availableCollectionPoints"] == [{"id": gid("Warehouse", pickup_point.pk),
                                                  "name": "Point retrait Le Quesnoy"}]
    # when the e-mail and the pickup point are set, and the cart completed (pay at pickup)
    assert run(api, EMAIL, {"id": checkout_id, "email": "Lea@Example.fr"}, "checkoutEmailUpdate") == {
        "checkout": {"email": "lea@example.fr"}, "errors": []}
    chosen = run(api, DELIVERY, {"id": checkout_id, "method": gid("Warehouse", pickup_point.pk)},
                 "checkoutDeliveryMethodUpdate")
    assert chosen["errors"] == []
    assert chosen["checkout"]["deliveryMethod"] == {"__typename": "Warehouse", "id": gid("Warehouse", pickup_point.pk),
                                                    "name": "Point retrait Le Quesnoy"}
    assert chosen["checkout"]["totalPrice"] == {"gross": {"amount": 49.2}, "net": {"amount": 45.3}}
    completed = run(api, COMPLETE, {"id": checkout_id}, "checkoutComplete")
    # then an unpaid order with its pickup code in the public metadata, and the cart is gone
    order = Order.objects.get()
    assert completed["errors"] == []
    assert completed["order"] == {
        "id": gid("Order", order.pk), "number": str(order.number), "status": "UNFULFILLED",
        "statusDisplay": "À préparer", "userEmail": "lea@example.fr", "isPaid": False, "chargeStatus": "NONE",
        "collectionPointName": "Point retrait Le Quesnoy", "total": {"gross": {"amount": 49.2}},
        "metadata": [{"key": "pickupCode", "value": order.pickup_code}],
        "lines": [{"productName": "Maroilles AOP", "quantity": 3}, {"productName": "Bière de Mormal", "quantity": 3}]}
    assert len(order.pickup_code) == 6 and not Checkout.objects.exists()
    # and completing again answers the same order (idempotent), never a second one
    again = run(api, COMPLETE, {"id": checkout_id}, "checkoutComplete")
    assert again["order"]["id"] == gid("Order", order.pk) and again["errors"] == []
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_home_delivery_through_delivery_options_calculate(api, channel, cheese, zone, communes):
    # given a cart with an address in Le Quesnoy (served)
    checkout_id = _create(api, channel, [{"variantId": gid("ProductVariant", cheese.pk), "quantity": 1}])[
        "checkout"]["id"]
    address = {"firstName": "Léa", "lastName": "Martin", "streetAddress1": HOME["street_address_1"],
               "city": "Le Quesnoy", "postalCode": "59530", "country": "FR"}
    updated = run(api, """mutation ($id: ID!, $a: AddressInput!) { checkoutShippingAddressUpdate(id: $id,
        shippingAddress: $a) { checkout { shippingAddress { city postalCode } } ERRS } }""".replace("ERRS", ERRORS),
                  {"id": checkout_id, "a": address}, "checkoutShippingAddressUpdate")
    assert updated == {"checkout": {"shippingAddress": {"city": "LE QUESNOY", "postalCode": "59530"}}, "errors": []}
    # when the options are calculated and one is chosen by its Delivery ID
    options = run(api, """mutation ($id: ID!) { deliveryOptionsCalculate(id: $id) { deliveries { id
        shippingMethod { id name price { amount } minimumDeliveryDays maximumDeliveryDays active } }
        errors { field code } } }""", {"id": checkout_id}, "deliveryOptionsCalculate")
    assert [d["shippingMethod"] for d in options["deliveries"]] == [{
        "id": gid("ShippingMethod", zone["light"].pk), "name": "Livraison à domicile", "price": {"amount": 4.9},
        "minimumDeliveryDays": 1, "maximumDeliveryDays": 3, "active": True}]
    chosen = run(api, DELIVERY, {"id": checkout_id, "method": options["deliveries"][0]["id"]},
                 "checkoutDeliveryMethodUpdate")
    # then the delivery is priced in the total, and the order is placed unpaid (paid to the courier)
    assert chosen["checkout"]["delivery"]["shippingMethod"]["price"] == {"amount": 4.9}
    assert chosen["checkout"]["totalPrice"]["gross"] == {"amount": 17.4}
    assert chosen["checkout"]["problems"] == []
    run(api, EMAIL, {"id": checkout_id, "email": "lea@example.fr"})
    completed = run(api, COMPLETE, {"id": checkout_id}, "checkoutComplete")
    assert (completed["errors"], completed["order"]["total"], completed["order"]["metadata"]) == (
        [], {"gross": {"amount": 17.4}}, [])


@pytest.mark.django_db
def test_lines_update_and_delete(api, channel, cheese, beer):
    created = _create(api, channel, [{"variantId": gid("ProductVariant", cheese.pk), "quantity": 2},
                                     {"variantId": gid("ProductVariant", beer.pk), "quantity": 1}])["checkout"]
    cheese_line, beer_line = created["lines"]
    updated = run(api, """mutation ($id: ID!, $lines: [CheckoutLineUpdateInput!]!) { checkoutLinesUpdate(id: $id,
        lines: $lines) { checkout { lines { quantity } } ERRS } }""".replace("ERRS", ERRORS),
                  {"id": created["id"], "lines": [{"lineId": cheese_line["id"], "quantity": 5}]}, "checkoutLinesUpdate")
    assert updated == {"checkout": {"lines": [{"quantity": 5}, {"quantity": 1}]}, "errors": []}
    deleted = run(api, """mutation ($id: ID!, $ids: [ID!]!) { checkoutLinesDelete(id: $id, linesIds: $ids) {
        checkout { lines { quantity } } ERRS } }""".replace("ERRS", ERRORS),
                  {"id": created["id"], "ids": [beer_line["id"]]},
                  "checkoutLinesDelete")
    assert deleted == {"checkout": {"lines": [{"quantity": 5}]}, "errors": []}
    assert list(CheckoutLine.objects.values_list("quantity", flat=True)) == [5]


@pytest.mark.django_db
def test_promo_code_added_and_removed_with_the_deprecated_checkout_id(api, channel, cheese):
    from backend.commerce.discount.models import Voucher

    voucher = Voucher.objects.create(code="MORMAL5", name="Bienvenue", discount_value=Decimal("5"))
    voucher.channels.add(channel)
    checkout_id = _create(api, channel, [{"variantId": gid("ProductVariant", cheese.pk), "quantity": 2}])[
        "checkout"]["id"]
    added = run(api, """mutation ($id: ID!) { checkoutAddPromoCode(checkoutId: $id, promoCode: "mormal5") {
        checkout { voucherCode discount { amount } discountName totalPrice { gross { amount } } }
        ERRS } }""".replace("ERRS", ERRORS),
                {"id": checkout_id}, "checkoutAddPromoCode")
    assert added == {"checkout": {"voucherCode": "MORMAL5", "discount": {"amount": 5.0}, "discountName": "Bienvenue",
                                  "totalPrice": {"gross": {"amount": 20.0}}}, "errors": []}
    removed = run(api, """mutation ($id: ID!) { checkoutRemovePromoCode(checkoutId: $id, promoCode: "MORMAL5") {
        checkout { voucherCode totalPrice { gross { amount } } } ERRS } }""".replace("ERRS", ERRORS),
                  {"id": checkout_id}, "checkoutRemovePromoCode")
    assert removed == {"checkout": {"voucherCode": None, "totalPrice": {"gross": {"amount": 25.0}}}, "errors": []}


@pytest.mark.django_db
def test_update_metadata_on_a_checkout_is_public(api, channel):
    checkout_id = _create(api, channel)["checkout"]["id"]
    answer = run(api, """mutation ($id: ID!) { updateMetadata(id: $id, input: [{key: "consent", value: "oui"}]) {
        item { ... on Checkout { id metadata { key value } } } errors { field code } } }""", {"id": checkout_id},
                 "updateMetadata")
    assert answer == {"item": {"id": checkout_id, "metadata": [{"key": "consent", "value": "oui"}]}, "errors": []}
