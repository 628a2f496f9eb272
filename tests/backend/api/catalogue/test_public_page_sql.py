"""The public's plain product list is read with one fixed SQL statement (`public_products_page`): every answer must
be exactly the one the ORM composition gives (visibility, order, pages, totalCount, VAT, listing, deferred columns)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backend.api.core.connection import encode_cursor
from backend.api.product import resolvers
from backend.commerce.product.models import Product, ProductChannelListing
from tests import factories
from tests.utils import ApiClient

GRID = """
query Grid($channel: String, $first: Int, $after: String) {
  products(channel: $channel, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node {
      id name slug isAvailable description seoTitle created weight { unit value }
      category { slug } metadata { key value }
      pricing { priceRange { start { gross { amount } net { amount } tax { amount } } } }
      variants { sku quantityAvailable }
    } }
  }
}
"""
NO_TOTAL = """
query Names($channel: String, $first: Int, $after: String) {
  products(channel: $channel, first: $first, after: $after) { edges { node { name } } pageInfo { hasNextPage } }
}
"""


def both_paths(monkeypatch, query, variables):
    """(answer through the fixed statement, answer through the ORM, SQL statements of the first)."""
    api = ApiClient()
    with CaptureQueriesContext(connection) as captured:
        fixed = api.query(query, variables)
    statements = [statement["sql"] for statement in captured.captured_queries]  # the next request clears the log
    monkeypatch.setattr(resolvers, "FIXED_SQL_PAGES", False)
    reference = api.query(query, variables)
    monkeypatch.setattr(resolvers, "FIXED_SQL_PAGES", True)
    return fixed, reference, statements


@pytest.fixture
def catalogue(db):
    channel = factories.channel()
    other = factories.channel("autre-canal")
    listed = [factories.product(f"Produit {letter}", price=f"{index + 2}.50", rate="20" if index % 3 else "5.5")
              for index, letter in enumerate("ECADB")]
    Product.objects.filter(pk=listed[0].pk).update(description={"blocks": [{"type": "paragraph"}]},
                                                   seo_title="Titre", metadata={"origine": "Bavay"})
    hidden = factories.product("Caché", published=False)
    future = factories.product("Demain")
    ProductChannelListing.objects.filter(product=future).update(
        published_at=timezone.now() + datetime.timedelta(days=1))
    unlisted = factories.product("Hors liste")
    ProductChannelListing.objects.filter(product=unlisted).update(visible_in_listings=False)
    elsewhere = factories.product("Ailleurs", chan=other)
    # a product type without tax class and a product with its own: the VAT rate comes from one or the other
    own_rate = listed[1]
    own_rate.tax_class = factories.tax_class("10")
    own_rate.save(update_fields=["tax_class"])
    return {"channel": channel, "listed": listed, "excluded": [hidden, future, unlisted, elsewhere]}


@pytest.mark.django_db
def test_every_page_of_the_grid_is_the_orm_answer(monkeypatch, catalogue):
    pages, after = [], None
    while True:
        fixed, reference, statements = both_paths(monkeypatch, GRID,
                                                  {"channel": "comptoir-de-mormal", "first": 2, "after": after})
        assert "errors" not in fixed, fixed["errors"]
        assert fixed == reference
        pages.append(fixed["data"]["products"])
        if not fixed["data"]["products"]["pageInfo"]["hasNextPage"]:
            break
        after = fixed["data"]["products"]["pageInfo"]["endCursor"]
    names = [edge["node"]["name"] for page in pages for edge in page["edges"]]
    assert names == ["Produit A", "Produit B", "Produit C", "Produit D", "Produit E"]
    assert [page["totalCount"] for page in pages] == [5, 5, 5]
    first = next(edge["node"] for page in pages for edge in page["edges"] if edge["node"]["name"] == "Produit E")
    assert first["seoTitle"] == "Titre" and first["metadata"] == [{"key": "origine", "value": "Bavay"}]
    own = next(edge["node"] for page in pages for edge in page["edges"] if edge["node"]["name"] == "Produit C")
    assert own["pricing"]["priceRange"]["start"]["tax"]["amount"] == float(
        (Decimal("3.50") - Decimal("3.50") / Decimal("1.10")).quantize(Decimal("0.01")))


@pytest.mark.django_db
def test_a_page_past_the_end_and_a_list_without_total_are_the_orm_answer(monkeypatch, catalogue):
    past = {"channel": "comptoir-de-mormal", "first": 3, "after": encode_cursor(8)}
    fixed, reference, statements = both_paths(monkeypatch, GRID, past)
    assert fixed == reference
    assert fixed["data"]["products"]["edges"] == [] and fixed["data"]["products"]["totalCount"] == 5
    fixed, reference, statements = both_paths(monkeypatch, NO_TOTAL, {"channel": "comptoir-de-mormal", "first": 4})
    assert fixed == reference
    assert fixed["data"]["products"]["pageInfo"]["hasNextPage"] is True
    assert not any("COUNT" in statement for statement in statements)


@pytest.mark.django_db
def test_the_grid_is_one_fixed_statement_and_bad_pages_are_refused_as_before(monkeypatch, catalogue):
    fixed, reference, statements = both_paths(monkeypatch, NO_TOTAL, {"channel": "comptoir-de-mormal", "first": 5})
    assert fixed == reference
    page_statements = [statement for statement in statements if "FROM product_product" in statement]
    assert len(page_statements) == 1 and "ORDER BY product.slug, product.id" in page_statements[0]  # the fixed one
    for variables in ({"first": -1}, {"first": 1000}, {"first": 2, "after": "pas-un-curseur"}):
        fixed, reference, _ = both_paths(monkeypatch, NO_TOTAL, {"channel": "comptoir-de-mormal", **variables})
        assert fixed == reference
        assert (fixed["data"] or {}).get("products") is None and len(fixed["errors"]) == 1


BY_CATEGORY = """
query ByCategory($channel: String, $first: Int, $after: String, $where: ProductWhereInput) {
  products(channel: $channel, first: $first, after: $after, where: $where) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name category { name } pricing { priceRange { start { gross { amount } } } } } }
  }
}
"""


@pytest.mark.django_db
def test_a_category_page_is_the_orm_answer(monkeypatch, catalogue):
    from backend.commerce.product.models import Category
    from backend.core.ids import to_global_id

    factories.product("Bière blonde", category_name="Bières")
    factories.product("Bière ambrée", category_name="Bières", published=False)
    cheeses = to_global_id("Category", Category.objects.get(name="Fromages").pk)
    beers = to_global_id("Category", Category.objects.get(name="Bières").pk)
    cases = [
        ({"category": {"eq": cheeses}}, 2, None),
        ({"category": {"eq": beers}}, 5, None),
        ({"category": {"oneOf": [beers, cheeses]}}, 3, None),
        ({"category": {"eq": cheeses}}, 3, encode_cursor(7)),  # past the end: the total is counted on its own
        ({"category": {"eq": to_global_id("Category", 999_999)}}, 5, None),
        ({"category": {"eq": to_global_id("Product", 1)}}, 5, None),  # an ID of another type: the same error
        ({"category": {"eq": cheeses}, "name": {"eq": "Produit A"}}, 5, None),  # more than the category: the ORM
    ]
    answers = []
    for where, first, after in cases:
        variables = {"channel": "comptoir-de-mormal", "first": first, "after": after, "where": where}
        fixed, reference, statements = both_paths(monkeypatch, BY_CATEGORY, variables)
        assert fixed == reference
        fixed_statement = any("ORDER BY product.slug, product.id" in statement for statement in statements)
        answers.append((fixed, fixed_statement))

    def names(answer):
        return [edge["node"]["name"] for edge in answer["data"]["products"]["edges"]]

    (cheese_page, fixed), (beer_page, _), (both, _), (past, _), (unknown, _), (wrong, _), (named, orm) = \
        answers
    assert fixed and not orm
    assert names(cheese_page) == ["Produit A", "Produit B"] and cheese_page["data"]["products"]["totalCount"] == 5
    assert names(beer_page) == ["Bière blonde"] and beer_page["data"]["products"]["totalCount"] == 1
    assert names(both) == ["Bière blonde", "Produit A", "Produit B"] and both["data"]["products"]["totalCount"] == 6
    assert names(past) == [] and past["data"]["products"]["totalCount"] == 5
    assert names(unknown) == [] and unknown["data"]["products"]["totalCount"] == 0
    assert wrong["data"]["products"] is None and "Expected: Category" in wrong["errors"][0]["message"]
    assert names(named) == ["Produit A"]
