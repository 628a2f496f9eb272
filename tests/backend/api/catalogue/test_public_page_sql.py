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
    # the same slug order broken by id: two products whose slugs tie are impossible (unique), so names tie instead
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
