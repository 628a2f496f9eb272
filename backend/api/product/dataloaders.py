"""Batch loaders of the catalogue: each runs one SQL query for every key asked during a request.

Keys that depend on the channel carry the channel id; keys that depend on who asks carry `show_hidden`.
"""

from django.db.models import F, FilteredRelation, Q

from backend.api.attribute.translations import TranslationLoader
from backend.api.core.dataloaders import ByIdLoader, DataLoader, group_by
from backend.api.warehouse.dataloaders import AvailableQuantityByVariantIdLoader
from backend.commerce.attribute.models import Attribute, AttributeValue
from backend.commerce.channel.models import Channel
from backend.commerce.product import selectors
from backend.commerce.product.models import (
    Category,
    CategoryTranslation,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    CollectionTranslation,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    ProductVariantTranslation,
    VariantMedia,
)
from backend.commerce.tax.models import TaxClass
from backend.commerce.warehouse.selectors import variant_available_quantity_subquery
from backend.core.rows import joined_instance, rows_by_fk


class ProductByIdLoader(DataLoader):
    """Products with their VAT rate annotated, so pricing costs no further query."""

    def batch_load(self, keys):
        products = selectors.with_vat_rate(Product.objects.all()).in_bulk(keys)
        return [products.get(key) for key in keys]


class VariantByIdLoader(ByIdLoader):
    model = ProductVariant


class CategoryByIdLoader(ByIdLoader):
    model = Category


class CollectionByIdLoader(ByIdLoader):
    model = Collection


class ProductTypeByIdLoader(ByIdLoader):
    model = ProductType


class TaxClassByIdLoader(ByIdLoader):
    model = TaxClass


class ChannelByIdLoader(ByIdLoader):
    model = Channel


class MediaByProductIdLoader(DataLoader):
    def batch_load(self, keys):
        grouped = group_by(rows_by_fk(ProductMedia, "product", keys, order_by=("sort_order", "id")),
                           lambda media: media.product_id)
        return [grouped.get(key, []) for key in keys]


class MediaByVariantIdLoader(DataLoader):
    def batch_load(self, keys):
        links = VariantMedia.objects.filter(variant_id__in=keys).select_related("media").order_by(
            "media__sort_order", "media__pk")
        grouped = group_by(links, lambda link: link.variant_id)
        return [[link.media for link in grouped.get(key, [])] for key in keys]


class MediaByIdLoader(ByIdLoader):
    model = ProductMedia


class VariantsByProductIdLoader(DataLoader):
    """Keys: (product id, channel or None, show_hidden). Values: the variants the caller may see, in order.

    The same query joins each variant's price listing in the channel and sums its available stock, and primes the
    loaders of those two facts: a product card (prices, availability) costs no further query for its variants.
    """

    def batch_load(self, keys):
        results = {}
        for (channel, show_hidden), group in group_by(keys, lambda key: (key[1], key[2])).items():
            product_ids = {key[0] for key in group}
            variants = self._variants(channel, show_hidden, product_ids)
            self._prime(variants, channel)
            grouped = group_by(variants, lambda variant: variant.product_id)
            for key in group:
                results[key] = grouped.get(key[0], [])
        return [results[key] for key in keys]

    @staticmethod
    def _variants(channel, show_hidden, product_ids) -> list:
        if channel is not None and channel.is_active and not show_hidden:
            return selectors.public_variants_of_products(channel.id, product_ids)  # the storefront's hot path
        # Keys come from products the caller could already see: their publication is not checked again.
        variants = selectors.variants_visible(channel=channel, show_hidden=show_hidden, product_checked=True).filter(
            product_id__in=product_ids).order_by("sort_order", "sku", "pk")
        channel_id = channel.id if channel is not None else None
        variants = variants.annotate(available_quantity=variant_available_quantity_subquery(channel_id=channel_id))
        if channel is not None:
            variants = variants.annotate(channel_listing=FilteredRelation(
                "channel_listings", condition=Q(channel_listings__channel_id=channel.id))).annotate(
                **{f"listing_{column}": F(f"channel_listing__{column}")
                   for column in selectors.VARIANT_LISTING_COLUMNS})
        return list(variants)

    def _prime(self, variants, channel):
        quantities = AvailableQuantityByVariantIdLoader(self.context)
        listings = VariantChannelListingLoader(self.context)
        for variant in variants:
            quantities.prime((variant.pk, channel.id if channel is not None else None), variant.available_quantity)
            if channel is None:
                continue
            listing = None
            if variant.listing_id is not None:
                listing = joined_instance(ProductVariantChannelListing, variant, "listing_",
                                          selectors.VARIANT_LISTING_COLUMNS, variant_id=variant.pk,
                                          channel_id=channel.id)
            listings.prime((variant.pk, channel.id), listing)


class VariantChannelListingLoader(DataLoader):
    """Keys: (variant id, channel id). Values: the variant's price listing in that channel, or None."""

    def batch_load(self, keys):
        variant_ids = {key[0] for key in keys}
        channel_ids = {key[1] for key in keys}
        listings = ProductVariantChannelListing.objects.filter(variant_id__in=variant_ids, channel_id__in=channel_ids)
        found = {(listing.variant_id, listing.channel_id): listing for listing in listings}
        return [found.get(key) for key in keys]


class VariantChannelListingsByVariantIdLoader(DataLoader):
    def batch_load(self, keys):
        grouped = group_by(ProductVariantChannelListing.objects.filter(variant_id__in=keys).order_by("pk"),
                           lambda listing: listing.variant_id)
        return [grouped.get(key, []) for key in keys]


class ProductChannelListingLoader(DataLoader):
    """Keys: (product id, channel id). Values: the product's listing in that channel, or None."""

    def batch_load(self, keys):
        listings = ProductChannelListing.objects.filter(product_id__in={key[0] for key in keys},
                                                        channel_id__in={key[1] for key in keys})
        found = {(listing.product_id, listing.channel_id): listing for listing in listings}
        return [found.get(key) for key in keys]


class ProductChannelListingsByProductIdLoader(DataLoader):
    def batch_load(self, keys):
        grouped = group_by(ProductChannelListing.objects.filter(product_id__in=keys).order_by("pk"),
                           lambda listing: listing.product_id)
        return [grouped.get(key, []) for key in keys]


class CollectionChannelListingsByCollectionIdLoader(DataLoader):
    def batch_load(self, keys):
        grouped = group_by(CollectionChannelListing.objects.filter(collection_id__in=keys).order_by("pk"),
                           lambda listing: listing.collection_id)
        return [grouped.get(key, []) for key in keys]


class CollectionsByProductIdLoader(DataLoader):
    """Keys: (product id, channel or None, show_hidden)."""

    def batch_load(self, keys):
        results = {}
        for (channel, show_hidden), group in group_by(keys, lambda key: (key[1], key[2])).items():
            visible = selectors.collections_visible(channel=channel, show_hidden=show_hidden)
            links = CollectionProduct.objects.filter(
                product_id__in={key[0] for key in group}, collection__in=visible
            ).select_related("collection").order_by("collection__slug")
            grouped = group_by(links, lambda link: link.product_id)
            for key in group:
                results[key] = [link.collection for link in grouped.get(key[0], [])]
        return [results[key] for key in keys]


class ChildrenByCategoryIdLoader(DataLoader):
    def batch_load(self, keys):
        grouped = group_by(Category.objects.filter(parent_id__in=keys).order_by("name", "pk"),
                           lambda category: category.parent_id)
        return [grouped.get(key, []) for key in keys]


class _AttributesByProductTypeIdLoader(DataLoader):
    relation = ""

    def batch_load(self, keys):
        through = getattr(ProductType, self.relation).through
        links = through.objects.filter(producttype_id__in=keys).select_related("attribute")
        grouped = group_by(links, lambda link: link.producttype_id)
        order = Attribute._meta.ordering
        return [sorted((link.attribute for link in grouped.get(key, [])),
                       key=lambda attribute: tuple(getattr(attribute, name) for name in order))
                for key in keys]


class ProductAttributesByProductTypeIdLoader(_AttributesByProductTypeIdLoader):
    relation = "product_attributes"


class VariantAttributesByProductTypeIdLoader(_AttributesByProductTypeIdLoader):
    relation = "variant_attributes"


class AssignedValuesByProductIdLoader(DataLoader):
    """Keys: product id. Values: the attribute values assigned to the product, in assignment order."""

    def batch_load(self, keys):
        values = AttributeValue.objects.filter(productvalueassignment__product_id__in=keys).annotate(
            owner_id=F("productvalueassignment__product_id"), assignment_order=F("productvalueassignment__sort_order")
        ).order_by("assignment_order", "sort_order", "pk")
        grouped = group_by(values, lambda value: value.owner_id)
        return [grouped.get(key, []) for key in keys]


class AssignedValuesByVariantIdLoader(DataLoader):
    def batch_load(self, keys):
        values = AttributeValue.objects.filter(variantvalueassignment__variant_id__in=keys).annotate(
            owner_id=F("variantvalueassignment__variant_id"), assignment_order=F("variantvalueassignment__sort_order")
        ).order_by("assignment_order", "sort_order", "pk")
        grouped = group_by(values, lambda value: value.owner_id)
        return [grouped.get(key, []) for key in keys]


class AttributesByIdLoader(ByIdLoader):
    model = Attribute


class ProductTranslationLoader(TranslationLoader):
    model = ProductTranslation
    fk_field = "product"


class VariantTranslationLoader(TranslationLoader):
    model = ProductVariantTranslation
    fk_field = "product_variant"


class CategoryTranslationLoader(TranslationLoader):
    model = CategoryTranslation
    fk_field = "category"


class CollectionTranslationLoader(TranslationLoader):
    model = CollectionTranslation
    fk_field = "collection"
