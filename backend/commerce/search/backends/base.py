"""The interface every search backend implements. The selectors and services only talk to this."""

from abc import ABC, abstractmethod

from django.db.models import QuerySet


class SearchBackendUnavailable(Exception):
    """The backend cannot answer now (cluster down, timeout); the caller falls back to PostgreSQL."""


class SearchBackend(ABC):
    name: str = ""

    @abstractmethod
    def search_products(self, queryset: QuerySet, text: str) -> QuerySet:
        """`queryset` filtered by `text`, annotated with `search_rank` and ordered by it, best first."""

    @abstractmethod
    def index_products(self, *, product_ids: list[int]) -> int:
        """(Re)index these products; returns how many were written."""

    @abstractmethod
    def delete_products(self, *, product_ids: list[int]) -> None:
        """Forget these products (they were deleted)."""
