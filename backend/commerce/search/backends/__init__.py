"""The search backend is chosen from settings: Elasticsearch when ELASTICSEARCH_URL is set, PostgreSQL otherwise."""

from functools import lru_cache

from django.conf import settings

from backend.commerce.search.backends.base import SearchBackend, SearchBackendUnavailable
from backend.commerce.search.backends.postgres import PostgresSearchBackend


def get_search_backend() -> SearchBackend:
    return _backend_for(settings.ELASTICSEARCH_URL or "")


@lru_cache(maxsize=4)
def _backend_for(elasticsearch_url: str) -> SearchBackend:
    if elasticsearch_url:
        from backend.commerce.search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(url=elasticsearch_url)
    return PostgresSearchBackend()


def reset_search_backend() -> None:
    """For tests that change ELASTICSEARCH_URL or the client."""
    _backend_for.cache_clear()


__all__ = ["SearchBackend", "SearchBackendUnavailable", "get_search_backend", "reset_search_backend"]
