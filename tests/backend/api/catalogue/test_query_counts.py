"""SQL query counts of the catalogue root queries are pinned, and do not grow with the page size."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.core.ids import to_global_id
from tests import factories
from tests.backend.api.catalogue.conftest import add_attribute, add_collection, add_media, many_products

pytestmark = pytest.mark.django_db

STOREFRONT_PRODUCTS = """
query Storefront($first: Int) {
  products(first: $first, channel: "comptoir-de-mormal") {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name slug
      thumbnail { url alt }
      category { id name slug }
      pricing { priceRange { start { gross { amount currency } } } }
      variants { id name pricing { price { gross { amount } } } quantityAvailable }
      isAvailable
    } }
  }
}
"""


def run(client, query, variables=None):
    with CaptureQueriesContext(connection) as queries:
        body = client.query(query, variables)
    assert "errors" not in body, body.get("errors")
    return body["data"], len(queries.captured_queries)


@pytest.fixture
def catalogue_120(channel):
    return many_products(120)


@pytest.mark.parametrize("first", [5, 24, 100])
def test_storefront_products_query_costs_five_queries_whatever_the_page_size(api, catalogue_120, first):
    # given 120 published products with an image, a category, a priced and stocked variant
    # when the storefront asks for a page of product cards (with totalCount)
    data, count = run(api, STOREFRONT_PRODUCTS, {"first": first})

    # then: channel, page (with the total as a scalar subquery), media, categories, variants (with their listing
    # and stock joined)
    assert len(data["products"]["edges"]) == first
    assert data["products"]["totalCount"] == 120
    assert count == 5


def test_a_page_past_the_end_still_counts_the_products(api, catalogue_120):
    # the page carries the total; an empty page carries nothing, and the COUNT runs on its own
    from backend.api.core.connection import encode_cursor

    query = STOREFRONT_PRODUCTS.replace("$first: Int", "$first: Int, $after: String").replace(
        "products(first: $first,", "products(first: $first, after: $after,")
    data, count = run(api, query, {"first": 24, "after": encode_cursor(200)})

    assert data["products"]["edges"] == []
    assert data["products"]["totalCount"] == 120
    assert count == 3  # channel, page, COUNT


def test_storefront_products_card_without_total_count_costs_five_queries(api, catalogue_120):
    query = STOREFRONT_PRODUCTS.replace("totalCount", "")

    data, count = run(api, query, {"first": 24})

    assert len(data["products"]["edges"]) == 24
    assert count == 5


@pytest.mark.parametrize("first", [5, 100])
def test_products_with_attributes_collections_and_translations_do_not_grow(api, catalogue_120, first):
    for product in catalogue_120:
        add_attribute(product, "affinage", "6 semaines")
    add_collection("De saison", catalogue_120[:50])
    query = """query($first: Int) { products(first: $first) { edges { node {
      assignedAttributes { attribute { slug } ... on AssignedSingleChoiceAttribute { value { name } } }
      collections { slug } translation(languageCode: EN) { name } media { url }
      productType { slug } defaultVariant { sku }
    } } } }"""

    data, count = run(api, query, {"first": first})

    # channel, page, type attributes, assigned values, collections, translations, media, types, default variants
    assert len(data["products"]["edges"]) == first
    assert count == 9


@pytest.mark.parametrize("first", [5, 100])
def test_product_variants_query_count(api, catalogue_120, first):
    query = """query($first: Int) { productVariants(first: $first, channel: "comptoir-de-mormal") { edges { node {
      id sku name quantityAvailable pricing { price { gross { amount } } } product { name thumbnail { url } }
    } } } }"""

    data, count = run(api, query, {"first": first})

    # channel, page, listings, stock, products, media
    assert len(data["productVariants"]["edges"]) == first
    assert count == 6


def test_product_details_page_query_count(api, channel):
    product = factories.product("Maroilles AOP")
    add_media(product, "a.png")
    add_media(product, "b.png")
    add_attribute(product, "lait", "Cru")
    add_attribute(product, "poids", "250 g", on_variant=True)
    query = """query($slug: String) { product(slug: $slug, channel: "comptoir-de-mormal") {
      id name description seoTitle category { name } thumbnail(size: 1024, format: WEBP) { url alt }
      media { url(size: 512) alt type } pricing { priceRange { start { gross { amount } } } }
      isAvailable assignedAttributes { attribute { name } }
      variants { id name quantityAvailable pricing { price { gross { amount } } }
                 attributes(variantSelection: ALL) { attribute { slug } values { name } } }
      translation(languageCode: FR) { name }
    } }"""

    data, count = run(api, query, {"slug": product.slug})

    # channel, product, category, media, variants, product listing, type attributes (product, variant),
    # values (product, variant)
    assert data["product"]["name"] == "Maroilles AOP"
    assert count == 10


@pytest.mark.parametrize("first", [5, 40])
def test_categories_with_children_and_parent_do_not_grow(api, channel, first):
    from backend.commerce.product.models import Category

    for index in range(40):
        parent = Category.objects.create(name=f"Rayon {index:02d}", slug=f"rayon-{index:02d}")
        for child in range(3):
            Category.objects.create(name=f"Sous-rayon {index:02d}-{child}", slug=f"sous-{index:02d}-{child}",
                                    parent=parent)
    query = """query($first: Int) { categories(first: $first, level: 0) { totalCount edges { node {
      id name slug backgroundImage { url } translation(languageCode: EN) { name }
      children(first: 10) { edges { node { name parent { slug } } } }
    } } } }"""

    data, count = run(api, query, {"first": first})

    # page, COUNT, translations, children (their parents are the page's nodes, already in the loader's cache)
    assert len(data["categories"]["edges"]) == first
    assert count == 4


@pytest.mark.parametrize("first", [5, 100])
def test_category_products_query_count(api, catalogue_120, first):
    query = """query($first: Int) { category(slug: "fromages") { name products(first: $first,
      channel: "comptoir-de-mormal") { totalCount edges { node { name thumbnail { url }
      pricing { priceRange { start { gross { amount } } } } } } } } }"""

    data, count = run(api, query, {"first": first})

    # category, channel, category tree, page (with the total), media, variants
    assert len(data["category"]["products"]["edges"]) == min(first, 30)
    assert data["category"]["products"]["totalCount"] == 30
    assert count == 6


@pytest.mark.parametrize("first", [5, 100])
def test_collections_and_collection_products_query_count(api, catalogue_120, first):
    for index in range(6):
        add_collection(f"Sélection {index}", catalogue_120[index * 20:(index + 1) * 20])
    query = """query($first: Int) { collections(first: $first, channel: "comptoir-de-mormal") { edges { node {
      name slug backgroundImage { url } translation(languageCode: EN) { name } } } }
      collection(slug: "selection-0", channel: "comptoir-de-mormal") { name
        products(first: $first) { edges { node { name pricing { priceRange { start { gross { amount } } } } } } } }
    }"""

    data, count = run(api, query, {"first": first})

    # channel, collections page, translations, collection, its products page, variants
    assert len(data["collections"]["edges"]) == min(first, 6)
    assert count == 6


def test_channels_and_channel_query_count(api, channel):
    query = """{ channels { id slug name currencyCode isActive countries { code country } }
      channel(slug: "comptoir-de-mormal") { id name defaultCountry { code } } }"""

    data, count = run(api, query)

    assert data["channels"] == [{"id": to_global_id("Channel", channel.pk), "slug": "comptoir-de-mormal",
                                 "name": "Comptoir de Mormal", "currencyCode": "EUR", "isActive": True,
                                 "countries": [{"code": "FR", "country": "France"}]}]
    assert count == 2


def test_rejected_page_size_runs_no_sql(api, channel):
    with CaptureQueriesContext(connection) as queries:
        body = api.query('{ products(first: 1000) { edges { node { id } } } }')

    assert [e["message"] for e in body["errors"]] == [
        "'first' argument value of '1000' exceeds the limit of 100 records for the products connection."]
    assert len(queries.captured_queries) <= 1  # at most the channel lookup, never the products


@pytest.mark.parametrize("first", [5, 100])
def test_description_and_metadata_selected_on_cards_come_with_the_page(api, catalogue_120, first):
    # The page query leaves out the columns no selected field reads (description, metadata, search vector): when a
    # card does select them, they must come with the page, not one query per product.
    from backend.commerce.product.models import Product

    description = {"blocks": [{"type": "paragraph", "data": {"text": "Affiné 5 semaines en cave."}}]}
    Product.objects.filter(pk__in=[p.pk for p in catalogue_120]).update(
        description=description, metadata={"origine": "Maroilles"})
    query = """query($first: Int) { products(first: $first, channel: "comptoir-de-mormal") { edges { node {
      description metadata { key value } privateMetadata { key }
      seoTitle seoDescription created updatedAt weight { value unit } rating externalReference } } } }"""

    data, count = run(api, query, {"first": first})

    node = data["products"]["edges"][0]["node"]
    assert len(data["products"]["edges"]) == first
    assert json.loads(node["description"]) == description
    assert node["metadata"] == [{"key": "origine", "value": "Maroilles"}]
    assert node["weight"] is None and node["rating"] is None and node["externalReference"] is None
    assert node["created"].startswith(str(catalogue_120[0].created_at.year))
    assert count == 2  # channel, page
