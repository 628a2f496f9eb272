"""Keeping the search index current. The product, category and warehouse services call
`search_products_changed(...)` after a write; the index follows after commit, through a celery task."""

import logging
from collections.abc import Callable, Iterable

from django.utils import timezone

from backend.commerce.product.models import Product
from backend.commerce.product.search_index import (
    BATCH_SIZE,
    BULK_REINDEX_THRESHOLD,
    dirty_product_ids,
    flush_products_search_index,
    mark_products_search_dirty,
    rebuild_products_lexicon,
    update_products_search_vector,
)
from backend.commerce.search.backends import SearchBackendUnavailable, get_search_backend
from backend.commerce.search.backends.postgres import PostgresSearchBackend
from backend.core.events import enqueue

logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


def search_products_changed(*, product_ids: Iterable[int] = (), category_ids: Iterable[int] = (),
                            warehouse_ids: Iterable = ()) -> list[int]:
    """Mark the products concerned by a change as dirty and reindex them after commit. Returns their ids."""
    from backend.commerce.search.tasks import update_search_index_task

    ids = mark_products_search_dirty(product_ids=product_ids, category_ids=category_ids,
                                     warehouse_ids=warehouse_ids)
    if ids:
        enqueue(update_search_index_task, product_ids=ids)
    return ids


def search_products_deleted(*, product_ids: Iterable[int]) -> None:
    """Forget deleted products in an external index after commit (PostgreSQL vectors go with their rows)."""
    from backend.commerce.search.tasks import delete_from_search_index_task

    ids = sorted(set(product_ids))
    if ids and not isinstance(get_search_backend(), PostgresSearchBackend):
        enqueue(delete_from_search_index_task, product_ids=ids)


def search_index_products(*, product_ids: Iterable[int]) -> int:
    """Reindex these products now: PostgreSQL vectors always (they are the fallback), and the external index when
    one is configured. If the external index cannot be written, the products stay dirty for the next pass."""
    ids = sorted(set(product_ids))
    updated = update_products_search_vector(product_ids=ids)
    backend = get_search_backend()
    if not isinstance(backend, PostgresSearchBackend):
        try:
            backend.index_products(product_ids=ids)
        except SearchBackendUnavailable as error:
            logger.warning("Index %s non mis à jour (%s) : produits laissés à réindexer", backend.name, error)
            Product.objects.filter(pk__in=ids).update(search_index_dirty=True)
    return updated


def search_index_dirty_products(*, batch_size: int = BATCH_SIZE, progress: Progress | None = None) -> int:
    """Reindex the products flagged dirty when the pass starts, batch by batch (products flagged meanwhile wait for
    the next pass). Returns how many were reindexed."""
    ids = dirty_product_ids()
    for start in range(0, len(ids), batch_size):
        search_index_products(product_ids=ids[start : start + batch_size])
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids))
    if len(ids) >= BULK_REINDEX_THRESHOLD:
        flush_products_search_index()
    return len(ids)


def search_reindex_all(*, progress: Progress | None = None) -> int:
    """Rebuild the whole index: every product's PostgreSQL vector and the lexicon, then, with Elasticsearch, a new
    index swapped in behind the alias. Products changed during the rebuild are indexed again after the swap."""
    started = timezone.now()
    ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
    backend = get_search_backend()
    external = not isinstance(backend, PostgresSearchBackend)
    total = len(ids) * (2 if external else 1)
    for start in range(0, len(ids), BATCH_SIZE):
        update_products_search_vector(product_ids=ids[start : start + BATCH_SIZE])
        if progress:
            progress(min(start + BATCH_SIZE, len(ids)), total)
    flush_products_search_index()
    rebuild_products_lexicon()
    if external:
        backend.reindex_all(product_ids=ids, progress=(lambda current, _total: progress(len(ids) + current, total))
                            if progress else None)
        changed = list(Product.objects.filter(updated_at__gte=started).values_list("pk", flat=True))
        if changed:
            backend.index_products(product_ids=changed)
    return len(ids)
