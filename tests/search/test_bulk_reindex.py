"""A bulk reindex leaves the GIN index ready to search: its pending list is flushed once at the end of the pass, not
after each batch, and not at all for the few products a catalogue edit reindexes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def _flushes(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if "gin_clean_pending_list" in query["sql"]]


@pytest.mark.django_db
def test_a_dirty_pass_above_the_bulk_threshold_flushes_the_pending_list_once(catalogue, monkeypatch):
    from backend.commerce.product.models import Product
    from backend.commerce.search import services

    # given every product of the catalogue dirty and a threshold the catalogue reaches, in batches of 5
    monkeypatch.setattr(services, "BULK_REINDEX_THRESHOLD", 10)
    dirty = Product.objects.update(search_index_dirty=True)
    # when the dirty pass runs
    with CaptureQueriesContext(connection) as queries:
        reindexed = services.search_index_dirty_products(batch_size=5)
    # then every product is reindexed and the pending list flushed once, by the index's name
    assert reindexed == dirty
    assert Product.objects.filter(search_index_dirty=True).count() == 0
    assert _flushes(queries) == ["SELECT gin_clean_pending_list('product_search_vector_idx'::regclass)"]


@pytest.mark.django_db
def test_reindexing_a_few_products_keeps_the_cheap_pending_list_writes(catalogue):
    from backend.commerce.product.models import Product
    from backend.commerce.search.services import search_index_products

    # given two products of the catalogue
    ids = list(Product.objects.order_by("pk").values_list("pk", flat=True)[:2])
    # when they are reindexed
    with CaptureQueriesContext(connection) as queries:
        updated = search_index_products(product_ids=ids)
    # then nothing is flushed
    assert updated == 2
    assert _flushes(queries) == []


@pytest.mark.django_db
def test_a_full_reindex_flushes_the_pending_list_once(catalogue):
    from backend.commerce.product.models import Product
    from backend.commerce.search.services import search_reindex_all

    with CaptureQueriesContext(connection) as queries:
        reindexed = search_reindex_all()

    assert reindexed == Product.objects.count()
    assert len(_flushes(queries)) == 1
