"""Fixtures of the tests of Saleor fields added to close the contract's gaps (orders, users, warehouses, channels,
transactions): the checkout fixtures (channel, communes, zone, pickup point, goods) and order builders."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.core.permissions import PermissionEnum
from tests import factories
from tests.backend.api.catalogue.conftest import UserClient
from tests.backend.api.checkout.conftest import (  # noqa: F401 - fixtures shared with the checkout API tests
    api,
    channel,
    cheese,
    communes,
    customer,
    customer_api,
    farm,
    home_address,
    pickup_point,
    plain_staff_api,
    zone,
)


def place_order(chan, user, lines, *, point=None, delivery_zone=None, address=None):
    """An order of `user` for [(variant, quantity)] in `chan`, collected at `point` or delivered by the light method
    of `delivery_zone` to `address`."""
    from backend.commerce.checkout import delivery, services
    from backend.commerce.checkout.complete import checkout_complete

    cart = services.checkout_create(channel=chan, user=user, email=user.email if user else "invite@example.fr",
                                    lines=[services.LineInput(variant.pk, quantity) for variant, quantity in lines])
    if point is not None:
        delivery.checkout_delivery_method_update(checkout_token=cart.pk, collection_point_id=point.pk)
    else:
        delivery.checkout_shipping_address_update(checkout_token=cart.pk, address=address)
        delivery.checkout_delivery_method_update(checkout_token=cart.pk, shipping_method_id=delivery_zone["light"].pk)
    return checkout_complete(checkout_token=cart.pk, user=user).order


def on_promotion(variant, price: str) -> None:
    """The variant sells at `price` instead of its listed price (a promotional price on its listing)."""
    from backend.commerce.product.models import ProductVariantChannelListing

    ProductVariantChannelListing.objects.filter(variant=variant).update(discounted_price_amount=Decimal(price))


def fresh(user):
    """The same account read again: its permission cache is empty, as at the start of a real request."""
    return type(user).objects.get(pk=user.pk)


def count_queries(client, query, variables=None) -> tuple[int, dict]:
    """SQL queries of one operation (savepoints of the test's transaction left out) and its answer."""
    with CaptureQueriesContext(connection) as ctx:
        body = client.query(query, variables or {})
    queries = [q for q in ctx.captured_queries
               if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))]
    return len(queries), body


def refusals(body) -> list[tuple[list, str]]:
    return [(error["path"], error["extensions"]["exception"]["code"]) for error in body.get("errors", [])]


@pytest.fixture
def order_manager(db):
    return factories.staff("commandes@comptoir-de-mormal.fr", permissions=[PermissionEnum.MANAGE_ORDERS])


@pytest.fixture
def order_manager_api(order_manager):
    return UserClient(order_manager)
