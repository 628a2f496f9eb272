"""Permission matrix over the main queries and mutations: anonymous, customer (the owner), another customer, a member
of the producer whose cheese the owner ordered, a member of another producer, two couriers, staff without the
permission, staff with it. Refused calls change nothing (row counts, values) and leak nothing (the owner's e-mail,
street, IDs). The producer portal and logistics operations have their rows in test_permission_matrix_roles.py; what a
member may do to its own catalogue, in tests/plugins/producers/test_catalogue_matrix.py."""

import json

import pytest

from backend.commerce.account.models import Address
from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.order.models import Order, OrderEvent
from backend.commerce.product.models import Product
from backend.commerce.warehouse.models import Stock
from backend.core.permissions import PermissionEnum
from logistics.models import Courier
from plugins.producers.services.ownership import producer_product_assign
from tests import factories
from tests.backend.api.catalogue.conftest import UserClient
from tests.backend.commerce.conftest import channel, cheese, communes, farm, pickup_point  # noqa: F401
from tests.plugins.producers.conftest import VALID_SIRETS, make_producer, member
from tests.utils import ApiClient, to_global_id

OWNER_EMAIL, OWNER_STREET = "lea@exemple.fr", "12 rue des Sabotiers"
ACTORS = ("anonymous", "customer", "other_customer", "member_a", "member_b", "courier", "other_courier", "plain_staff",
          "order_staff", "product_staff")


@pytest.fixture
def world(channel, cheese, pickup_point):  # noqa: F811
    owner = factories.user(OWNER_EMAIL)
    address = Address.objects.create(first_name="Léa", last_name="Dupont", street_address_1=OWNER_STREET,
                                     city="LE QUESNOY", postal_code="59530", country="FR", phone="+33612345678")
    owner.addresses.add(address)
    checkout = services.checkout_create(channel=channel, user=owner, lines=[services.LineInput(cheese.pk, 2)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=pickup_point.pk)
    order = checkout_complete(checkout_token=checkout.pk, customer_note="Je passe mardi").order
    spare = factories.product("Bière de Mormal")  # never ordered: deletable
    producer_a = make_producer("Ferme du Bocage", "59053", VALID_SIRETS[0])
    producer_product_assign(producer=producer_a, product=cheese.product)  # the owner's order holds A's cheese
    producer_b = make_producer("Brasserie de Landrecies", "59331", VALID_SIRETS[1])
    clients = {
        "anonymous": ApiClient(),
        "customer": UserClient(owner),
        "other_customer": UserClient(factories.user("paul@exemple.fr")),
        "member_a": UserClient(member(producer_a)),
        "member_b": UserClient(member(producer_b)),
        "courier": UserClient(Courier.objects.create(user=factories.user()).user),
        "other_courier": UserClient(Courier.objects.create(user=factories.user()).user),
        "plain_staff": UserClient(factories.staff()),
        "order_staff": UserClient(factories.staff(permissions=[PermissionEnum.MANAGE_ORDERS])),
        "product_staff": UserClient(factories.staff(permissions=[PermissionEnum.MANAGE_PRODUCTS])),
    }
    return {"owner": owner, "address": address, "order": order, "variant": cheese, "clients": clients,
            "ids": {"order": to_global_id("Order", order.pk), "address": to_global_id("Address", address.pk),
                    "user": to_global_id("User", owner.pk), "product": to_global_id("Product", spare.pk),
                    "variant": to_global_id("ProductVariant", cheese.pk),
                    "warehouse": to_global_id("Warehouse", cheese.stocks.get().warehouse_id)}}


def state(world) -> dict:
    """What a refused call must leave untouched."""
    order = Order.objects.get(pk=world["order"].pk)
    address = Address.objects.get(pk=world["address"].pk)
    return {"orders": Order.objects.count(), "order_status": order.status, "order_events": OrderEvent.objects.count(),
            "order_metadata": order.metadata, "charged": order.total_charged_amount,
            "addresses": Address.objects.count(), "street": address.street_address_1,
            "products": Product.objects.count(),
            "stocks": sorted(Stock.objects.values_list("quantity", flat=True))}


def leaks(body: dict, world) -> list[str]:
    text = json.dumps(body, ensure_ascii=False)
    secrets = [OWNER_EMAIL, OWNER_STREET, "+33612345678", "Je passe mardi", world["ids"]["address"],
               world["ids"]["user"]]
    return [secret for secret in secrets if secret in text]


# name -> (document, variables builder, actors allowed). Mutations first check their rule; a refusal is a
# PermissionDenied, a typed error in the payload, or a null: in every case, nothing changes and nothing leaks.
CASES = {
    "orders": ("{ orders(first: 10) { edges { node { id userEmail } } } }", lambda ids: {}, {"order_staff"}),
    "me": ("{ me { email addresses { streetAddress1 } } }", lambda ids: {}, {"customer"}),
    "orderCancel": ("mutation($id: ID!) { orderCancel(id: $id) { order { status userEmail } errors { code } } }",
                    lambda ids: {"id": ids["order"]}, {"order_staff"}),
    "orderNoteAdd": ('mutation($id: ID!) { orderNoteAdd(order: $id, input: {message: "vu"}) { order { userEmail } '
                     'errors { code } } }', lambda ids: {"id": ids["order"]}, {"order_staff"}),
    "orderMarkAsPaid": ("mutation($id: ID!) { orderMarkAsPaid(id: $id) { order { isPaid userEmail } "
                        "errors { code } } }", lambda ids: {"id": ids["order"]}, {"order_staff"}),
    "updateMetadata(order)": ('mutation($id: ID!) { updateMetadata(id: $id, input: [{key: "k", value: "v"}]) '
                              '{ item { metadata { key } } errors { code } } }', lambda ids: {"id": ids["order"]},
                              {"order_staff"}),
    "accountAddressUpdate": ('mutation($id: ID!) { accountAddressUpdate(id: $id, input: {streetAddress1: '
                             '"1 rue Volée"}) { address { streetAddress1 } errors { code } } }',
                             lambda ids: {"id": ids["address"]}, {"customer"}),
    "accountAddressDelete": ("mutation($id: ID!) { accountAddressDelete(id: $id) { user { email } errors { code } } }",
                             lambda ids: {"id": ids["address"]}, {"customer"}),
    "productDelete": ("mutation($id: ID!) { productDelete(id: $id) { product { name } errors { code } } }",
                      lambda ids: {"id": ids["product"]}, {"product_staff"}),
    "productVariantStocksUpdate": ("mutation($v: ID!, $w: ID!) { productVariantStocksUpdate(variantId: $v, "
                                   "stocks: [{warehouse: $w, quantity: 5}]) { errors { code } } }",
                                   lambda ids: {"v": ids["variant"], "w": ids["warehouse"]}, {"product_staff"}),
}


# Queries that answer everybody about themselves: "refused" for them only means "nothing of the owner's".
ABOUT_THE_CALLER = {"me"}


def refused(body: dict) -> bool:
    payload = next(iter((body["data"] or {}).values()), None)
    return bool(body.get("errors")) or payload is None or bool(isinstance(payload, dict) and payload.get("errors"))


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(CASES))
def test_refused_callers_change_nothing_and_learn_nothing(world, case):
    document, variables, allowed = CASES[case]
    for actor in ACTORS:
        if actor in allowed:
            continue
        # given
        before = state(world)
        # when
        body = world["clients"][actor].query(document, variables(world["ids"]))
        # then
        assert case in ABOUT_THE_CALLER or refused(body), (actor, body)
        assert state(world) == before, actor
        assert leaks(body, world) == [], (actor, body)


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_allowed_caller_gets_through(world, case):
    document, variables, allowed = CASES[case]
    for actor in sorted(allowed):
        body = world["clients"][actor].query(document, variables(world["ids"]))
        assert not refused(body), (actor, body)
