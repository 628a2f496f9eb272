"""Product search entry point used by the API and the storefront. The backend (PostgreSQL full-text by default,
Elasticsearch when ELASTICSEARCH_URL is set) is chosen from settings; when Elasticsearch cannot answer, PostgreSQL
does, and a warning is logged: a search never fails a page."""

import logging

from django.db.models import QuerySet

from backend.commerce.search.backends import SearchBackendUnavailable, get_search_backend
from backend.commerce.search.backends.postgres import PostgresSearchBackend, filter_and_rank

logger = logging.getLogger(__name__)


def search_products(queryset: QuerySet, text: str) -> QuerySet:
    """Filter `queryset` of products by a free-text query, ordered by relevance (annotation `search_rank`).

    An empty query returns `queryset` unchanged; a query without any searchable word returns nothing."""
    text = (text or "").strip()
    if not text:
        return queryset
    backend = get_search_backend()
    try:
        return backend.search_products(queryset, text)
    except SearchBackendUnavailable as error:
        logger.warning("Recherche %s indisponible (%s) : repli sur PostgreSQL", backend.name, error)
        return PostgresSearchBackend().search_products(queryset, text)


def search_queryset(queryset: QuerySet, text: str, *, vector_field: str = "search_vector",
                    document_field: str = "search_document") -> QuerySet:
    """Full-text search on any model that keeps a weighted search vector and a normalised short document (written
    with `backend.commerce.search.backends.postgres.write_search_vectors`), e.g. `producers(search:)`. Same rules as
    `search_products`: empty query -> unchanged, no searchable word -> nothing, else ranked by `search_rank`."""
    text = (text or "").strip()
    if not text:
        return queryset
    return filter_and_rank(queryset, text, vector_field=vector_field, document_field=document_field)
