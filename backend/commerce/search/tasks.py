"""Celery tasks: thin, take ids, re-fetch, idempotent."""

from celery import shared_task

from backend.commerce.search import services
from backend.commerce.search.backends import get_search_backend


@shared_task(name="search.update_search_index", acks_late=True)
def update_search_index_task(product_ids: list[int] | None = None) -> int:
    """Reindex these products, or every dirty product when no ids are given."""
    if product_ids:
        return services.search_index_products(product_ids=product_ids)
    return services.search_index_dirty_products()


@shared_task(name="search.delete_from_search_index")
def delete_from_search_index_task(product_ids: list[int]) -> None:
    get_search_backend().delete_products(product_ids=product_ids)


@shared_task(bind=True, name="search.reindex_all")
def search_reindex_all_task(self) -> int:
    """Full reindex; its progress is readable as task state PROGRESS with meta {current, total}."""

    def progress(current: int, total: int) -> None:
        self.update_state(state="PROGRESS", meta={"current": current, "total": total})

    return services.search_reindex_all(progress=progress)
