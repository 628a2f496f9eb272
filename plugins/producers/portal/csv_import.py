"""The CSV import of a producer's products and stock.

Decision: row by row. A row with an error writes nothing at all; every valid row is imported; the report lists each
refused row with its line number and French messages. Rows are read as a stream and written in chunks (bulk writes
in one transaction per chunk) so that 5,000 rows take seconds and memory stays flat. A row's SKU identifies the
variant: an SKU of the producer updates it (name, price, stock...), an unknown SKU creates a product with one variant
in the producer's farm, an SKU of another producer is refused.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from backend.commerce.channel.models import Channel
from backend.commerce.product.models import (
    Category,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.commerce.product.services import product_channel_listing_update_discounted_price
from backend.commerce.tax.models import TaxClass
from backend.commerce.warehouse.models import Stock
from plugins.producers.models import Producer, ProducerProduct
from plugins.producers.portal.csv_rows import Row, read_rows

CHUNK = 250
PREVIEW_ROWS = 20
MAX_REPORTED_ERRORS = 200
DEFAULT_PRODUCT_TYPE = ("produit-fermier", "Produit fermier")


@dataclass
class Report:
    total: int = 0
    created: int = 0
    updated: int = 0
    refused: int = 0
    errors: list = field(default_factory=list)  # [[line, "message; message"]]
    preview: list = field(default_factory=list)  # the first rows, as shown before importing

    def refuse(self, row: Row) -> None:
        self.refused += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append([row.line, " ".join(row.errors)])


class Lookups:
    """What rows refer to, loaded once per import: categories, VAT classes, the producer's farm and channel."""

    def __init__(self, producer: Producer):
        self.producer = producer
        self.categories: dict[str, Category] = {}
        for category in Category.objects.all():
            self.categories[category.slug.lower()] = category
            self.categories[category.name.strip().lower()] = category
        self.tax_classes = {tax.rate.normalize(): tax for tax in TaxClass.objects.order_by("-pk")}
        link = producer.warehouse_links.select_related("warehouse").order_by("pk").first()
        self.warehouse = link.warehouse if link else None
        self.channel = (Channel.objects.filter(is_active=True, slug="comptoir-de-mormal").first()
                        or Channel.objects.filter(is_active=True).order_by("pk").first())
        self._product_type = None

    def product_type(self) -> ProductType:
        if self._product_type is None:
            self._product_type, _ = ProductType.objects.get_or_create(
                slug=DEFAULT_PRODUCT_TYPE[0], defaults={"name": DEFAULT_PRODUCT_TYPE[1], "has_variants": False})
        return self._product_type

    def check(self, row: Row) -> None:
        if row.category and row.category.lower() not in self.categories:
            row.errors.append(f"Catégorie inconnue : « {row.category} ».")
        if row.vat is not None and row.vat.normalize() not in self.tax_classes:
            rate = str(row.vat).replace(".", ",")
            row.errors.append(f"Taux de TVA inconnu : {rate} % (5,5, 10 ou 20).")
        if self.warehouse is None:
            row.errors.append("Votre exploitation n'a pas encore d'entrepôt : demandez-le à l'équipe du Comptoir.")


def _chunks(rows: Iterable[Row]) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _check_chunk(chunk: list[Row], lookups: Lookups, seen: dict[str, int]) -> dict[str, ProductVariant]:
    """Checks needing the database, for a whole chunk in one query; returns the producer's existing variants."""
    skus = [row.sku for row in chunk if row.sku]
    existing = {variant.sku: variant for variant in ProductVariant.objects.filter(sku__in=skus)
                .select_related("product__producer_link")}
    for row in chunk:
        lookups.check(row)
        if row.sku in seen:
            row.errors.append(f"La référence « {row.sku} » apparaît déjà ligne {seen[row.sku]}.")
        elif row.sku:
            seen[row.sku] = row.line
        variant = existing.get(row.sku)
        owner = getattr(getattr(variant, "product", None), "producer_link", None) if variant else None
        if variant is not None and (owner is None or owner.producer_id != lookups.producer.pk):
            row.errors.append(f"La référence « {row.sku} » appartient à un autre producteur.")
    return existing


def preview(path, producer: Producer) -> Report:
    """Every check of the import, nothing written."""
    report, lookups, seen = Report(), Lookups(producer), {}
    for chunk in _chunks(read_rows(path)):
        _check_chunk(chunk, lookups, seen)
        for row in chunk:
            report.total += 1
            if len(report.preview) < PREVIEW_ROWS:
                report.preview.append(_preview_row(row))
            if row.errors:
                report.refuse(row)
    return report


def _preview_row(row: Row) -> dict:
    return {"line": row.line, "sku": row.sku, "name": row.name, "category": row.category,
            "price": str(row.price) if row.price is not None else "", "stock": row.stock,
            "errors": " ".join(row.errors)}


def _slug(row: Row, taken: set[str]) -> str:
    base = slugify(f"{row.name} {row.sku}")[:240] or "produit"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _create(rows: list[Row], lookups: Lookups) -> None:
    now = timezone.now()
    wanted = {slugify(f"{row.name} {row.sku}")[:240] for row in rows}
    taken = set(Product.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    products = Product.objects.bulk_create([Product(
        product_type=lookups.product_type(), name=row.name, slug=_slug(row, taken),
        category=lookups.categories.get(row.category.lower()) if row.category else None,
        tax_class=lookups.tax_classes.get(row.vat.normalize()) if row.vat is not None else None,
        weight=row.weight, search_index_dirty=True) for row in rows])
    variants = ProductVariant.objects.bulk_create([ProductVariant(product=product, sku=row.sku, name="",
                                                                  weight=row.weight)
                                                   for product, row in zip(products, rows, strict=True)])
    for product, variant in zip(products, variants, strict=True):
        product.default_variant = variant
    Product.objects.bulk_update(products, ["default_variant"])
    ProducerProduct.objects.bulk_create([ProducerProduct(product=product, producer=lookups.producer)
                                         for product in products])
    Stock.objects.bulk_create([Stock(product_variant=variant, warehouse=lookups.warehouse, quantity=row.stock or 0)
                               for variant, row in zip(variants, rows, strict=True)])
    if lookups.channel is not None:
        channel = lookups.channel
        ProductChannelListing.objects.bulk_create([ProductChannelListing(
            product=product, channel=channel, currency=channel.currency_code, is_published=bool(row.published),
            published_at=now if row.published else None, available_for_purchase_at=now if row.published else None)
            for product, row in zip(products, rows, strict=True)])
        ProductVariantChannelListing.objects.bulk_create([ProductVariantChannelListing(
            variant=variant, channel=channel, currency=channel.currency_code, price_amount=row.price,
            discounted_price_amount=row.price) for variant, row in zip(variants, rows, strict=True)])


def _update(row: Row, variant: ProductVariant, lookups: Lookups) -> bool:
    """One known SKU: its product, price and stock; False (with the row's error) when the stock is too low."""
    stock = None
    if row.stock is not None:
        stock = (Stock.objects.select_for_update()
                 .filter(product_variant=variant, warehouse=lookups.warehouse).first())
        allocated = stock.quantity_allocated if stock else 0
        if row.stock < allocated:
            row.errors.append(f"Le stock ({row.stock}) ne peut pas être inférieur aux quantités déjà réservées "
                              f"par des commandes ({allocated}).")
            return False
    product = variant.product
    product.name = row.name
    fields = ["name", "search_index_dirty", "updated_at"]
    if row.category:
        product.category = lookups.categories[row.category.lower()]
        fields.append("category")
    if row.vat is not None:
        product.tax_class = lookups.tax_classes[row.vat.normalize()]
        fields.append("tax_class")
    if row.weight is not None:
        product.weight = variant.weight = row.weight
        fields.append("weight")
        variant.save(update_fields=["weight", "updated_at"])
    product.search_index_dirty = True
    product.save(update_fields=fields)
    if row.stock is not None:
        if stock is None:
            Stock.objects.create(product_variant=variant, warehouse=lookups.warehouse, quantity=row.stock)
        else:
            Stock.objects.filter(pk=stock.pk).update(quantity=row.stock)
    if lookups.channel is not None:
        channel = lookups.channel
        listing, _ = ProductChannelListing.objects.get_or_create(product=product, channel=channel,
                                                                 defaults={"currency": channel.currency_code})
        if row.published is not None and listing.is_published != row.published:
            listing.is_published = row.published
            listing.published_at = listing.published_at or (timezone.now() if row.published else None)
            listing.available_for_purchase_at = listing.available_for_purchase_at or listing.published_at
            listing.save()
        ProductVariantChannelListing.objects.update_or_create(
            variant=variant, channel=channel,
            defaults={"price_amount": row.price, "discounted_price_amount": row.price,
                      "currency": channel.currency_code})
    return True


def run(path, producer: Producer, progress: Callable[[Report], None] | None = None) -> Report:
    """Import every valid row; `progress(report)` is called after each chunk."""
    report, lookups, seen = Report(), Lookups(producer), {}
    for chunk in _chunks(read_rows(path)):
        existing = _check_chunk(chunk, lookups, seen)
        report.total += len(chunk)
        to_create = []
        with transaction.atomic():
            for row in chunk:
                if row.errors:
                    continue
                if row.sku in existing:
                    with transaction.atomic():
                        if _update(row, existing[row.sku], lookups):
                            report.updated += 1
                else:
                    to_create.append(row)
            if to_create:
                _create(to_create, lookups)
                report.created += len(to_create)
            touched = [v.product_id for v in existing.values()]
            product_channel_listing_update_discounted_price(
                product_ids=touched + list(ProductVariant.objects.filter(sku__in=[r.sku for r in to_create])
                                           .values_list("product_id", flat=True)))
        for row in chunk:
            if row.errors:
                report.refuse(row)
        if progress is not None:
            progress(report)
    return report
