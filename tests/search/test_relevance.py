"""Relevance on PostgreSQL: at least 90 % of the test queries find an expected product in the first five."""

import pytest

from tests.search.conftest import ranked_names
from tests.search.relevance import RELEVANCE_QUERIES, evaluate


def test_relevance_set_covers_every_kind_of_query_with_at_least_40_queries():
    kinds = {kind for kind, _query, _expected in RELEVANCE_QUERIES}

    assert len(RELEVANCE_QUERIES) >= 40
    assert kinds == {"faute", "accents", "pluriel", "producteur", "commune", "label", "ordre", "prefixe"}


@pytest.mark.django_db
def test_at_least_90_percent_of_queries_find_an_expected_product_in_the_top_5(catalogue):
    report = evaluate(ranked_names)

    print(f"\nhit@5={report.hit_rate:.3f} precision@5={report.precision_at_5:.3f} MRR={report.mrr:.3f}")
    for query, names in report.misses:
        print(f"  raté : {query!r} -> {names}")
    assert report.hit_rate >= 0.90, report.misses
