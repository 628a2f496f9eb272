"""Saleor's Product type, answered in the channel it was asked for (see channel/context.py)."""

import graphene
from django.utils import timezone

from backend.api.account.inputs import AddressInput
from backend.api.attribute.assigned import AssignedAttribute, ObjectWithAttributes
from backend.api.attribute.types import SelectedAttribute
from backend.api.channel.context import can_manage_products
from backend.api.core.connection import CountableConnection, connection_args, connection_from_queryset
from backend.api.core.dataloaders import gather, then
from backend.api.core.enums import LanguageCodeEnum
from backend.api.core.errors import PermissionDenied
from backend.api.core.scalars import PositiveInt
from backend.api.core.types import Image, ObjectWithMetadata, Weight, weight_kg
from backend.api.product import dataloaders as loaders
from backend.api.product.availability import load_quantities_available
from backend.api.product.inputs import ProductVariantFilterInput, ProductVariantSortingInput, ProductVariantWhereInput
from backend.api.product.pricing import product_pricing
from backend.api.product.types.common import (
    channel_of,
    load_assigned_attributes,
    load_vat_rate,
    node_of,
    wrap,
    wrap_one,
)
from backend.api.product.types.deprecated import ProductDeprecatedFields
from backend.api.product.types.media import MediaSortingInput, ProductMedia, image_url, thumbnail_args
from backend.api.product.types.pricing import ProductPricingInfo
from backend.api.product.types.product_types import ProductType, TaxClass
from backend.api.product.types.translations import ProductTranslation
from backend.commerce.product.selectors import is_listing_available_for_purchase, is_listing_published
from backend.core.permissions import PermissionEnum

ADDRESS_DESCRIPTION = ("Destination address used to find warehouses where stock availability for this product is "
                       "checked. If address is empty, uses `Shop.companyAddress` or fallbacks to server's "
                       "`settings.DEFAULT_COUNTRY` configuration.")
RICH_TEXT = "\n\nRich text format. For reference see https://editorjs.io/"


def address_arg():
    return graphene.Argument(AddressInput, description=ADDRESS_DESCRIPTION)


def _variant_type():
    from backend.api.product.types.variants import ProductVariant

    return ProductVariant


def _variant_connection():
    from backend.api.product.types.variants import ProductVariantCountableConnection

    return ProductVariantCountableConnection


def _category_type():
    from backend.api.product.types.categories import Category

    return Category


def _collection_type():
    from backend.api.product.types.collections import Collection

    return Collection


def _listings_type():
    from backend.api.product.types.listings import ProductChannelListing

    return ProductChannelListing


def check_manage_products(info):
    if not can_manage_products(info):
        raise PermissionDenied(permissions=[PermissionEnum.MANAGE_PRODUCTS])


def load_visible_variants(info, root):
    product = node_of(root)
    return loaders.VariantsByProductIdLoader(info.context).load((product.pk, channel_of(root),
                                                                 can_manage_products(info)))


def load_product_attributes(info, product):
    return load_assigned_attributes(
        info, loaders.ProductAttributesByProductTypeIdLoader(info.context).load(product.product_type_id),
        loaders.AssignedValuesByProductIdLoader(info.context).load(product.pk))


class Product(ProductDeprecatedFields):
    id = graphene.GlobalID(required=True, description="The ID of the product.")
    assigned_attribute = graphene.Field(
        AssignedAttribute, slug=graphene.Argument(graphene.String, required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to product by attribute slug.\n\nAdded in Saleor 3.22.")
    assigned_attributes = graphene.List(
        graphene.NonNull(AssignedAttribute), required=True,
        limit=graphene.Argument(PositiveInt, default_value=100,
                                description="Maximum number of attributes to return. Default is 100."),
        description="List of attributes assigned to this product.\n\nAdded in Saleor 3.22.")
    seo_title = graphene.String(description="SEO title of the product.")
    seo_description = graphene.String(description="SEO description of the product.")
    name = graphene.String(required=True, description="SEO description of the product.")
    description = graphene.JSONString(description=f"Description of the product.{RICH_TEXT}")
    product_type = graphene.Field(ProductType, required=True, description="Type of the product.")
    slug = graphene.String(required=True, description="Slug of the product.")
    category = graphene.Field(_category_type, description="Category of the product.")
    created = graphene.DateTime(required=True, description="The date and time when the product was created.")
    updated_at = graphene.DateTime(required=True, description="The date and time when the product was last updated.")
    charge_taxes = graphene.Boolean(
        required=True, deprecation_reason="Use `Channel.taxConfiguration` field to determine whether tax collection "
                                          "is enabled.")
    weight = graphene.Field(Weight, description="Weight of the product.")
    default_variant = graphene.Field(_variant_type, description="Default variant of the product.")
    rating = graphene.Float(description="Rating of the product.")
    channel = graphene.String(description="Channel given to retrieve this product. Also used by federation gateway "
                                          "to resolve this object in a federated query.")
    description_json = graphene.JSONString(description=f"Description of the product.{RICH_TEXT}",
                                           deprecation_reason="Use the `description` field instead.")
    thumbnail = graphene.Field(Image, **thumbnail_args(), description="The main thumbnail for a product.")
    pricing = graphene.Field(ProductPricingInfo, address=address_arg(),
                             description="Lists the storefront product's pricing, the current price and discounts, "
                                         "only meant for displaying.")
    is_available = graphene.Boolean(address=address_arg(), description="Whether the product is in stock, set as "
                                    "available for purchase in the given channel, and published.")
    attribute = graphene.Field(
        SelectedAttribute, slug=graphene.Argument(graphene.String, required=True, description="Slug of the attribute"),
        deprecation_reason="Use the `assignedAttribute` field instead.",
        description="Get a single attribute attached to product by attribute slug.")
    attributes = graphene.List(graphene.NonNull(SelectedAttribute), required=True,
                               deprecation_reason="Use the `assignedAttributes` field instead.",
                               description="List of attributes assigned to this product.")
    channel_listings = graphene.List(graphene.NonNull(_listings_type),
                                     description="List of availability in channels for the product.\n\nRequires one "
                                                 "of the following permissions: MANAGE_PRODUCTS.")
    media_by_id = graphene.Field(ProductMedia, id=graphene.Argument(graphene.ID, required=True,
                                                                    description="ID of a product media."),
                                 description="Get a single product media by ID.")
    variants = graphene.List(graphene.NonNull(_variant_type), deprecation_reason="Use `productVariants` field instead.",
                             description="List of variants for the product. Requires the following permissions to "
                                         "include the unpublished items: MANAGE_ORDERS, MANAGE_DISCOUNTS, "
                                         "MANAGE_PRODUCTS.")
    product_variants = graphene.Field(
        _variant_connection,
        filter=graphene.Argument(ProductVariantFilterInput, description="Filtering options for product variant."),
        where=graphene.Argument(ProductVariantWhereInput, description="Where filtering options for product "
                                                                      "variants."),
        sort_by=graphene.Argument(ProductVariantSortingInput, description="Sort products variants."),
        **connection_args(),
        description="List of variants for the product. Requires the following permissions to include the "
                    "unpublished items: MANAGE_ORDERS, MANAGE_DISCOUNTS, MANAGE_PRODUCTS.\n\nAdded in Saleor 3.21.")
    media = graphene.List(graphene.NonNull(ProductMedia),
                          sort_by=graphene.Argument(MediaSortingInput, description="Sort media."),
                          description="List of media for the product.")
    collections = graphene.List(graphene.NonNull(_collection_type),
                                description="List of collections for the product. Requires the following permissions "
                                            "to include the unpublished items: MANAGE_ORDERS, MANAGE_DISCOUNTS, "
                                            "MANAGE_PRODUCTS.")
    translation = graphene.Field(
        ProductTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True,
                                        description="A language code to return the translation for product."),
        description="Returns translated product fields for the given language code.")
    available_for_purchase = graphene.Date(
        deprecation_reason="Use the `availableForPurchaseAt` field to fetch the available for purchase date.",
        description="Date when product is available for purchase.")
    available_for_purchase_at = graphene.DateTime(description="Date when product is available for purchase.")
    is_available_for_purchase = graphene.Boolean(
        description="Refers to a state that can be set by admins to control whether a product is available for "
                    "purchase in storefronts. This does not guarantee the availability of stock. When set to `False`, "
                    "this product is still visible to customers, but it cannot be purchased.")
    tax_class = graphene.Field(TaxClass, description="Tax class assigned to this product type. All products of this "
                               "product type use this tax class, unless it's overridden in the `Product` type."
                               "\n\nRequires one of the following permissions: AUTHENTICATED_STAFF_USER, "
                               "AUTHENTICATED_APP.")
    external_reference = graphene.String(description="External ID of this product.")

    class Meta:
        description = "Represents an individual item for sale in the storefront."
        interfaces = (graphene.relay.Node, ObjectWithMetadata, ObjectWithAttributes)

    @staticmethod
    def resolve_created(root, _info):
        return root.created_at

    @staticmethod
    def resolve_charge_taxes(_root, _info):
        return True

    @staticmethod
    def resolve_weight(root, _info):
        return weight_kg(root.weight)

    @staticmethod
    def resolve_channel(root, _info):
        channel = channel_of(root)
        return channel.slug if channel else None

    @staticmethod
    def resolve_description_json(root, _info):
        return root.description

    @staticmethod
    def resolve_product_type(root, info):
        return loaders.ProductTypeByIdLoader(info.context).load(root.product_type_id)

    @staticmethod
    def resolve_category(root, info):
        return loaders.CategoryByIdLoader(info.context).load(root.category_id) if root.category_id else None

    @staticmethod
    def resolve_tax_class(root, info):
        user = getattr(info.context, "user", None)
        if not (user and user.is_active and user.is_staff):
            raise PermissionDenied()
        return loaders.TaxClassByIdLoader(info.context).load(root.tax_class_id) if root.tax_class_id else None

    @staticmethod
    def resolve_default_variant(root, info):
        if not root.default_variant_id:
            return None
        return then(loaders.VariantByIdLoader(info.context).load(root.default_variant_id),
                    lambda variant: wrap_one(variant, channel_of(root)))

    @staticmethod
    def resolve_thumbnail(root, info, size=None, format=None):
        def first_image(media):
            image = next((m for m in media if m.type == "IMAGE" and m.image), None)
            if image is None:
                return None
            return Image(url=image_url(info, "ProductMedia", image, image.image, size, format),
                         alt=image.alt or root.name)

        return then(loaders.MediaByProductIdLoader(info.context).load(root.pk), first_image)

    @staticmethod
    def resolve_media(root, info, sort_by=None):
        def ordered(media):
            if sort_by and getattr(sort_by["direction"], "name", sort_by["direction"]) == "DESC":
                return sorted(media, key=lambda m: m.pk, reverse=True)
            return sorted(media, key=lambda m: m.pk) if sort_by else media

        return then(loaders.MediaByProductIdLoader(info.context).load(root.pk), ordered)

    @staticmethod
    def resolve_media_by_id(root, info, id):
        from backend.api.product.ids import decode_id

        pk = decode_id(id, "ProductMedia")
        return then(loaders.MediaByProductIdLoader(info.context).load(root.pk),
                    lambda media: next((m for m in media if m.pk == pk), None))

    @staticmethod
    def resolve_variants(root, info):
        return then(load_visible_variants(info, root), lambda variants: wrap(variants, channel_of(root)))

    @staticmethod
    def resolve_product_variants(root, info, filter=None, where=None, sort_by=None, **kwargs):
        from backend.api.product.types.variants import ProductVariantCountableConnection, variants_queryset

        channel = channel_of(root)
        if filter or where or sort_by:
            variants = variants_queryset(info, channel, filter=filter, where=where, sort_by=sort_by).filter(
                product_id=root.pk)
            return connection_from_queryset(variants, info, kwargs, ProductVariantCountableConnection,
                                            wrap=lambda variant: wrap_one(variant, channel))
        return then(load_visible_variants(info, root), lambda variants: connection_from_queryset(
            wrap(variants, channel), info, kwargs, ProductVariantCountableConnection))

    @staticmethod
    def resolve_collections(root, info):
        channel = channel_of(root)
        return then(loaders.CollectionsByProductIdLoader(info.context).load(
            (root.pk, channel, can_manage_products(info))), lambda collections: wrap(collections, channel))

    @staticmethod
    def resolve_channel_listings(root, info):
        check_manage_products(info)
        return loaders.ProductChannelListingsByProductIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_translation(root, info, language_code):
        from backend.api.attribute.translations import load_translation

        product = node_of(root)
        return load_translation(loaders.ProductTranslationLoader, info, product, language_code, {
            "name": product.name, "slug": product.slug, "description": product.description,
            "seo_title": product.seo_title, "seo_description": product.seo_description})

    @staticmethod
    def resolve_assigned_attributes(root, info, limit=100):
        return then(load_product_attributes(info, node_of(root)), lambda items: items[: max(limit or 0, 0)])

    @staticmethod
    def resolve_assigned_attribute(root, info, slug):
        return then(load_product_attributes(info, node_of(root)),
                    lambda items: next((item for item in items if item.attribute.slug == slug), None))

    @staticmethod
    def resolve_attributes(root, info):
        return then(load_product_attributes(info, node_of(root)), lambda items: [
            SelectedAttribute(attribute=item.attribute, values=item.values) for item in items])

    @staticmethod
    def resolve_attribute(root, info, slug):
        return then(Product.resolve_attributes(root, info),
                    lambda items: next((item for item in items if item.attribute.slug == slug), None))

    # --- channel-bound fields: null without a channel ---

    @staticmethod
    def _listing(root, info):
        channel = channel_of(root)
        if channel is None:
            return None
        return loaders.ProductChannelListingLoader(info.context).load((root.pk, channel.id))

    @staticmethod
    def resolve_available_for_purchase_at(root, info):
        return then(Product._listing(root, info),
                    lambda listing: listing.available_for_purchase_at if listing else None)

    @staticmethod
    def resolve_available_for_purchase(root, info):
        return then(Product._listing(root, info), lambda listing: listing.available_for_purchase_at.date()
                    if listing and listing.available_for_purchase_at else None)

    @staticmethod
    def resolve_is_available_for_purchase(root, info):
        if channel_of(root) is None:
            return None
        return then(Product._listing(root, info), is_listing_available_for_purchase)

    @staticmethod
    def resolve_pricing(root, info, address=None):
        channel = channel_of(root)
        if channel is None:
            return None

        def price(variants):
            listings = loaders.VariantChannelListingLoader(info.context).load_many(
                [(variant.pk, channel.id) for variant in variants])
            return then(gather([listings, load_vat_rate(info, root.pk)]),
                        lambda results: product_pricing(results[0], results[1]))

        return then(load_visible_variants(info, root), price)

    @staticmethod
    def resolve_is_available(root, info, address=None):
        channel = channel_of(root)
        if channel is None:
            return None
        now = timezone.now()

        def decide(results):
            listing, quantities = results
            if not (is_listing_published(listing, now) and is_listing_available_for_purchase(listing, now)):
                return False
            return any(quantity > 0 for quantity in quantities)

        variants = load_visible_variants(info, root)
        quantities = then(variants, lambda found: load_quantities_available(info, found, channel))
        return then(gather([Product._listing(root, info), quantities]), decide)


class ProductCountableConnection(CountableConnection):
    class Meta:
        node = Product
