"""Writes the demo plan (backend.demo.plan) to the database: warehouses, products, variants, prices, stock,
attribute values, placeholder photos. Entry point: `demo_catalogue_load(seed=..., progress=...)`.

Idempotent: rows are keyed by external_reference (warehouses, products), SKU (variants) or their natural unique
keys, and written with PostgreSQL upserts in one transaction. Stock rows that already exist are left alone: once
orders have been taken, re-running the loader must not reset quantities.
"""

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F

from backend.commerce.account.models import Address
from backend.commerce.product.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.commerce.territory.models import Commune
from backend.commerce.territory.services import reference_data_load
from backend.commerce.warehouse.models import ChannelWarehouse, Stock, Warehouse
from backend.core.plugins import get_plugin_manager
from backend.demo import data_catalogue as cat
from backend.demo import structure
from backend.demo.essentials import essentials_ensure
from backend.demo.images import placeholder_jpeg, placeholder_key
from backend.demo.plan import CommuneRef, DemoPlan, WarehousePlan, demo_plan

WAREHOUSE_NAMESPACE = uuid.UUID("6f1c6a8e-3c1b-4d0a-9a57-2f4f0c8d5e11")  # stable warehouse ids across machines
DEMO = structure.DEMO_METADATA


@dataclass(frozen=True)
class DemoLoadResult:
    seed: int
    producers: int
    pickup_points: int
    products: int
    variants: int
    images_drawn: int
    seconds: float


def demo_data_loaded() -> bool:
    """True when demo rows are in the database (the admin shows its banner then)."""
    return Warehouse.objects.filter(is_demo=True).exists() or Product.objects.filter(metadata__demo="true").exists()


def _communes() -> list[CommuneRef]:
    if not Commune.objects.exists():
        reference_data_load()
    return [CommuneRef(c.insee, c.name, c.main_postcode, c.population, c.latitude, c.longitude)
            for c in Commune.objects.order_by("insee")]


def _free_changed_slugs(model, planned: dict[str, str]) -> None:
    """With another seed a slug may move to another row: park the changed rows on their own unique reference
    first, so that the upsert never collides with a slug still held by a row about to be renamed."""
    current = dict(model.objects.filter(external_reference__in=planned).values_list("external_reference", "slug"))
    changed = [ref for ref, slug in current.items() if planned[ref] != slug]
    if changed:
        model.objects.filter(external_reference__in=changed).update(slug=F("external_reference"))


def _warehouse_fields(plan: WarehousePlan) -> dict:
    is_pickup = plan.is_pickup_point
    metadata = {**DEMO, "kind": "pickup_point" if is_pickup else "producer"}
    if not is_pickup:
        metadata.update(producer_kind=plan.kind, labels="|".join(plan.labels))
    return {
        "name": plan.name, "slug": plan.slug, "email": "" if is_pickup else f"{plan.slug[:50]}@example.org",
        "commune_id": plan.commune.insee, "latitude": plan.latitude, "longitude": plan.longitude,
        "is_private": not is_pickup, "click_and_collect_option": plan.click_and_collect,
        "opening_hours": list(plan.opening_hours), "is_demo": True, "metadata": metadata,
    }


def _address_fields(plan: WarehousePlan) -> dict:
    return {"company_name": plan.name, "street_address_1": plan.street, "city": plan.commune.name.upper(),
            "postal_code": plan.commune.postcode, "country": "FR", "commune_insee": plan.commune.insee}


def warehouses_upsert(plans: tuple[WarehousePlan, ...]) -> dict[str, Warehouse]:
    _free_changed_slugs(Warehouse, {p.external_reference: p.slug for p in plans})
    existing = {w.external_reference: w for w in Warehouse.objects.filter(
        external_reference__in=[p.external_reference for p in plans]).select_related("address")}
    new_plans = [p for p in plans if p.external_reference not in existing]
    addresses = Address.objects.bulk_create([Address(**_address_fields(p)) for p in new_plans])
    Warehouse.objects.bulk_create([
        Warehouse(id=uuid.uuid5(WAREHOUSE_NAMESPACE, p.external_reference), external_reference=p.external_reference,
                  address=address, **_warehouse_fields(p))
        for p, address in zip(new_plans, addresses, strict=True)
    ])
    changed_warehouses, changed_addresses = [], []
    for plan in plans:
        warehouse = existing.get(plan.external_reference)
        if warehouse is None:
            continue
        for field, value in _warehouse_fields(plan).items():
            setattr(warehouse, field, value)
        for field, value in _address_fields(plan).items():
            setattr(warehouse.address, field, value)
        changed_warehouses.append(warehouse)
        changed_addresses.append(warehouse.address)
    Warehouse.objects.bulk_update(changed_warehouses, list(_warehouse_fields(plans[0])))
    Address.objects.bulk_update(changed_addresses, list(_address_fields(plans[0])))
    return {w.external_reference: w for w in Warehouse.objects.filter(
        external_reference__in=[p.external_reference for p in plans])}


def products_upsert(plan: DemoPlan, categories, product_types) -> dict[str, Product]:
    # Another seed may plan fewer products: demo products left out of the plan go.
    Product.objects.filter(metadata__demo="true", external_reference__startswith="demo-product-").exclude(
        external_reference__in=[p.external_reference for p in plan.products]).delete()
    _free_changed_slugs(Product, {p.external_reference: p.slug for p in plan.products})
    rows = []
    for p in plan.products:
        product_type = product_types[p.product_type]
        rows.append(Product(
            external_reference=p.external_reference, name=p.name, slug=p.slug, description=p.description,
            description_plaintext=p.description_plaintext, category=categories[p.category],
            product_type=product_type, tax_class_id=product_type.tax_class_id, seo_title=p.name[:70],
            seo_description=p.description_plaintext[:300], search_index_dirty=True,
            metadata={**DEMO, "producer_warehouse": p.producer.external_reference},
        ))
    Product.objects.bulk_create(rows, update_conflicts=True, unique_fields=["external_reference"], update_fields=[
        "name", "slug", "description", "description_plaintext", "category", "product_type", "tax_class",
        "seo_title", "seo_description", "search_index_dirty", "metadata", "updated_at"])
    return {p.external_reference: p for p in Product.objects.filter(
        external_reference__in=[p.external_reference for p in plan.products])}


def variants_upsert(plan: DemoPlan, products: dict[str, Product]) -> dict[str, ProductVariant]:
    rows = [
        ProductVariant(product=products[p.external_reference], sku=v.sku, name=v.name, weight=v.weight,
                       sort_order=order, external_reference=f"demo-variant-{v.sku}", metadata=DEMO)
        for p in plan.products for order, v in enumerate(p.variants)
    ]
    ProductVariant.objects.bulk_create(rows, update_conflicts=True, unique_fields=["sku"], update_fields=[
        "product", "name", "weight", "sort_order", "external_reference", "metadata", "updated_at"])
    planned = {row.sku for row in rows}
    ProductVariant.objects.filter(product__in=products.values()).exclude(sku__in=planned).delete()
    variants = {v.sku: v for v in ProductVariant.objects.filter(sku__in=planned)}
    for p in plan.products:
        products[p.external_reference].default_variant = variants[p.variants[0].sku]
    Product.objects.bulk_update(products.values(), ["default_variant"])
    return variants


def listings_upsert(plan: DemoPlan, channel, products, variants) -> None:
    ProductChannelListing.objects.bulk_create([
        ProductChannelListing(product=products[p.external_reference], channel=channel, is_published=True,
                              visible_in_listings=True, published_at=structure.PUBLISHED_AT,
                              available_for_purchase_at=structure.PUBLISHED_AT, currency="EUR",
                              discounted_price_amount=min(v.price for v in p.variants))
        for p in plan.products
    ], update_conflicts=True, unique_fields=["product", "channel"], update_fields=[
        "is_published", "visible_in_listings", "published_at", "available_for_purchase_at", "currency",
        "discounted_price_amount"])
    ProductVariantChannelListing.objects.bulk_create([
        ProductVariantChannelListing(variant=variants[v.sku], channel=channel, currency="EUR", price_amount=v.price,
                                     discounted_price_amount=v.price)
        for p in plan.products for v in p.variants
    ], update_conflicts=True, unique_fields=["variant", "channel"],
        update_fields=["currency", "price_amount", "discounted_price_amount"])


def stocks_ensure(plan: DemoPlan, warehouses, variants) -> None:
    wanted = {(variants[v.sku].pk, warehouses[p.producer.external_reference].pk): v.stock
              for p in plan.products for v in p.variants}
    existing = Stock.objects.filter(product_variant__in=variants.values()).values_list(
        "id", "product_variant_id", "warehouse_id", "quantity_allocated")
    stale = [row_id for row_id, variant_id, warehouse_id, allocated in existing
             if (variant_id, warehouse_id) not in wanted and allocated == 0]
    Stock.objects.filter(pk__in=stale).delete()
    Stock.objects.bulk_create([Stock(product_variant_id=variant_id, warehouse_id=warehouse_id, quantity=quantity)
                               for (variant_id, warehouse_id), quantity in wanted.items()], ignore_conflicts=True)


def attribute_values_assign(plan: DemoPlan, products, variants, values) -> None:
    product_wanted = {(products[p.external_reference].pk, values[(slug, name)].pk): order
                      for p in plan.products for order, (slug, names) in enumerate(p.attributes) for name in names}
    variant_wanted = {(variants[v.sku].pk, values[("conditionnement", v.name)].pk): 0
                      for p in plan.products for v in p.variants}
    structure._sync_rows(
        AssignedProductAttributeValue,
        ((row_id, (product_id, value_id)) for row_id, product_id, value_id in AssignedProductAttributeValue.objects
         .filter(product__in=products.values()).values_list("id", "product_id", "value_id")),
        product_wanted,
        lambda key, order: AssignedProductAttributeValue(product_id=key[0], value_id=key[1], sort_order=order))
    structure._sync_rows(
        AssignedVariantAttributeValue,
        ((row_id, (variant_id, value_id)) for row_id, variant_id, value_id in AssignedVariantAttributeValue.objects
         .filter(variant__in=variants.values()).values_list("id", "variant_id", "value_id")),
        variant_wanted,
        lambda key, order: AssignedVariantAttributeValue(variant_id=key[0], value_id=key[1], sort_order=order))


Progress = Callable[[int, int], None]  # (products just done, total): feeds the progress bar of `comptoir setup`


def media_ensure(plan: DemoPlan, products, progress: Progress | None = None) -> int:
    """One placeholder photo per product under MEDIA_ROOT/products/; drawn again only when its text changed."""
    colours = {spec.slug: spec.colour for spec in cat.CATEGORIES}
    parents = {spec.slug: spec.parent for spec in cat.CATEGORIES}
    folder = Path(settings.MEDIA_ROOT) / "products"
    folder.mkdir(parents=True, exist_ok=True)
    existing = {m.product_id: m for m in ProductMedia.objects.filter(product__in=products.values(),
                                                                      metadata__demo="true")}
    new_rows, changed_rows, drawn = [], [], 0
    for p in plan.products:
        product = products[p.external_reference]
        root = p.category
        while parents.get(root):
            root = parents[root]
        text = {"title": p.name, "subtitle": f"{p.producer.name} · {p.producer.commune.name}", "colour": colours[root]}
        # The file name carries the content key: an unchanged picture is never drawn twice.
        key = placeholder_key(**text)
        name = f"products/{p.external_reference}-{key[:10]}.jpg"
        path = Path(settings.MEDIA_ROOT) / name
        if not path.exists():
            path.write_bytes(placeholder_jpeg(**text))
            drawn += 1
        media = existing.get(product.pk)
        fields = {"image": name, "alt": p.name, "type": ProductMedia.MediaType.IMAGE, "sort_order": 0,
                  "metadata": {**DEMO, "placeholder": key}}
        if media is None:
            new_rows.append(ProductMedia(product=product, **fields))
        elif media.metadata.get("placeholder") != key or media.alt != p.name:
            if media.image and media.image.name != name:
                (Path(settings.MEDIA_ROOT) / media.image.name).unlink(missing_ok=True)  # the picture it replaces
            for field, value in fields.items():
                setattr(media, field, value)
            changed_rows.append(media)
        if progress:
            progress(1, len(plan.products))
    ProductMedia.objects.bulk_create(new_rows)
    ProductMedia.objects.bulk_update(changed_rows, ["image", "alt", "type", "sort_order", "metadata"])
    return drawn


def demo_catalogue_load(*, seed: int | None = None,
                        progress: Progress | None = None) -> DemoLoadResult:
    """Build (or bring up to date) the whole demo catalogue for `seed` (default settings.COMPTOIR_DEMO_SEED)."""
    started = time.monotonic()
    seed = settings.COMPTOIR_DEMO_SEED if seed is None else seed
    communes = _communes()
    plan = demo_plan(seed=seed, communes=communes)
    if progress:
        progress(0, len(plan.products))
    with transaction.atomic():
        essentials = essentials_ensure()
        categories = structure.categories_ensure()
        attributes, values = structure.attributes_ensure(plan, [c.name for c in communes])
        product_types = structure.product_types_ensure(essentials.tax_classes, attributes)
        warehouses = warehouses_upsert(plan.producers + plan.pickup_points)
        # Saleor counts stock only in the warehouses attached to the channel.
        ChannelWarehouse.objects.bulk_create(
            [ChannelWarehouse(channel=essentials.channel, warehouse=w, sort_order=order)
             for order, w in enumerate(warehouses.values())], ignore_conflicts=True)
        products = products_upsert(plan, categories, product_types)
        variants = variants_upsert(plan, products)
        listings_upsert(plan, essentials.channel, products, variants)
        stocks_ensure(plan, warehouses, variants)
        attribute_values_assign(plan, products, variants, values)
        structure.collections_ensure(plan, essentials.channel, {ref: p.pk for ref, p in products.items()})
        structure.navbar_menu_ensure(categories)
        drawn = media_ensure(plan, products, progress)
        get_plugin_manager().notify("demo_loaded")  # after commit: plugins add their demo data (producers...)
    return DemoLoadResult(seed=seed, producers=len(plan.producers), pickup_points=len(plan.pickup_points),
                          products=len(plan.products), variants=len(variants), images_drawn=drawn,
                          seconds=round(time.monotonic() - started, 2))

