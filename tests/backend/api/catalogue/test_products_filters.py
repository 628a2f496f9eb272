"""`where`, the deprecated `filter`, `search`, `sortBy` and cursor pagination of `products`."""

from decimal import Decimal

import pytest

from backend.commerce.product.models import ProductChannelListing, ProductVariantChannelListing
from backend.commerce.warehouse.models import Stock
from backend.core.ids import to_global_id
from tests import factories
from tests.backend.api.catalogue.conftest import add_attribute, add_collection, gql, gql_errors

pytestmark = pytest.mark.django_db

LIST = """query($where: ProductWhereInput, $filter: ProductFilterInput, $sortBy: ProductOrder, $search: String,
  $first: Int, $after: String, $last: Int, $before: String) {
  products(where: $where, filter: $filter, sortBy: $sortBy, search: $search, first: $first, after: $after,
           last: $last, before: $before, channel: "comptoir-de-mormal") {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { name } } } }"""


def names(client, **variables):
    variables.setdefault("first", 50)
    data = gql(client, LIST, variables)["products"]
    return [edge["node"]["name"] for edge in data["edges"]]


@pytest.fixture
def shelf(channel):
    """Four products: two cheeses (5,5 %), a beer, a basket (20 %), various prices and stock."""
    return {
        "maroilles": factories.product("Maroilles", price="12.50", stock=5, category_name="Fromages"),
        "boulette": factories.product("Boulette d'Avesnes", price="7.90", stock=0, category_name="Fromages"),
        "biere": factories.product("Bière de Bavay", price="3.20", stock=24, category_name="Bières"),
        "panier": factories.product("Panier en osier", price="35.00", rate="20", stock=1, category_name="Artisanat"),
    }


def test_where_price_range_and_name(api, shelf):
    assert names(api, where={"price": {"range": {"gte": 5, "lte": 13}}}, sortBy={"field": "PRICE",
                                                                              "direction": "ASC"}) == [
        "Boulette d'Avesnes", "Maroilles"]
    assert names(api, where={"name": {"oneOf": ["Maroilles", "Bière de Bavay"]}},
                 sortBy={"field": "NAME", "direction": "ASC"}) == ["Bière de Bavay", "Maroilles"]
    assert names(api, where={"minimalPrice": {"eq": 35}}) == ["Panier en osier"]


def test_where_category_collection_and_ids(api, shelf):
    cheese_category = shelf["maroilles"].category
    add_collection("Apéritif", [shelf["biere"], shelf["boulette"]])
    from backend.commerce.product.models import Collection

    collection = Collection.objects.get(slug="aperitif")

    by_category = names(api, where={"category": {"eq": to_global_id("Category", cheese_category.pk)}},
                        sortBy={"field": "NAME", "direction": "ASC"})
    by_collection = names(api, where={"collection": {"oneOf": [to_global_id("Collection", collection.pk)]}},
                          sortBy={"field": "NAME", "direction": "DESC"})
    by_ids = names(api, where={"ids": [to_global_id("Product", shelf["panier"].pk)]})

    assert by_category == ["Boulette d'Avesnes", "Maroilles"]
    assert by_collection == ["Boulette d'Avesnes", "Bière de Bavay"]
    assert by_ids == ["Panier en osier"]


def test_where_and_or_combinations(api, shelf):
    where = {"OR": [{"name": {"eq": "Maroilles"}}, {"price": {"range": {"gte": 30}}}]}
    both = {"AND": [{"price": {"range": {"gte": 5}}}, {"stockAvailability": "IN_STOCK"}]}

    assert names(api, where=where, sortBy={"field": "NAME", "direction": "ASC"}) == ["Maroilles", "Panier en osier"]
    assert names(api, where=both, sortBy={"field": "NAME", "direction": "ASC"}) == ["Maroilles", "Panier en osier"]


def test_stock_availability_counts_allocated_units(api, shelf):
    # given the basket's only unit is allocated to an order
    Stock.objects.filter(product_variant__product=shelf["panier"]).update(quantity_allocated=1)

    in_stock = names(api, where={"stockAvailability": "IN_STOCK"}, sortBy={"field": "NAME", "direction": "ASC"})
    out = names(api, filter={"stockAvailability": "OUT_OF_STOCK"}, sortBy={"field": "NAME", "direction": "ASC"})

    assert in_stock == ["Bière de Bavay", "Maroilles"]
    assert out == ["Boulette d'Avesnes", "Panier en osier"]


def test_deprecated_filter_categories_include_subcategories(api, channel):
    parent = factories.category("Crèmerie")
    child = factories.category("Yaourts", parent=parent)
    factories.product("Beurre", category_name="Crèmerie")
    yaourt = factories.product("Yaourt nature", category_name="Yaourts")
    assert yaourt.category == child
    factories.product("Cidre", category_name="Boissons")

    found = names(api, filter={"categories": [to_global_id("Category", parent.pk)]},
                  sortBy={"field": "NAME", "direction": "ASC"})

    assert found == ["Beurre", "Yaourt nature"]


def test_filter_and_where_are_combined(api, shelf):
    found = names(api, filter={"price": {"gte": 5}}, where={"stockAvailability": "IN_STOCK"},
                  sortBy={"field": "PRICE", "direction": "DESC"})

    assert found == ["Panier en osier", "Maroilles"]


def test_attribute_filters_by_slug_values_and_value_input(api, shelf):
    add_attribute(shelf["maroilles"], "lait", "Cru")
    add_attribute(shelf["boulette"], "lait", "Pasteurisé")
    add_attribute(shelf["biere"], "degre", "6.5", input_type="numeric", on_variant=True)

    raw_milk = names(api, where={"attributes": [{"slug": "lait", "values": ["cru"]}]})
    by_value = names(api, where={"attributes": [{"slug": "lait", "value": {"name": {"eq": "Pasteurisé"}}}]})
    strong = names(api, where={"attributes": [{"slug": "degre", "valuesRange": {"gte": 6, "lte": 7}}]})
    weak = names(api, where={"attributes": [{"slug": "degre", "value": {"numeric": {"range": {"lte": 5}}}}]})

    assert raw_milk == ["Maroilles"]
    assert by_value == ["Boulette d'Avesnes"]
    assert strong == ["Bière de Bavay"]
    assert weak == []


def test_search_goes_through_the_search_selector_and_keeps_its_ranking(api, shelf, monkeypatch):
    # given a search backend (replaced here) that finds two products and ranks the cheaper one first
    calls = []

    def ranked_search(queryset, text):
        calls.append((queryset.model.__name__, text))
        return queryset.filter(name__in=["Maroilles", "Bière de Bavay"]).order_by("-name")

    monkeypatch.setattr("backend.api.product.resolvers.search_products", ranked_search)

    # when searching without sortBy, then with an explicit sort
    ranked = names(api, search="fromage")
    sorted_by_name = names(api, search="fromage", sortBy={"field": "NAME", "direction": "ASC"})

    # then the backend's order is kept, unless a sort is asked
    assert calls == [("Product", "fromage"), ("Product", "fromage")]
    assert ranked == ["Maroilles", "Bière de Bavay"]
    assert sorted_by_name == ["Bière de Bavay", "Maroilles"]


def test_sort_by_rank_without_search_is_an_error(api, shelf):
    errors = gql_errors(api, LIST, {"first": 5, "sortBy": {"field": "RANK", "direction": "ASC"}})

    assert errors == ["Sorting by RANK is available only when using a search filter."]


def test_sort_by_price_puts_unpriced_products_last_both_ways(api, staff_api, shelf):
    ProductVariantChannelListing.objects.filter(variant__product=shelf["biere"]).update(price_amount=None)
    ProductChannelListing.objects.filter(product=shelf["biere"]).update(discounted_price_amount=None)

    ascending = names(staff_api, sortBy={"field": "PRICE", "direction": "ASC"})
    descending = names(staff_api, sortBy={"field": "MINIMAL_PRICE", "direction": "DESC"})

    assert ascending == ["Boulette d'Avesnes", "Maroilles", "Panier en osier", "Bière de Bavay"]
    assert descending == ["Panier en osier", "Maroilles", "Boulette d'Avesnes", "Bière de Bavay"]


def test_cursor_pagination_forward_and_backward(api, channel):
    for index in range(7):
        factories.product(f"Produit {index}", price=f"{index + 1}.00")
    order = {"field": "PRICE", "direction": "ASC"}

    first_page = gql(api, LIST, {"first": 3, "sortBy": order})["products"]
    second_page = gql(api, LIST, {"first": 3, "after": first_page["pageInfo"]["endCursor"], "sortBy": order})[
        "products"]
    last_page = gql(api, LIST, {"last": 2, "sortBy": order})["products"]
    before_page = gql(api, LIST, {"last": 2, "before": second_page["pageInfo"]["startCursor"], "sortBy": order})[
        "products"]

    assert [e["node"]["name"] for e in first_page["edges"]] == ["Produit 0", "Produit 1", "Produit 2"]
    assert first_page["pageInfo"]["hasNextPage"] is True and first_page["pageInfo"]["hasPreviousPage"] is False
    assert [e["node"]["name"] for e in second_page["edges"]] == ["Produit 3", "Produit 4", "Produit 5"]
    assert second_page["pageInfo"]["hasPreviousPage"] is True
    assert [e["node"]["name"] for e in last_page["edges"]] == ["Produit 5", "Produit 6"]
    assert last_page["pageInfo"]["hasNextPage"] is False
    assert [e["node"]["name"] for e in before_page["edges"]] == ["Produit 1", "Produit 2"]
    assert first_page["totalCount"] == 7


def test_pagination_limits_are_clear_errors(api, channel):
    assert gql_errors(api, LIST, {"first": -1}) == ["Argument 'first' must be a non-negative integer."]
    assert gql_errors(api, LIST, {"first": 101}) == [
        "'first' argument value of '101' exceeds the limit of 100 records for the products connection."]
    assert gql_errors(api, "{ products { edges { node { id } } } }") == [
        "You must provide a 'first' or 'last' value to properly paginate the products connection."]


def test_where_with_a_wrong_id_type_is_an_error(api, shelf):
    product_id = to_global_id("Product", shelf["maroilles"].pk)

    errors = gql_errors(api, LIST, {"first": 5, "where": {"category": {"eq": product_id}}})

    assert errors == [f"Invalid ID: {product_id}. Expected: Category, received: Product."]


def test_updated_discounted_price_service_keeps_the_cheapest_variant(channel):
    from backend.commerce.product.models import ProductVariant
    from backend.commerce.product.services import product_channel_listing_update_discounted_price

    product = factories.product("Maroilles", price="12.50")
    small = ProductVariant.objects.create(product=product, sku="MAR-250", name="250 g")
    ProductVariantChannelListing.objects.create(variant=small, channel=channel, price_amount=Decimal("6.90"),
                                                discounted_price_amount=Decimal("5.90"))

    written = product_channel_listing_update_discounted_price(product_ids=[product.pk])

    assert written == 1
    assert ProductChannelListing.objects.get(product=product).discounted_price_amount == Decimal("5.90")
