"""SQL queries of the storefront's cart and order reads and of the checkout mutations: pinned, and not growing
with the number of lines."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.complete import checkout_complete
from tests.backend.api.checkout.conftest import gid, run, sellable

CART = """query ($id: ID!) { checkout(id: $id) { id email quantity
  lines { id quantity variant { id name } unitPrice { gross { amount } } totalPrice { gross { amount } tax { amount } }
          undiscountedUnitPrice { amount } problems { __typename } }
  subtotalPrice { gross { amount } } totalPrice { gross { amount } } shippingPrice { gross { amount } }
  delivery { id } deliveryMethod { __typename } voucherCode problems { __typename } authorizeStatus chargeStatus
  shippingAddress { city } billingAddress { city } } }"""
ORDER = """query ($id: ID!) { order(id: $id) { id number status statusDisplay userEmail isPaid paymentStatus
  collectionPointName created channel { slug } total { gross { amount } } subtotal { gross { amount } }
  shippingPrice { gross { amount } } totalBalance { amount } metadata { key value } discounts { name }
  deliveryMethod { __typename ... on Warehouse { name } } shippingAddress { city } billingAddress { city }
  lines { id productName variantName quantity unitPrice { gross { amount } } totalPrice { gross { amount } }
          undiscountedUnitPrice { gross { amount } } variant { id } }
  fulfillments { id } } }"""


def _cart(channel, farm, count):
    variants = [sellable(f"Produit {i}", wh=farm) for i in range(count)]
    return services.checkout_create(channel=channel, email="lea@example.fr",
                                    lines=[services.LineInput(v.pk, 1) for v in variants])


def _count(api, query, variables):
    """Queries of the checkout itself: savepoints (the test's transaction makes every atomic block one) and the
    rate limiter's cache rows (counted in its own tests) are left out."""
    with CaptureQueriesContext(connection) as ctx:
        run(api, query, variables)
    return len([q for q in ctx.captured_queries if "comptoir_cache" not in q["sql"]
                and not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))])


@pytest.mark.django_db
def test_checkout_query_count_is_pinned_and_flat(api, channel, farm, pickup_point):
    small, large = _cart(channel, farm, 1), _cart(channel, farm, 6)
    counts = [_count(api, CART, {"id": gid("Checkout", cart.pk)}) for cart in (small, large)]
    # the cart, its lines, their variants with both listings (one query), the problems: stocks, reservations of
    # other carts, the plugins once (the cart's distribution day: a producer's cut-off)
    assert counts == [6, 6]


@pytest.mark.django_db
def test_order_query_count_is_pinned_and_flat(api, channel, farm, pickup_point):
    counts = []
    for size in (1, 6):
        cart = _cart(channel, farm, size)
        delivery.checkout_delivery_method_update(checkout_token=cart.pk, collection_point_id=pickup_point.pk)
        order = checkout_complete(checkout_token=cart.pk).order
        counts.append(_count(api, ORDER, {"id": gid("Order", order.pk)}))
    assert counts == [7, 7]


ADD = """mutation ($id: ID!, $lines: [CheckoutLineInput!]!) { checkoutLinesAdd(id: $id, lines: $lines) {
  checkout { id quantity lines { id quantity variant { id name } totalPrice { gross { amount } } }
  subtotalPrice { gross { amount } tax { amount } } totalPrice { gross { amount } } } errors { code } } }"""


@pytest.mark.django_db
def test_lines_add_query_count_is_pinned_and_flat(api, channel, farm):
    # the answer prices the cart from what the service just wrote: no second read of lines and listings
    channel.reservation_minutes_anonymous = 20
    channel.save(update_fields=["reservation_minutes_anonymous"])
    counts = []
    for size, already in ((1, 0), (3, 0), (1, 2)):
        cart = _cart(channel, farm, already)
        variants = [sellable(f"Article {size}-{i}", wh=farm) for i in range(size)]
        counts.append(_count(api, ADD, {"id": gid("Checkout", cart.pk), "lines": [
            {"variantId": gid("ProductVariant", v.pk), "quantity": 1} for v in variants]}))
    # lock, lines, variants with their listings (one query, the cart's other lines too), distribution day (cut-offs),
    # insert, stocks, other carts' reservations, insert of the reservations (new lines hold none: nothing to delete),
    # touch; whether the cart was empty or not
    assert counts == [9, 9, 9]


@pytest.mark.django_db
def test_pickup_point_choice_query_count_is_pinned_and_flat(api, channel, farm, pickup_point):
    query = """mutation ($id: ID!, $m: ID!) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $m) {
        checkout { deliveryMethod { __typename } totalPrice { gross { amount } } lines { quantity } }
        errors { code } } }"""
    counts = [_count(api, query, {"id": gid("Checkout", _cart(channel, farm, size).pk),
                                  "m": gid("Warehouse", pickup_point.pk)}) for size in (1, 4)]
    assert counts == [8, 8]


@pytest.mark.django_db
def test_checkout_create_query_count_is_pinned(api, channel):
    query = """mutation ($c: String!) { checkoutCreate(input: {channel: $c}) { checkout { id quantity
        totalPrice { gross { amount } } lines { id } } errors { code } } }"""
    assert _count(api, query, {"c": channel.slug}) == 2  # the channel, the insert


def _two_line_cart(channel, farm):
    channel.reservation_minutes_anonymous = 20
    channel.save(update_fields=["reservation_minutes_anonymous"])
    return _cart(channel, farm, 2)


@pytest.mark.django_db
def test_email_update_query_count_is_pinned(api, channel, farm):
    query = """mutation ($id: ID!, $e: String!) { checkoutEmailUpdate(id: $id, email: $e) { checkout { id email }
        errors { code } } }"""
    cart = _two_line_cart(channel, farm)
    assert _count(api, query, {"id": gid("Checkout", cart.pk), "e": "marc@example.fr"}) == 2  # lock, touch


@pytest.mark.django_db
def test_lines_update_and_delete_query_counts_are_pinned(api, channel, farm):
    update = """mutation ($id: ID!, $lines: [CheckoutLineUpdateInput!]!) { checkoutLinesUpdate(id: $id,
        lines: $lines) { checkout { quantity totalPrice { gross { amount } } } errors { code } } }"""
    delete = """mutation ($id: ID!, $ids: [ID!]!) { checkoutLinesDelete(id: $id, linesIds: $ids) {
        checkout { quantity totalPrice { gross { amount } } } errors { code } } }"""
    cart = _two_line_cart(channel, farm)
    first, second = cart.lines.order_by("created_at", "pk")
    # lock, lines, variants with listings, distribution day, update, stocks, other carts' reservations, delete and
    # insert of the line's reservation, touch
    assert _count(api, update, {"id": gid("Checkout", cart.pk), "lines": [
        {"lineId": gid("CheckoutLine", first.pk), "quantity": 3}]}) == 10
    # lock, lines, the line's deletion (Django reads it, deletes its reservation, then it), the remaining lines'
    # variants with listings (the answer reads nothing again), touch
    assert _count(api, delete, {"id": gid("Checkout", cart.pk), "ids": [gid("CheckoutLine", second.pk)]}) == 7


@pytest.mark.django_db
def test_complete_query_count_is_pinned(api, channel, farm, pickup_point):
    query = """mutation ($id: ID!) { checkoutComplete(id: $id) { order { id number status total { gross { amount } } }
        errors { code } } }"""
    cart = _two_line_cart(channel, farm)
    delivery.checkout_delivery_method_update(checkout_token=cart.pk, collection_point_id=pickup_point.pk)
    # the cart, its lines and listings, the cut-off day, availability and pickup points, the payments, the order, its
    # lines and event, the cart's deletion, then the stocks locked and one UPDATE per stock row allocated
    assert _count(api, query, {"id": gid("Checkout", cart.pk)}) == 29


@pytest.mark.django_db
def test_checkout_create_rate_limit_costs_no_query_on_redis_and_three_in_the_database_cache(api, channel):
    # The limiter counts in Django's cache: Redis in production (no SQL), the database in the embedded default, where
    # the first call of a window from an address only creates its counter (count, look-up, insert).
    query = """mutation ($c: String!) { checkoutCreate(input: {channel: $c}) { checkout { id } errors { code } } }"""
    database_cache = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                  "LOCATION": "comptoir_cache"}}
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)
    with override_settings(CACHES=database_cache), CaptureQueriesContext(connection) as ctx:
        run(api, query, {"c": channel.slug})
    assert sum("comptoir_cache" in q["sql"] for q in ctx.captured_queries) == 3
