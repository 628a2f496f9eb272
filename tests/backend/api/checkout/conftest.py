"""Fixtures of the checkout API tests: the commerce fixtures (channel, communes, zone, pickup point, goods) and
GraphQL helpers."""

import pytest

from backend.core.ids import to_global_id
from tests import factories
from tests.backend.api.catalogue.conftest import UserClient
from tests.backend.commerce.conftest import (  # noqa: F401 - fixtures shared with the domain tests
    HOME,
    beer,
    channel,
    cheese,
    communes,
    farm,
    home_address,
    pickup_point,
    sellable,
    zone,
)
from tests.utils import ApiClient

CHECKOUT_FIELDS = """
fragment CheckoutFields on Checkout {
  id email quantity voucherCode authorizeStatus chargeStatus
  lines { id quantity variant { id } unitPrice { gross { amount } } totalPrice { gross { amount } } }
  subtotalPrice { gross { amount } tax { amount } }
  totalPrice { gross { amount } net { amount } }
  shippingPrice { gross { amount } }
  delivery { id shippingMethod { id name price { amount } } }
  deliveryMethod { __typename ... on Warehouse { id name } }
  availableCollectionPoints { id name }
  problems { __typename }
}
"""
ERRORS = "errors { field message code variants lines addressType }"


def gid(type_name, pk) -> str:
    return to_global_id(type_name, pk)


@pytest.fixture
def api(db):
    return ApiClient()


def run(client, query, variables=None, path=None):
    body = client.query(query, variables or {})
    assert "errors" not in body, body["errors"]
    data = body["data"]
    return data[path] if path else data


@pytest.fixture
def customer(db):
    return factories.user("lea@example.fr")


@pytest.fixture
def customer_api(customer):
    return UserClient(customer)


@pytest.fixture
def order_staff_api(db):
    from backend.core.permissions import PermissionEnum

    return UserClient(factories.staff(permissions=[PermissionEnum.MANAGE_ORDERS]))


@pytest.fixture
def plain_staff_api(db):
    return UserClient(factories.staff())
