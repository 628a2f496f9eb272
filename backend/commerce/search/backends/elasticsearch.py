"""Elasticsearch backend (when ELASTICSEARCH_URL is set), with the official client.

- Reads go to the alias `<prefix>-products`; a full reindex fills a new dated index, then swaps the alias in one
  `update_aliases` call and drops the old index: searches never see a half-built index.
- Any transport or API failure raises SearchBackendUnavailable, which the selector turns into a PostgreSQL search,
  and opens a short circuit so that the next pages do not wait on a dead cluster.
- PostgreSQL vectors are kept current too (services), so the fallback always has fresh data."""

import logging
import time
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db.models import BigIntegerField, F, Func, QuerySet, Value
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, streaming_bulk

from backend.commerce.search.backends.base import SearchBackend, SearchBackendUnavailable
from backend.commerce.search.backends.elasticsearch_schema import INDEX_SETTINGS, MAPPINGS, search_body
from backend.commerce.search.text import query_text

logger = logging.getLogger(__name__)

MAX_HITS = 1000  # a search result page never goes deeper than this
BULK_CHUNK = 500
CIRCUIT_OPEN_SECONDS = 30.0
Progress = Callable[[int, int], None]


class ArrayPosition(Func):
    function = "array_position"


def _unavailable(error: Exception) -> SearchBackendUnavailable:
    return SearchBackendUnavailable(f"{type(error).__name__}: {error}")


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, *, url: str = "", client: Elasticsearch | None = None, index_prefix: str | None = None):
        self.client = client or Elasticsearch(
            url,
            request_timeout=float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 2.0)),
            max_retries=0,
            retry_on_timeout=False,
        )
        prefix = index_prefix or getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "comptoir")
        self.alias = f"{prefix}-products"
        self._circuit_open_until = 0.0

    # --- reads ---

    def search_product_ids(self, text: str, *, size: int = MAX_HITS) -> list[int]:
        phrase = query_text(text)
        if not phrase:
            return []
        if time.monotonic() < self._circuit_open_until:
            raise SearchBackendUnavailable("circuit ouvert après une panne récente")
        try:
            response = self.client.search(index=self.alias, body=search_body(phrase, size=size))
        except NotFoundError:
            return []  # no index yet: nothing was ever indexed
        except (ApiError, TransportError) as error:
            self._circuit_open_until = time.monotonic() + CIRCUIT_OPEN_SECONDS
            raise _unavailable(error) from error
        return [int(hit["_id"]) for hit in response["hits"]["hits"]]

    def search_products(self, queryset: QuerySet, text: str) -> QuerySet:
        ids = self.search_product_ids(text)
        if not ids:
            return queryset.none()
        position = ArrayPosition(Value(ids, output_field=ArrayField(BigIntegerField())), F("pk"),
                                 output_field=BigIntegerField())
        # Higher is better, as with PostgreSQL's rank: the first hit gets len(ids).
        rank = Value(len(ids) + 1) - position
        return queryset.filter(pk__in=ids).annotate(search_rank=rank).order_by("-search_rank", "pk")

    # --- writes ---

    def _actions(self, index: str, documents: dict) -> Iterator[dict]:
        for pk, document in documents.items():
            yield {"_op_type": "index", "_index": index, "_id": str(pk), "_source": document.as_dict()}

    def _bulk(self, actions: Iterable[dict], progress: Progress | None = None, total: int = 0) -> int:
        done = 0
        try:
            for ok, item in streaming_bulk(self.client, actions, chunk_size=BULK_CHUNK, raise_on_error=False):
                if not ok and not _is_missing_delete(item):
                    logger.warning("Indexation Elasticsearch refusée : %s", item)
                done += 1
                if progress and (done % BULK_CHUNK == 0 or done == total):
                    progress(done, total)
        except (ApiError, TransportError, BulkIndexError) as error:
            raise _unavailable(error) from error
        return done

    def ensure_alias(self) -> None:
        """Create an empty index behind the alias if there is none, so incremental writes never create an index
        with dynamic mappings."""
        try:
            if not self.client.indices.exists_alias(name=self.alias):
                index = self._new_index_name()
                self.client.indices.create(index=index, settings=INDEX_SETTINGS, mappings=MAPPINGS,
                                           aliases={self.alias: {}})
        except (ApiError, TransportError) as error:
            raise _unavailable(error) from error

    def index_products(self, *, product_ids: list[int]) -> int:
        from backend.commerce.product.search_index import product_search_documents

        ids = sorted(set(product_ids))
        if not ids:
            return 0
        self.ensure_alias()
        documents = product_search_documents(product_ids=ids)
        gone = [pk for pk in ids if pk not in documents]
        actions = list(self._actions(self.alias, documents))
        actions += [{"_op_type": "delete", "_index": self.alias, "_id": str(pk)} for pk in gone]
        self._bulk(actions)
        return len(documents)

    def delete_products(self, *, product_ids: list[int]) -> None:
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": str(pk)} for pk in sorted(set(product_ids))]
        if actions:
            self._bulk(actions)

    def _new_index_name(self) -> str:
        return f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 1000000:06d}"

    def reindex_all(self, *, product_ids: list[int], progress: Progress | None = None) -> str:
        """Build a new index with every product, then point the alias at it and drop the old ones. Returns the new
        index name. Readers keep using the old index until the swap."""
        from backend.commerce.product.search_index import BATCH_SIZE, product_search_documents

        index = self._new_index_name()
        total = len(product_ids)

        def actions() -> Iterator[dict]:
            for start in range(0, total, BATCH_SIZE):
                batch = product_ids[start : start + BATCH_SIZE]
                yield from self._actions(index, product_search_documents(product_ids=batch))

        try:
            self.client.indices.create(index=index, settings=INDEX_SETTINGS, mappings=MAPPINGS)
            if progress:
                progress(0, total)
            self._bulk(actions(), progress, total)
            self.client.indices.refresh(index=index)
            try:
                old_indices = sorted(self.client.indices.get_alias(name=self.alias).body)
            except NotFoundError:
                old_indices = []
            swap = [{"remove": {"index": old, "alias": self.alias}} for old in old_indices]
            swap.append({"add": {"index": index, "alias": self.alias}})
            self.client.indices.update_aliases(actions=swap)
            if old_indices:
                self.client.indices.delete(index=",".join(old_indices))
        except (ApiError, TransportError) as error:
            raise _unavailable(error) from error
        logger.info("Index %s construit (%d produits), alias %s basculé", index, total, self.alias)
        return index


def _is_missing_delete(item: dict) -> bool:
    delete = item.get("delete") or {}
    return delete.get("status") == 404
