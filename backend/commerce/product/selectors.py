"""Reads of the catalogue: what a caller may see in a channel, and the facts the API and the storefront derive.

Visibility follows Saleor: the public sees a product when it is published in the channel (is_published and a
publication date that is empty or past) and, in lists, when it is visible in listings; staff managing products see
everything. Every rule is an `Exists` subquery, so no join multiplies rows and no DISTINCT is needed.
"""

from collections import defaultdict
from functools import cache

from django.db.models import DateTimeField, Exists, F, Func, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from backend.commerce.product.models import (
    Category,
    Collection,
    CollectionChannelListing,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.core.rows import columns, instances


class StatementTimestamp(Func):
    """PostgreSQL's statement_timestamp(): the time the current statement started."""

    function = "STATEMENT_TIMESTAMP"
    template = "STATEMENT_TIMESTAMP()"
    output_field = DateTimeField()


def published_listing_q(prefix: str = "", now=None) -> Q:
    """Q on a ProductChannelListing (or collection listing) through `prefix`: published and already public."""
    # The database's clock (statement_timestamp(), not now(), which is the start of the transaction: a product
    # published earlier in the same transaction must be visible) rather than a bound timestamp: PostgreSQL then keeps
    # the generic plan of the prepared statement (with a bound timestamp, a generic parameter looked less selective
    # and it re-planned the product page on every call: 1.2 ms).
    now = now or StatementTimestamp()
    return Q(**{f"{prefix}is_published": True}) & (
        Q(**{f"{prefix}published_at__isnull": True}) | Q(**{f"{prefix}published_at__lte": now})
    )


def product_listings_in_channel(channel_id: int) -> QuerySet[ProductChannelListing]:
    return ProductChannelListing.objects.filter(product_id=OuterRef("pk"), channel_id=channel_id)


def with_vat_rate(products: QuerySet[Product]) -> QuerySet[Product]:
    """Annotate `vat_rate`: the rate of the product's tax class, else of its type's (None when neither has one).
    One column instead of two joined tax classes and a product type per row."""
    return products.annotate(vat_rate=Coalesce(F("tax_class__rate"), F("product_type__tax_class__rate")))


def products_visible(*, channel, show_hidden: bool, in_listings: bool = False) -> QuerySet[Product]:
    """Products a caller may see in `channel` (None: no channel context, only staff see anything)."""
    products = Product.objects.all()
    if show_hidden:
        return products
    if channel is None or not channel.is_active:
        return products.none()
    listing = product_listings_in_channel(channel.id).filter(published_listing_q())
    if in_listings:
        listing = listing.filter(visible_in_listings=True)
    return products.filter(Exists(listing))


def variants_visible(*, channel, show_hidden: bool, product_checked: bool = False) -> QuerySet[ProductVariant]:
    """Variants a caller may see: the public only sees priced variants of visible products in the channel.

    `product_checked`: the caller already knows the products are visible (their variants are being listed), so the
    product's publication is not checked again.
    """
    variants = ProductVariant.objects.all()
    if show_hidden:
        return variants
    if channel is None or not channel.is_active:
        return variants.none()
    priced = ProductVariantChannelListing.objects.filter(
        variant_id=OuterRef("pk"), channel_id=channel.id, price_amount__isnull=False
    )
    variants = variants.filter(Exists(priced))
    if product_checked:
        return variants
    product_listing = ProductChannelListing.objects.filter(
        product_id=OuterRef("product_id"), channel_id=channel.id
    ).filter(published_listing_q())
    return variants.filter(Exists(product_listing))


def collections_visible(*, channel, show_hidden: bool) -> QuerySet[Collection]:
    collections = Collection.objects.all()
    if show_hidden:
        return collections
    if channel is None or not channel.is_active:
        return collections.none()
    listing = CollectionChannelListing.objects.filter(collection_id=OuterRef("pk"), channel_id=channel.id).filter(
        published_listing_q()
    )
    return collections.filter(Exists(listing))


def category_descendant_ids(category_ids) -> set[int]:
    """The categories and every category below them (one query: the tree is small)."""
    children = defaultdict(list)
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    found, stack = set(), [int(pk) for pk in category_ids]
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(children.get(pk, ()))
    return found


def category_ancestors(category: Category) -> list[Category]:
    """From the root down to the direct parent."""
    ancestors = []
    parent_id = category.parent_id
    seen = set()
    while parent_id and parent_id not in seen:
        seen.add(parent_id)
        parent = Category.objects.filter(pk=parent_id).first()
        if parent is None:
            break
        ancestors.append(parent)
        parent_id = parent.parent_id
    return list(reversed(ancestors))


def is_listing_available_for_purchase(listing: ProductChannelListing | None, now=None) -> bool:
    if listing is None or listing.available_for_purchase_at is None:
        return False
    return listing.available_for_purchase_at <= (now or timezone.now())


def is_listing_published(listing: ProductChannelListing | None, now=None) -> bool:
    if listing is None or not listing.is_published:
        return False
    return listing.published_at is None or listing.published_at <= (now or timezone.now())


VARIANT_LISTING_COLUMNS = ("id", "currency", "price_amount", "cost_price_amount", "discounted_price_amount",
                           "prior_price_amount")
PUBLIC_VARIANT_EXTRA_COLUMNS = (*(f"listing_{column}" for column in VARIANT_LISTING_COLUMNS), "available_quantity")


def _aliased(table: str, names: tuple[str, ...]) -> str:
    """`table.name AS table_name, ...`: a joined row's columns, read as prefixed attributes."""
    return ", ".join(f"{table}.{name} AS {table}_{name}" for name in names)


@cache  # built once: the names come from the models
def _public_variants_sql() -> str:
    variant = ProductVariant._meta.db_table
    listing = ProductVariantChannelListing._meta.db_table
    from backend.commerce.warehouse.models import ChannelWarehouse, Stock  # warehouse imports product: not at the top

    # Only table names are formatted in (from the models); every value is a bound parameter.
    return f"""
        SELECT {columns(ProductVariant, "variant")}, {_aliased("listing", VARIANT_LISTING_COLUMNS)},
               COALESCE(available.quantity, 0) AS available_quantity
          FROM {variant} variant
          JOIN {listing} listing
            ON listing.variant_id = variant.id AND listing.channel_id = %(channel)s
               AND listing.price_amount IS NOT NULL
          -- the stock of all the page's variants summed in one pass (a subquery per variant scanned the channel's
          -- warehouses once per variant: 1.0 ms of the page's PostgreSQL time)
          LEFT JOIN (SELECT stock.product_variant_id AS variant_id,
                            SUM(GREATEST(stock.quantity - stock.quantity_allocated, 0)) AS quantity
                       FROM {Stock._meta.db_table} stock
                       JOIN {ChannelWarehouse._meta.db_table} link
                         ON link.warehouse_id = stock.warehouse_id AND link.channel_id = %(channel)s
                       JOIN {variant} stocked ON stocked.id = stock.product_variant_id
                      WHERE stocked.product_id = ANY(%(products)s)
                      GROUP BY stock.product_variant_id) available ON available.variant_id = variant.id
         WHERE variant.product_id = ANY(%(products)s)
         ORDER BY variant.sort_order, variant.sku, variant.id"""  # noqa: S608


def public_variants_of_products(channel_id: int, product_ids) -> list[ProductVariant]:
    """The variants the public sees of products already known visible in an active channel: priced in the channel,
    in display order, each with `available_quantity` (unallocated stock in the channel's warehouses) and its price
    listing's columns as `listing_<column>`.

    The same rows as `variants_visible(channel=..., show_hidden=False, product_checked=True)` annotated with
    `variant_available_quantity_subquery` and the channel listing (a test holds the two equal), written as one
    fixed SQL statement: a product grid asks for it on every page view, and composing it through the ORM cost more
    CPU than everything else on that page.
    """
    return instances(ProductVariant, _public_variants_sql(), {"channel": channel_id, "products": list(product_ids)},
                     extra=PUBLIC_VARIANT_EXTRA_COLUMNS)


PUBLIC_LISTING_COLUMNS = ("id", "is_published", "published_at", "visible_in_listings", "available_for_purchase_at",
                          "currency", "discounted_price_amount")
# published (no date, or a past one, by the database's clock: see published_listing_q) and visible in listings
_LISTED = """listing.channel_id = %(channel)s AND listing.is_published AND listing.visible_in_listings
             AND (listing.published_at IS NULL OR listing.published_at <= STATEMENT_TIMESTAMP())"""


@cache  # one text per set of columns read (and per shape): the names come from the models
def _public_page_sql(attnames: tuple[str, ...], with_total: bool, by_category: bool) -> str:
    tax_table = Product._meta.get_field("tax_class").related_model._meta.db_table
    listing_table = ProductChannelListing._meta.db_table
    product_table = Product._meta.db_table
    in_categories = " AND product.category_id = ANY(%(categories)s)" if by_category else ""
    # a product has at most one listing per channel (unique together): joining it cannot repeat a product, and
    # counting the listed listings counts the listed products
    total = (f""", (SELECT COUNT(*) FROM {listing_table} listing
                      JOIN {product_table} product ON product.id = listing.product_id
                     WHERE {_LISTED}{in_categories}) AS connection_total"""  # noqa: S608
             if with_total else "")
    return f"""
        SELECT {columns(Product, "product", attnames)}, COALESCE(own.rate, inherited.rate) AS vat_rate,
               {_aliased("listing", PUBLIC_LISTING_COLUMNS)}{total}
          FROM {product_table} product
          JOIN {listing_table} listing ON listing.product_id = product.id
          JOIN {ProductType._meta.db_table} product_type ON product_type.id = product.product_type_id
          LEFT JOIN {tax_table} own ON own.id = product.tax_class_id
          LEFT JOIN {tax_table} inherited ON inherited.id = product_type.tax_class_id
         WHERE {_LISTED}{in_categories}
         ORDER BY product.slug, product.id"""  # noqa: S608


def public_products_page(channel_id: int, attnames: tuple[str, ...], offset: int, limit: int, with_total: bool,
                         category_ids: list | None = None) -> list[Product]:
    """A page of the products the public sees listed in an active channel (those of `category_ids` when given), in
    the default order (slug, then id): the columns `attnames` (the others deferred), `vat_rate` (see
    with_vat_rate), the channel listing's columns as `listing_<column>` and, `with_total`, the number of listed
    products as `connection_total`.

    The same rows as `products_visible(channel=..., show_hidden=False, in_listings=True)` ordered by the default
    order and annotated as the API's product list annotates them (a test holds the two equal), written as one fixed
    SQL statement: the storefront's grid and its catalogue pages ask for it on every view, and composing and
    compiling it through the ORM cost a fifth of the request."""
    extra = ("vat_rate", *(f"listing_{column}" for column in PUBLIC_LISTING_COLUMNS))
    if with_total:
        extra = (*extra, "connection_total")
    # LIMIT and OFFSET are written in, as the ORM writes them: bound, they left PostgreSQL unable to size the page
    # in the generic plan, and it planned the statement again on every request (0 generic plans in 25 runs)
    statement = _public_page_sql(attnames, with_total, category_ids is not None)
    sql = f"{statement}\n         LIMIT {int(limit)} OFFSET {int(offset)}"
    params = {"channel": channel_id}
    if category_ids is not None:
        params["categories"] = list(category_ids)
    return instances(Product, sql, params, extra=extra, attnames=attnames)
