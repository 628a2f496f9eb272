"""First pages of a one-word search held by many products are ranked on the plan's candidates, and are the pages the
whole match gives; pages the candidates cannot fill fall back to the whole match. Counts stop where they need to,
through the API (totalCount) and on the storefront ("Plus de … produits")."""

from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.search.conftest import ranked_names

pytestmark = pytest.mark.django_db

PRODUCTS = """query($search: String, $first: Int, $last: Int, $before: String) {
  products(channel: "comptoir-de-mormal", search: $search, first: $first, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { name } }
  }
}"""


@pytest.fixture
def three_candidates(monkeypatch):
    """A word held by more than 2 products gets 3 candidates."""
    monkeypatch.setattr("backend.commerce.search.postings.CANDIDATES_PER_QUERY", 3)
    monkeypatch.setattr("backend.commerce.search.postings.EXACT_MATCH_LIMIT", 2)


def _whole_match(queryset, text: str) -> list[str]:
    """The ranking of every match, as before the candidates existed."""
    from backend.commerce.search.backends.postgres import filter_and_rank

    return list(filter_and_rank(queryset, text).values_list("name", flat=True))


def test_a_first_page_ranked_on_the_candidates_is_the_first_page_of_the_whole_match(catalogue, three_candidates,
                                                                                   django_assert_num_queries):
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    with django_assert_num_queries(2):  # the plan, then the page on the three candidates
        results = search_products(Product.objects.all(), "fromages")
        first_page = [product.name for product in results[:3]]
    with django_assert_num_queries(1):  # deeper than the candidates: the whole match is ranked
        deeper = [product.name for product in results[2:5]]

    assert results.candidates is not None and len(results.candidates) == 3
    assert first_page == _whole_match(Product.objects.all(), "fromages")[:3]
    assert deeper == _whole_match(Product.objects.all(), "fromages")[2:5]


def test_a_page_the_candidates_cannot_fill_is_ranked_on_the_whole_match(catalogue, three_candidates,
                                                                        django_assert_num_queries):
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    best = ranked_names("fromages", limit=2)
    others = Product.objects.exclude(name__in=best)  # another filter sets two of the three candidates aside

    with django_assert_num_queries(3):  # the plan, the page the candidates cannot fill, the whole match
        page = list(search_products(others, "fromages").values_list("name", flat=True)[:3])

    assert page == _whole_match(others, "fromages")[:3]
    assert not set(best) & set(page)


def test_another_order_uses_the_whole_match(catalogue, three_candidates):
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    by_name = list(search_products(Product.objects.all(), "fromages").order_by("name")
                   .values_list("name", flat=True)[:3])

    assert by_name == sorted(_whole_match(Product.objects.all(), "fromages"))[:3]


def test_a_count_stops_one_row_past_its_limit(catalogue, django_assert_num_queries):
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    results = search_products(Product.objects.all(), "bio")

    with django_assert_num_queries(2):
        capped, exact = results.count_at_most(5), results.count_at_most(50)

    assert (capped, exact) == (6, 11)


def test_total_count_of_a_search_is_exact_up_to_the_limit_then_reads_more_than_it(catalogue, three_candidates,
                                                                                 api_client, monkeypatch):
    monkeypatch.setattr("backend.api.core.connection.SEARCH_TOTAL_COUNT_LIMIT", 5)

    with CaptureQueriesContext(connection) as queries:
        broad = api_client.query(PRODUCTS, {"search": "bio", "first": 2})["data"]["products"]
    query_count = len(queries.captured_queries)  # read now: the next request clears the log
    narrow = api_client.query(PRODUCTS, {"search": "fromages bio", "first": 2})["data"]["products"]
    previous = api_client.query(PRODUCTS, {"search": "bio", "last": 2, "before": broad["pageInfo"]["endCursor"]})

    # channel, plan, page (from the 3 candidates of "bio", which 11 products hold), count
    assert query_count == 4
    assert broad["totalCount"] == 6  # more than 5
    assert broad["pageInfo"]["hasNextPage"] is True
    assert [edge["node"]["name"] for edge in broad["edges"]] == ranked_names("bio", limit=2)
    assert narrow["totalCount"] == 3
    assert previous["data"]["products"]["pageInfo"]["hasNextPage"] is True
    assert [edge["node"]["name"] for edge in previous["data"]["products"]["edges"]] == ranked_names("bio", limit=1)


def test_the_storefront_says_more_than_the_limit_when_the_count_stops(catalogue, client, monkeypatch):
    monkeypatch.setattr("backend.api.core.connection.SEARCH_TOTAL_COUNT_LIMIT", 5)
    monkeypatch.setattr("storefront.views.catalogue.SEARCH_TOTAL_COUNT_LIMIT", 5)

    broad = unescape(client.get("/produits/?q=bio").content.decode())
    narrow = unescape(client.get("/produits/?q=fromages+bio").content.decode())

    assert '<p class="count" role="status">Plus de 5 produits</p>' in broad
    assert '<p class="count" role="status">3 produits</p>' in narrow
