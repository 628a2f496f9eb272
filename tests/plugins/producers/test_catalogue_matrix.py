"""The permission matrix of the back-office catalogue mutations: anonymous, customer, member of producer A, member of
producer B, staff without and with MANAGE_PRODUCTS, on producer A's product. Refused calls change nothing."""

import pytest

from backend.commerce.product.models import Product, ProductChannelListing, ProductVariantChannelListing
from backend.commerce.warehouse.models import Stock
from plugins.producers.models import ProducerProduct
from tests.plugins.producers.conftest import farm_of, owned_variant
from tests.utils import to_global_id

pytestmark = pytest.mark.django_db
REFUSED_CALLERS = ["anonymous", "customer", "member_b", "staff"]
ALLOWED_CALLERS = ["member_a", "staff_products"]


@pytest.fixture
def cheese(channel, producer_a):
    return owned_variant(producer_a, "Maroilles AOP", price="12.50", stock=10)


def snapshot():
    """Everything the mutations could touch, to compare before and after a refused call."""
    return {
        "products": sorted(Product.objects.values_list("pk", "name", "slug", "updated_at")),
        "owners": sorted(ProducerProduct.objects.values_list("product_id", "producer_id")),
        "stocks": sorted(Stock.objects.values_list("warehouse_id", "product_variant_id", "quantity")),
        "listings": sorted(ProductChannelListing.objects.values_list("product_id", "channel_id", "is_published")),
        "prices": sorted(ProductVariantChannelListing.objects.values_list("variant_id", "channel_id",
                                                                           "price_amount")),
    }


def is_permission_error(answer) -> bool:
    return [e["extensions"]["exception"]["code"] for e in answer.get("errors", [])] == ["PermissionDenied"]


PRODUCT_CREATE = """mutation($input: ProductCreateInput!) { productCreate(input: $input) {
    product { name slug producer { slug } } errors { field code message } } }"""
PRODUCT_UPDATE = """mutation($id: ID!, $input: ProductInput!) { productUpdate(id: $id, input: $input) {
    product { name } errors { field code message } } }"""
PRODUCT_DELETE = """mutation($id: ID!) { productDelete(id: $id) { product { name } errors { field code } } }"""
LISTING_UPDATE = """mutation($id: ID!, $input: ProductChannelListingUpdateInput!) {
    productChannelListingUpdate(id: $id, input: $input) { product { name } errors { field code message } } }"""
PRICE_UPDATE = """mutation($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
    productVariantChannelListingUpdate(id: $id, input: $input) { variant { sku } errors { field code message } } }"""
VARIANT_CREATE = """mutation($input: ProductVariantCreateInput!) { productVariantCreate(input: $input) {
    productVariant { sku } errors { field code message } } }"""
VARIANT_UPDATE = """mutation($id: ID!, $input: ProductVariantInput!) { productVariantUpdate(id: $id, input: $input) {
    productVariant { name } errors { field code message } } }"""
STOCKS_UPDATE = """mutation($id: ID!, $stocks: [StockInput!]!) { productVariantStocksUpdate(variantId: $id,
    stocks: $stocks) { productVariant { sku } errors { field code message index } } }"""
STOCK_BULK = """mutation($stocks: [StockBulkUpdateInput!]!) { stockBulkUpdate(stocks: $stocks) {
    count results { stock { quantity } errors { field code message } } errors { code } } }"""


def calls(cheese, producer_a, channel):
    product_id = to_global_id("Product", cheese.product_id)
    variant_id = to_global_id("ProductVariant", cheese.pk)
    warehouse_id = to_global_id("Warehouse", farm_of(producer_a).pk)
    type_id = to_global_id("ProductType", cheese.product.product_type_id)
    channel_id = to_global_id("Channel", channel.pk)
    return {
        "productCreate": (PRODUCT_CREATE, {"input": {"productType": type_id, "name": "Boulette d'Avesnes"}}),
        "productUpdate": (PRODUCT_UPDATE, {"id": product_id, "input": {"name": "Maroilles affiné"}}),
        "productDelete": (PRODUCT_DELETE, {"id": product_id}),
        "productChannelListingUpdate": (LISTING_UPDATE, {"id": product_id, "input": {
            "updateChannels": [{"channelId": channel_id, "isPublished": False}]}}),
        "productVariantChannelListingUpdate": (PRICE_UPDATE, {"id": variant_id, "input": [
            {"channelId": channel_id, "price": "13.90"}]}),
        "productVariantCreate": (VARIANT_CREATE, {"input": {"product": product_id, "attributes": [],
                                                            "sku": "MAROILLES-GRAND"}}),
        "productVariantUpdate": (VARIANT_UPDATE, {"id": variant_id, "input": {"name": "Pièce de 750 g"}}),
        "productVariantStocksUpdate": (STOCKS_UPDATE, {"id": variant_id, "stocks": [
            {"warehouse": warehouse_id, "quantity": 3}]}),
        "stockBulkUpdate": (STOCK_BULK, {"stocks": [{"variantId": variant_id, "warehouseId": warehouse_id,
                                                     "quantity": 3}]}),
    }


MUTATIONS = ["productCreate", "productUpdate", "productDelete", "productChannelListingUpdate",
             "productVariantChannelListingUpdate", "productVariantCreate", "productVariantUpdate",
             "productVariantStocksUpdate", "stockBulkUpdate"]


# member B may create products, for its own producer (see test_a_member_creates_a_product_owned_by_its_producer)
REFUSED = [(mutation, caller) for mutation in MUTATIONS for caller in REFUSED_CALLERS
           if (mutation, caller) != ("productCreate", "member_b")]


@pytest.mark.parametrize("mutation, caller", REFUSED)
def test_refused_callers_change_nothing(callers, cheese, producer_a, channel, caller, mutation):
    query, variables = calls(cheese, producer_a, channel)[mutation]
    before = snapshot()

    answer = callers[caller].query(query, variables)

    if mutation == "stockBulkUpdate" and caller == "member_b":
        # Saleor's bulk answer: the row is refused in `results`, nothing is written
        assert answer["data"]["stockBulkUpdate"]["count"] == 0
        assert answer["data"]["stockBulkUpdate"]["results"][0]["errors"] == [
            {"field": "variantId", "code": "INVALID", "message": "Vous ne pouvez pas gérer ce produit."}]
    else:
        assert is_permission_error(answer), answer
        assert answer["data"][mutation] is None
    assert snapshot() == before


@pytest.mark.parametrize("caller", ALLOWED_CALLERS)
def test_allowed_callers_update_producer_a_product(callers, cheese, producer_a, channel, caller):
    query, variables = calls(cheese, producer_a, channel)["productUpdate"]

    answer = callers[caller].query(query, variables)

    assert answer["data"]["productUpdate"] == {"product": {"name": "Maroilles affiné"}, "errors": []}
    assert Product.objects.get(pk=cheese.product_id).name == "Maroilles affiné"


def test_a_member_creates_a_product_owned_by_its_producer(callers, cheese, producer_a, channel):
    query, variables = calls(cheese, producer_a, channel)["productCreate"]

    answer = callers["member_a"].query(query, variables)

    assert answer["data"]["productCreate"]["errors"] == []
    product = Product.objects.get(name="Boulette d'Avesnes")
    assert ProducerProduct.objects.get(product=product).producer_id == producer_a.pk
    assert product.slug == "boulette-davesnes"


def test_a_member_sets_the_stock_of_its_own_warehouse(callers, cheese, producer_a, channel):
    query, variables = calls(cheese, producer_a, channel)["productVariantStocksUpdate"]

    answer = callers["member_a"].query(query, variables)

    assert answer["data"]["productVariantStocksUpdate"]["errors"] == []
    assert Stock.objects.get(product_variant=cheese, warehouse=farm_of(producer_a)).quantity == 3


def test_a_member_cannot_put_stock_in_another_producers_warehouse(callers, cheese, producer_b):
    before = snapshot()

    answer = callers["member_a"].query(STOCKS_UPDATE, {"id": to_global_id("ProductVariant", cheese.pk), "stocks": [
        {"warehouse": to_global_id("Warehouse", farm_of(producer_b).pk), "quantity": 5}]})

    assert answer["data"]["productVariantStocksUpdate"]["errors"] == [
        {"field": "warehouse", "code": "INVALID", "index": 0,
         "message": "Vous ne pouvez pas gérer le stock de cet entrepôt."}]
    assert snapshot() == before


def test_staff_cannot_put_a_producers_product_in_another_producers_warehouse(callers, cheese, producer_b):
    before = snapshot()

    answer = callers["staff_products"].query(STOCKS_UPDATE, {"id": to_global_id("ProductVariant", cheese.pk),
                                                             "stocks": [{"warehouse": to_global_id(
                                                                 "Warehouse", farm_of(producer_b).pk),
                                                                 "quantity": 5}]})

    assert answer["data"]["productVariantStocksUpdate"]["errors"][0]["message"] == (
        "Ce produit appartient à un autre producteur : son stock ne peut pas être placé dans cet entrepôt.")
    assert snapshot() == before


def test_a_negative_stock_is_refused_in_french(callers, cheese, producer_a):
    before = snapshot()

    answer = callers["member_a"].query(STOCKS_UPDATE, {"id": to_global_id("ProductVariant", cheese.pk), "stocks": [
        {"warehouse": to_global_id("Warehouse", farm_of(producer_a).pk), "quantity": -2}]})

    assert answer["data"]["productVariantStocksUpdate"]["errors"] == [
        {"field": "quantity", "code": "INVALID", "index": 0,
         "message": "La quantité en stock ne peut pas être négative."}]
    assert snapshot() == before


def test_a_price_with_more_than_two_decimals_is_refused(callers, cheese, channel):
    answer = callers["member_a"].query(PRICE_UPDATE, {"id": to_global_id("ProductVariant", cheese.pk), "input": [
        {"channelId": to_global_id("Channel", channel.pk), "price": "12.505"}]})

    assert answer["data"]["productVariantChannelListingUpdate"]["errors"] == [
        {"field": "price", "code": "INVALID_PRICE", "message": "Le prix doit être positif, au centime près."}]
    assert ProductVariantChannelListing.objects.get(variant=cheese).price_amount == 12.50
