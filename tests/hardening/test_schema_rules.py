"""Deny by default, walked over the whole schema: every mutation declares its rule, and every way into private data
has a declared, tested rule.

"Private" means data about a person or about the business that the public catalogue must not show: the types below.
A private type's own fields are guarded by the way in (an Order's lines are only reachable through an Order the
caller may read), so the walk checks every field of a NON-private type that returns a private type: each must be listed
in PRIVATE_ENTRY_POINTS with its rule, and the rules of the root queries are checked for real, anonymously, below.
privateMetadata/privateMetafield(s) exist on public types too: each must resolve through ObjectWithMetadata's staff
check.
"""

import pytest
from graphql import GraphQLObjectType, get_named_type

from backend.api.core.types import ObjectWithMetadata
from backend.api.schema import schema
from tests import factories
from tests.architecture.test_mutation_permissions import test_every_mutation_is_a_base_mutation_with_a_declared_rule
from tests.utils import ApiClient, to_global_id

PRIVATE_TYPES = {"User", "Order", "OrderLine", "OrderEvent", "Fulfillment", "Checkout", "CheckoutLine", "Stock",
                 "TransactionItem", "TransactionEvent", "GiftCard", "Address", "UserPermission", "Payment", "Invoice",
                 # reached through User.events / permissionGroups / editableGroups and Order.grantedRefunds only
                 "CustomerEvent", "Group", "OrderGrantedRefund", "OrderGrantedRefundLine"}

# "Type.field" -> its rule. Every field of a non-private type returning a private type must be here.
PRIVATE_ENTRY_POINTS = {
    "Query.me": "the signed-in user only (null when anonymous)",
    "Query.order": "owner or MANAGE_ORDERS in full; others holding the ID get it anonymised (Saleor's rule)",
    "Query.orders": "MANAGE_ORDERS",
    "Query.checkout": "the checkout's UUID is the capability (Saleor); a customer's checkout also to its owner",
    "Query.stock": "MANAGE_PRODUCTS",
    "Query.stocks": "MANAGE_PRODUCTS",
    "ProductVariant.stocks": "MANAGE_PRODUCTS (the public sees quantityAvailable, not stock rows)",
    "Warehouse.stocks": "MANAGE_PRODUCTS",
    # Exception: a warehouse is a farm or a pickup point; its address is where customers collect (public on purpose).
    "Warehouse.address": "public on purpose: the pickup point's address",
    "StockBulkResult.stock": "payload of stockBulkUpdate (MANAGE_PRODUCTS)",
    "FulfillmentLine.orderLine": "FulfillmentLine only reachable through Order.fulfillments",
    "CheckoutLineProblemInsufficientStock.line": "a problem of a checkout, only reachable through Checkout.problems",
    "CheckoutLineProblemVariantNotAvailable.line": "a problem of a checkout, only reachable through Checkout.problems",
    # Exception: the shop's own postal address is public (legal notice, invoices); it is not a person's address.
    "Shop.companyAddress": "public on purpose: the cooperative's registered address",
}


# Entry points whose resolver must call a named guard (checked in the source, so a refactor cannot drop it silently).
GUARDED_BY = {"Query.stock": "check_stock_permissions", "Query.stocks": "check_stock_permissions",
              "ProductVariant.stocks": "check_stock_permissions", "Warehouse.stocks": "check_stock_permissions"}


def _mutation_payloads() -> set[str]:
    mutation = schema.graphql_schema.mutation_type
    return {get_named_type(field.type).name for field in mutation.fields.values()} if mutation else set()


def _private_target(type_name: str) -> bool:
    for suffix in ("CountableConnection", "CountableEdge"):
        if type_name.endswith(suffix) and type_name[:-len(suffix)] in PRIVATE_TYPES:
            return True
    return type_name in PRIVATE_TYPES


def test_every_mutation_declares_its_rule():
    test_every_mutation_is_a_base_mutation_with_a_declared_rule()


def test_every_way_into_private_types_has_a_declared_rule():
    # given: mutation payloads are covered by their mutation's own rule
    payloads = _mutation_payloads()
    found = set()
    for name, graphql_type in schema.graphql_schema.type_map.items():
        if name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        if _private_target(name) or name in payloads:  # a private type, its connection or edge: guarded above
            continue
        for field_name, field in graphql_type.fields.items():
            if _private_target(get_named_type(field.type).name):
                found.add(f"{name}.{field_name}")
    # then: nothing undeclared, and no stale declaration
    assert sorted(found - set(PRIVATE_ENTRY_POINTS)) == []
    assert sorted(set(PRIVATE_ENTRY_POINTS) - found) == []


def test_guarded_entry_points_call_their_guard():
    import inspect

    missing = []
    for entry, guard in GUARDED_BY.items():
        type_name, field_name = entry.split(".")
        resolver = schema.graphql_schema.type_map[type_name].fields[field_name].resolve
        source = inspect.getsource(inspect.unwrap(getattr(resolver, "func", resolver)))
        if f"{guard}(" not in source:
            missing.append(entry)
    assert missing == []


# Menu and MenuItem wrap their model in a context object; their resolvers call ObjectWithMetadata's on the model.
DELEGATING_PRIVATE_METADATA = {"Menu", "MenuItem"}


def test_every_private_metadata_field_goes_through_the_staff_check():
    guarded = {"privateMetadata": ObjectWithMetadata.resolve_private_metadata,
               "privateMetafield": ObjectWithMetadata.resolve_private_metafield,
               "privateMetafields": ObjectWithMetadata.resolve_private_metafields}
    unguarded, checked = [], 0
    for name, graphql_type in schema.graphql_schema.type_map.items():
        if not isinstance(graphql_type, GraphQLObjectType) or name in DELEGATING_PRIVATE_METADATA:
            continue
        for field_name, resolver in guarded.items():
            if field_name in graphql_type.fields:
                checked += 1
                if graphql_type.fields[field_name].resolve is not resolver:
                    unguarded.append(f"{name}.{field_name}")
    assert unguarded == []
    assert checked >= 3 * 20  # the walk did see the metadata types (Product, Order, User, Checkout...)


@pytest.mark.django_db
def test_private_metadata_is_hidden_from_the_public_and_shown_to_staff():
    # given
    from tests.backend.api.catalogue.conftest import UserClient

    product = factories.product("Maroilles")
    product.private_metadata = {"marge": "0.32"}
    product.save(update_fields=["private_metadata"])
    query = 'query($slug: String) { product(slug: $slug, channel: "comptoir-de-mormal") { ' \
            'privateMetadata { key value } privateMetafield(key: "marge") } }'
    slug = {"slug": product.slug}
    # when
    anonymous = ApiClient().query(query, slug)["data"]["product"]
    customer = UserClient(factories.user("lea@example.fr")).query(query, slug)["data"]["product"]
    staff = UserClient(factories.staff()).query(query, slug)["data"]["product"]
    # then
    assert anonymous == customer == {"privateMetadata": [], "privateMetafield": None}
    assert staff == {"privateMetadata": [{"key": "marge", "value": "0.32"}], "privateMetafield": "0.32"}


ANONYMOUS_REFUSALS = {
    "Query.me": ("{ me { email } }", {"me": None}, None),
    "Query.orders": ("{ orders(first: 5) { edges { node { id } } } }", {"orders": None}, "PermissionDenied"),
    "Query.stocks": ("{ stocks(first: 5) { edges { node { id } } } }", {"stocks": None}, "PermissionDenied"),
    "Query.checkout": ('{ checkout(id: "Q2hlY2tvdXQ6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw") { email } }',
                       {"checkout": None}, None),
}


@pytest.mark.django_db
@pytest.mark.parametrize("entry", sorted(ANONYMOUS_REFUSALS))
def test_root_entry_points_refuse_anonymous_callers(entry):
    query, data, code = ANONYMOUS_REFUSALS[entry]

    body = ApiClient().query(query)

    assert body["data"] == data
    assert [e["extensions"]["exception"]["code"] for e in body.get("errors", [])] == ([code] if code else [])


@pytest.mark.django_db
def test_variant_stocks_and_stock_rows_refuse_the_public():
    # given
    product = factories.product("Maroilles", stock=7)
    variant_query = 'query($slug: String) { product(slug: $slug, channel: "comptoir-de-mormal") { ' \
                    'variants { quantityAvailable stocks { quantity } } } }'
    stock_id = to_global_id("Stock", product.variants.get().stocks.get().pk)
    # when
    variants = ApiClient().query(variant_query, {"slug": product.slug})
    stock = ApiClient().query('query($id: ID!) { stock(id: $id) { quantity } }', {"id": stock_id})
    # then
    assert variants["data"]["product"]["variants"][0]["quantityAvailable"] == 7
    assert variants["data"]["product"]["variants"][0]["stocks"] is None
    assert variants["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert stock["data"] == {"stock": None}
    assert stock["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
