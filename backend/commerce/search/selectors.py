"""Product search entry point used by the API. Issue 7 replaces this simple version with the real backends
(PostgreSQL full-text with unaccent and trigrams by default, Elasticsearch when configured)."""

from django.db.models import Q, QuerySet


def search_products(queryset: QuerySet, text: str) -> QuerySet:
    """Filter (and, once ranked search lands, order) `queryset` of products by a free-text query."""
    text = (text or "").strip()
    if not text:
        return queryset
    return queryset.filter(Q(name__icontains=text) | Q(description_plaintext__icontains=text))
