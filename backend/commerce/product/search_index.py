"""Maintains Product.search_vector, Product.search_document and the product postings. Called explicitly by the
services that change a product, its variants, its category or its stock (never from signals), usually through
`backend.commerce.search.services.search_products_changed`, which marks the products dirty and reindexes them after
commit."""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Q

from backend.commerce.product.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Product,
    ProductVariant,
)
from backend.commerce.search.backends.postgres import (
    flush_pending_index_entries,
    rebuild_lexicon,
    write_search_vectors,
)
from backend.commerce.search.postings import write_product_postings
from backend.commerce.search.text import WeightedDocument
from backend.commerce.warehouse.models import Stock
from backend.core.plugins import get_plugin_manager

BATCH_SIZE = 500
# From this many products reindexed in one pass, the GIN pending list is flushed at the end (see
# flush_pending_index_entries); below it, autovacuum does it in its own time.
BULK_REINDEX_THRESHOLD = 5000
SEARCH_VECTOR_INDEX = "product_search_vector_idx"


def editorjs_plain_text(description) -> str:
    """The text of an EditorJS document (used when description_plaintext was not filled in)."""
    if not isinstance(description, dict):
        return ""
    parts = []
    for block in description.get("blocks") or []:
        data = block.get("data") or {}
        if isinstance(data.get("text"), str):
            parts.append(data["text"])
        for item in data.get("items") or []:
            if isinstance(item, str):
                parts.append(item)
    return " ".join(parts)


def product_search_documents(*, product_ids: Iterable[int]) -> dict[int, WeightedDocument]:
    """The weighted documents of these products, built in five queries whatever their number."""
    products = (
        Product.objects.filter(pk__in=list(product_ids))
        .select_related("category__parent__parent")
        .only("pk", "name", "description", "description_plaintext", "category__name", "category__parent__name",
              "category__parent__parent__name")
    )
    documents: dict[int, WeightedDocument] = {}
    for product in products:
        categories, category = [], product.category
        while category is not None:
            categories.append(category.name)
            category = category.parent
        documents[product.pk] = WeightedDocument(
            name=product.name,
            categories=categories,
            description=product.description_plaintext or editorjs_plain_text(product.description),
        )
    ids = list(documents)
    if not ids:
        return documents
    labels = defaultdict(list)
    for product_id, name in ProductVariant.objects.filter(product_id__in=ids).exclude(name="").values_list(
        "product_id", "name"
    ):
        labels[product_id].append(name)
    for product_id, value in AssignedProductAttributeValue.objects.filter(product_id__in=ids).values_list(
        "product_id", "value__name"
    ):
        labels[product_id].append(value)
    for product_id, value in AssignedVariantAttributeValue.objects.filter(variant__product_id__in=ids).values_list(
        "variant__product_id", "value__name"
    ):
        labels[product_id].append(value)
    places = (
        Stock.objects.filter(product_variant__product_id__in=ids)
        .values_list("product_variant__product_id", "warehouse__name", "warehouse__commune__name")
        .distinct()
    )
    for product_id, warehouse_name, commune_name in places:
        document = documents[product_id]
        _append_once(document.producers, warehouse_name)
        _append_once(document.communes, commune_name)
    for product_id, values in labels.items():
        for value in values:
            _append_once(documents[product_id].labels, value)
    # Plugins (the producers' marketplace) add the producer's name and commune here.
    return get_plugin_manager().filter("product_search_document", documents, product_ids=ids)


def _append_once(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def _batches(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def update_products_search_vector(*, product_ids: Iterable[int]) -> int:
    """Recompute the search vector, document and postings of these products and clear their dirty flag. Returns the
    count."""
    updated = 0
    for batch in _batches(sorted(set(product_ids)), BATCH_SIZE):
        with transaction.atomic():
            documents = product_search_documents(product_ids=batch)
            updated += write_search_vectors(model=Product, documents=documents,
                                            clear_dirty_column="search_index_dirty")
            write_product_postings(product_ids=list(documents))
    if updated >= BULK_REINDEX_THRESHOLD:
        flush_products_search_index()
    return updated


def flush_products_search_index() -> None:
    """Make a bulk reindex fast to search right away (passes of batches call it once at their end)."""
    flush_pending_index_entries(index_name=SEARCH_VECTOR_INDEX)


def mark_products_search_dirty(*, product_ids: Iterable[int] = (), category_ids: Iterable[int] = (),
                               warehouse_ids: Iterable = ()) -> list[int]:
    """Flag the products whose searchable text may have changed; returns their ids.

    A category rename concerns its products (and those of its sub-categories); a warehouse rename or move concerns
    the products it stocks."""
    condition = Q(pk__in=list(product_ids))
    category_ids = list(category_ids)
    if category_ids:
        condition |= (Q(category_id__in=category_ids) | Q(category__parent_id__in=category_ids)
                      | Q(category__parent__parent_id__in=category_ids))
    warehouse_ids = list(warehouse_ids)
    if warehouse_ids:
        condition |= Q(variants__stocks__warehouse_id__in=warehouse_ids)
    ids = sorted(set(Product.objects.filter(condition).values_list("pk", flat=True)))
    if ids:
        Product.objects.filter(pk__in=ids).update(search_index_dirty=True)
    return ids


def dirty_product_ids(*, limit: int | None = None) -> list[int]:
    queryset = Product.objects.filter(search_index_dirty=True).order_by("pk").values_list("pk", flat=True)
    return list(queryset[:limit] if limit else queryset)


def rebuild_products_lexicon() -> int:
    """Rebuild the typo lexicon from the products' current documents."""
    return rebuild_lexicon(model=Product)
