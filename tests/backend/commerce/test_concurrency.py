"""Guarantees under real concurrency: many threads, each on its own PostgreSQL connection, committing for real."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.order.models import Allocation, Order, OrderLine
from backend.commerce.warehouse.models import Stock
from tests.backend.commerce.conftest import sellable


def run_concurrently(tokens: list) -> list[tuple[str, object]]:
    """checkout_complete for each token, all released at the same instant; returns (outcome, value) per call."""
    barrier = threading.Barrier(len(tokens), timeout=60)

    def complete(token):
        try:
            barrier.wait()
            result = checkout_complete(checkout_token=token)
            return "order", result.order.pk
        except ValidationError as error:
            return "error", [e.code for errors in error.error_dict.values() for e in errors]
        except Exception as error:  # noqa: BLE001 - any other failure is what this test looks for
            return "crash", repr(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        return list(pool.map(complete, tokens))


def pickup_cart(channel, variant, point, quantity=1):
    checkout = services.checkout_create(channel=channel, email="voisin@example.fr",
                                        lines=[services.LineInput(variant.pk, quantity)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=point.pk)
    return checkout.pk


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_fifty_buyers_for_ten_units_make_exactly_ten_orders_and_never_oversell(channel, pickup_point, farm):
    # given 10 units left and 50 carts of one unit each (no reservation: the channel does not hold stock)
    variant = sellable("Maroilles de la dernière meule", stock=10, wh=farm)
    tokens = [pickup_cart(channel, variant, pickup_point) for _ in range(50)]
    # when the 50 buyers complete at the same instant
    outcomes = run_concurrently(tokens)
    # then exactly 10 orders, 40 clear refusals, no crash, and the stock is exactly allocated
    assert [o for o in outcomes if o[0] == "crash"] == []
    assert sum(1 for kind, _ in outcomes if kind == "order") == 10
    assert [value for kind, value in outcomes if kind == "error"] == [["INSUFFICIENT_STOCK"]] * 40
    assert Order.objects.count() == 10
    stock = Stock.objects.get(product_variant=variant)
    assert (stock.quantity, stock.quantity_allocated) == (10, 10)
    assert sum(Allocation.objects.values_list("quantity_allocated", flat=True)) == 10
    assert len(set(Order.objects.values_list("pickup_code", flat=True))) == 10


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_completes_of_one_cart_make_one_order(channel, pickup_point, farm):
    # given one cart of 3 units
    variant = sellable("Tarte au Maroilles", stock=10, wh=farm)
    token = pickup_cart(channel, variant, pickup_point, quantity=3)
    # when 20 calls complete it at the same instant (a client retrying, a double click, a proxy replay)
    outcomes = run_concurrently([token] * 20)
    # then every call answers the same single order, allocated once
    assert {kind for kind, _ in outcomes} == {"order"}
    assert len({value for _, value in outcomes}) == 1
    assert Order.objects.count() == 1
    assert OrderLine.objects.count() == 1
    assert list(Allocation.objects.values_list("quantity_allocated", flat=True)) == [3]
    assert Stock.objects.get(product_variant=variant).quantity_allocated == 3
