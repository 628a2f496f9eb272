"""The frame of the demo catalogue: categories, attributes and their values, product types, collections, and the
"navbar" menu of categories. Keyed by slug, written with update_or_create or upserts: re-running changes nothing."""

from datetime import UTC, datetime

from django.db.models import Model

from backend.commerce.attribute.models import Attribute, AttributeValue
from backend.commerce.channel.models import Channel
from backend.commerce.menu.models import Menu, MenuItem
from backend.commerce.product.models import (
    Category,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    ProductType,
)
from backend.commerce.tax.models import TaxClass
from backend.demo import data_catalogue as cat
from backend.demo.editorjs import document, paragraph
from backend.demo.plan import DemoPlan, demo_slugify

DEMO_METADATA = {"demo": "true"}
PUBLISHED_AT = datetime(2025, 1, 1, tzinfo=UTC)  # fixed, in the past: the demo is published whatever the clock says


def categories_ensure() -> dict[str, Category]:
    categories: dict[str, Category] = {}
    for spec in cat.CATEGORIES:  # parents come before their children in CATEGORIES
        description = document([paragraph(spec.description)]) if spec.description else None
        categories[spec.slug], _ = Category.objects.update_or_create(
            slug=spec.slug,
            defaults={"name": spec.name, "parent": categories.get(spec.parent) if spec.parent else None,
                      "description": description, "description_plaintext": spec.description,
                      "seo_title": spec.name, "metadata": {**DEMO_METADATA, "colour": spec.colour} if spec.colour
                      else DEMO_METADATA},
        )
    return categories


def _attribute_values(plan: DemoPlan, communes: list[str]) -> dict[str, list[str]]:
    values = {slug: list(spec[2]) for slug, spec in cat.ATTRIBUTES.items()}
    values["origine"] = sorted(communes)
    packaging: dict[str, None] = {}
    for template in cat.TEMPLATES:
        packaging.update((variant.name, None) for variant in template.variants)
    for product in plan.products:  # defensive: every planned variant name must exist as a value
        packaging.update((variant.name, None) for variant in product.variants)
    values["conditionnement"] = list(packaging)
    return values


def attributes_ensure(plan: DemoPlan, communes: list[str]):
    """Returns (attributes by slug, values by (attribute slug, value name))."""
    attributes: dict[str, Attribute] = {}
    for slug, (name, input_type, _) in cat.ATTRIBUTES.items():
        attributes[slug], _ = Attribute.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "input_type": input_type, "is_variant_only": slug == "conditionnement",
                      "metadata": DEMO_METADATA},
        )
    rows = []
    for slug, names in _attribute_values(plan, communes).items():
        seen: set[str] = set()
        for order, name in enumerate(names):
            value_slug = demo_slugify(name)
            while value_slug in seen:
                value_slug += "-bis"
            seen.add(value_slug)
            rows.append(AttributeValue(attribute=attributes[slug], name=name, slug=value_slug, sort_order=order))
    AttributeValue.objects.bulk_create(rows, update_conflicts=True, unique_fields=["attribute", "slug"],
                                       update_fields=["name", "sort_order"])
    values = {
        (value.attribute.slug, value.name): value
        for value in AttributeValue.objects.filter(attribute__in=attributes.values()).select_related("attribute")
    }
    return attributes, values


def product_types_ensure(tax_classes: dict[str, TaxClass], attributes: dict[str, Attribute]) -> dict[str, ProductType]:
    types = {}
    for key, (name, tax_key, product_attributes, variant_attributes) in cat.PRODUCT_TYPES.items():
        product_type, _ = ProductType.objects.update_or_create(
            slug=demo_slugify(name),
            defaults={"name": name, "tax_class": tax_classes[tax_key], "has_variants": True,
                      "is_shipping_required": True, "metadata": DEMO_METADATA},
        )
        product_type.product_attributes.set([attributes[slug] for slug in product_attributes])
        product_type.variant_attributes.set([attributes[slug] for slug in variant_attributes])
        types[key] = product_type
    return types


def _sync_rows(model: type[Model], existing, wanted: dict, make) -> None:
    """Create the wanted rows that are missing and delete the existing ones no longer wanted.

    `existing`: iterable of (row id, key); `wanted`: key -> sort order; `make(key, order)` builds a new row.
    """
    existing = list(existing)
    present = {key for _, key in existing}
    stale = [row_id for row_id, key in existing if key not in wanted]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    model.objects.bulk_create([make(key, order) for key, order in wanted.items() if key not in present],
                              ignore_conflicts=True)


def collections_ensure(plan: DemoPlan, channel: Channel, product_ids: dict[str, int]) -> dict[str, Collection]:
    collections = {}
    for slug, name, text in cat.COLLECTIONS:
        collection, _ = Collection.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": document([paragraph(text)]), "seo_title": name,
                                 "metadata": DEMO_METADATA})
        CollectionChannelListing.objects.update_or_create(
            collection=collection, channel=channel, defaults={"is_published": True, "published_at": PUBLISHED_AT})
        wanted = {product_ids[ref]: order for order, ref in enumerate(plan.collections[slug])}
        _sync_rows(CollectionProduct,
                   CollectionProduct.objects.filter(collection=collection).values_list("id", "product_id"),
                   wanted, lambda product_id, order, c=collection: CollectionProduct(
                       collection=c, product_id=product_id, sort_order=order))
        collections[slug] = collection
    return collections


def navbar_menu_ensure(categories: dict[str, Category]) -> Menu:
    """One entry per root category, its sub-categories below it. Existing entries (maybe edited) are kept."""
    menu, _ = Menu.objects.get_or_create(slug="navbar", defaults={"name": "Navigation principale"})
    roots: dict[str, MenuItem] = {}
    for order, spec in enumerate(cat.CATEGORIES):
        parent = roots.get(spec.parent) if spec.parent else None
        item, _ = MenuItem.objects.get_or_create(
            menu=menu, category=categories[spec.slug], parent=parent,
            defaults={"name": spec.name, "sort_order": order})
        if spec.parent is None:
            roots[spec.slug] = item
    return menu
