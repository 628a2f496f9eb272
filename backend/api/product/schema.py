"""The catalogue's root queries, with Saleor 3.24's names and arguments."""

import graphene
from django.db.models import Count, Q

from backend.api.attribute.assigned import ALL_ASSIGNED_TYPES
from backend.api.channel.context import ChannelContext, can_manage_products, resolve_channel
from backend.api.core.connection import connection_args, connection_from_queryset
from backend.api.core.enums import LanguageCodeEnum
from backend.api.core.filter_inputs import metadata_list_q, range_q
from backend.api.product import dataloaders as loaders
from backend.api.product.ids import decode_ids
from backend.api.product.inputs import (
    CategoryFilterInput,
    CategorySortingInput,
    CategoryWhereInput,
    CollectionFilterInput,
    CollectionSortingInput,
    CollectionWhereInput,
    ProductVariantFilterInput,
    ProductVariantSortingInput,
    ProductVariantWhereInput,
)
from backend.api.product.lookups import by_identifier, check_one_of
from backend.api.product.mutations.media import ProductMediaCreate
from backend.api.product.mutations.products import (
    ProductChannelListingUpdate,
    ProductCreate,
    ProductDelete,
    ProductUpdate,
)
from backend.api.product.mutations.variants import (
    ProductVariantChannelListingUpdate,
    ProductVariantCreate,
    ProductVariantStocksUpdate,
    ProductVariantUpdate,
    StockBulkUpdate,
)
from backend.api.product.product_types_schema import ProductTypeQueries
from backend.api.product.resolvers import products_channel, resolve_products
from backend.api.product.sorting import sort_simple
from backend.api.product.types.categories import Category, CategoryCountableConnection, product_list_args
from backend.api.product.types.collections import Collection, CollectionCountableConnection
from backend.api.product.types.product_types import ProductType
from backend.api.product.types.products import Product, ProductCountableConnection
from backend.api.product.types.variants import ProductVariant, ProductVariantCountableConnection, variants_queryset
from backend.commerce.product import selectors
from backend.commerce.product.models import (
    Category as CategoryModel,
)
from backend.commerce.product.models import (
    CategoryTranslation,
    CollectionTranslation,
    ProductTranslation,
)
from backend.commerce.product.models import ProductType as ProductTypeModel

CHANNEL_ARG_DESCRIPTION = "Slug of a channel for which the data should be returned."
UNPUBLISHED = ("Requires one of the following permissions to include the unpublished items: MANAGE_ORDERS, "
               "MANAGE_DISCOUNTS, MANAGE_PRODUCTS.")


def channel_arg():
    return graphene.Argument(graphene.String, description=CHANNEL_ARG_DESCRIPTION)


def _ids_where_q(where, type_name) -> Q:
    """CategoryWhereInput / CollectionWhereInput: metadata, ids, AND, OR."""
    if not where:
        return Q()
    q = metadata_list_q(where.get("metadata"))
    if where.get("ids") is not None:
        q &= Q(pk__in=decode_ids(where["ids"], type_name))
    for item in where.get("and_") or ():
        q &= _ids_where_q(item, type_name)
    if where.get("or_"):
        any_of = Q(pk__in=[])
        for item in where["or_"]:
            any_of |= _ids_where_q(item, type_name)
        q &= any_of
    return q


def _name_filter_q(data, type_name) -> Q:
    """CategoryFilterInput / CollectionFilterInput common part: search, metadata, ids, slugs."""
    if not data:
        return Q()
    q = metadata_list_q(data.get("metadata"))
    if data.get("search"):
        q &= Q(name__icontains=data["search"]) | Q(slug__icontains=data["search"])
    if data.get("ids") is not None:
        q &= Q(pk__in=decode_ids(data["ids"], type_name))
    if data.get("slugs") is not None:
        q &= Q(slug__in=data["slugs"])
    return q


def _prime_category(info):
    loader = loaders.CategoryByIdLoader(info.context)

    def prime(category):
        loader.prime(category.pk, category)
        return category

    return prime


class Queries(ProductTypeQueries):
    products = graphene.Field(ProductCountableConnection, channel=channel_arg(), **product_list_args(),
                              description=f"List of the shop's products. {UNPUBLISHED}")
    product = graphene.Field(
        Product,
        id=graphene.Argument(graphene.ID, description="ID of the product."),
        slug=graphene.Argument(graphene.String, description="Slug of the product."),
        slug_language_code=graphene.Argument(LanguageCodeEnum, description="Language code of the product slug, omit "
                                                                           "to use primary slug."),
        external_reference=graphene.Argument(graphene.String, description="External ID of the product."),
        channel=channel_arg(),
        description=f"Look up a product by ID. {UNPUBLISHED}")
    product_variant = graphene.Field(
        ProductVariant,
        id=graphene.Argument(graphene.ID, description="ID of the product variant."),
        sku=graphene.Argument(graphene.String, description="SKU of the product variant."),
        external_reference=graphene.Argument(graphene.String, description="External ID of the product."),
        channel=channel_arg(),
        description=f"Look up a product variant by ID or SKU. {UNPUBLISHED}")
    product_variants = graphene.Field(
        ProductVariantCountableConnection,
        ids=graphene.Argument(graphene.List(graphene.NonNull(graphene.ID)),
                              description="Filter product variants by given IDs."),
        channel=channel_arg(),
        filter=graphene.Argument(ProductVariantFilterInput, description="Filtering options for product variants.",
                                 deprecation_reason="Use `where` filter instead."),
        where=graphene.Argument(ProductVariantWhereInput, description="Where filtering options for product variants."),
        search=graphene.Argument(graphene.String, description="Search product variants.\n\nAdded in Saleor 3.22."),
        sort_by=graphene.Argument(ProductVariantSortingInput, description="Sort products variants."),
        **connection_args(),
        description=f"List of product variants. {UNPUBLISHED}")
    categories = graphene.Field(
        CategoryCountableConnection,
        filter=graphene.Argument(CategoryFilterInput, description="Filtering options for categories."),
        where=graphene.Argument(CategoryWhereInput, description="Where filtering options for categories."),
        sort_by=graphene.Argument(CategorySortingInput, description="Sort categories."),
        level=graphene.Argument(graphene.Int, description="Filter categories by the nesting level in the category "
                                                          "tree."),
        **connection_args(),
        description="List of the shop's categories.")
    category = graphene.Field(
        Category,
        id=graphene.Argument(graphene.ID, description="ID of the category."),
        slug=graphene.Argument(graphene.String, description="Slug of the category"),
        slug_language_code=graphene.Argument(LanguageCodeEnum, description="Language code of the category slug, omit "
                                                                           "to use primary slug."),
        description="Look up a category by ID or slug.")
    collections = graphene.Field(
        CollectionCountableConnection,
        filter=graphene.Argument(CollectionFilterInput, description="Filtering options for collections."),
        where=graphene.Argument(CollectionWhereInput, description="Where filtering options for collections."),
        sort_by=graphene.Argument(CollectionSortingInput, description="Sort collections."),
        channel=channel_arg(),
        **connection_args(),
        description=f"List of the shop's collections. {UNPUBLISHED}")
    collection = graphene.Field(
        Collection,
        id=graphene.Argument(graphene.ID, description="ID of the collection."),
        slug=graphene.Argument(graphene.String, description="Slug of the collection"),
        slug_language_code=graphene.Argument(LanguageCodeEnum, description="Language code of the collection slug, "
                                                                           "omit to use primary slug."),
        channel=channel_arg(),
        description="Look up a collection by ID or slug. If slugLanguageCode is provided, category will be fetched by "
                    f"slug translation. {UNPUBLISHED}")
    product_type = graphene.Field(ProductType, id=graphene.Argument(graphene.ID, required=True,
                                                                    description="ID of the product type."),
                                  description="Look up a product type by ID.")

    @staticmethod
    def resolve_products(_root, info, channel=None, filter=None, sort_by=None, **kwargs):
        return resolve_products(info, ProductCountableConnection,
                                channel=products_channel(info, channel, filter, sort_by), filter=filter,
                                sort_by=sort_by, **kwargs)

    @staticmethod
    def resolve_product(_root, info, id=None, slug=None, slug_language_code=None, external_reference=None,
                        channel=None):
        name, value = check_one_of(id=id, slug=slug, external_reference=external_reference)
        channel_obj = resolve_channel(info, channel)
        visible = selectors.products_visible(channel=channel_obj, show_hidden=can_manage_products(info))
        product = by_identifier(selectors.with_vat_rate(visible), "Product", name,
                                value, slug_language_code=slug_language_code, translation_model=ProductTranslation,
                                translation_fk="product")
        if product is None:
            return None
        loaders.ProductByIdLoader(info.context).prime(product.pk, product)
        return ChannelContext(product, channel_obj)

    @staticmethod
    def resolve_product_variant(_root, info, id=None, sku=None, external_reference=None, channel=None):
        name, value = check_one_of(id=id, sku=sku, external_reference=external_reference)
        channel_obj = resolve_channel(info, channel)
        visible = selectors.variants_visible(channel=channel_obj, show_hidden=can_manage_products(info))
        variant = by_identifier(visible, "ProductVariant", name, value)
        return ChannelContext(variant, channel_obj) if variant is not None else None

    @staticmethod
    def resolve_product_variants(_root, info, ids=None, channel=None, filter=None, where=None, search=None,
                                 sort_by=None, **kwargs):
        channel_obj = resolve_channel(info, channel)
        variants = variants_queryset(info, channel_obj, filter=filter, where=where, sort_by=sort_by)
        if ids is not None:
            variants = variants.filter(pk__in=decode_ids(ids, "ProductVariant"))
        if search:
            variants = variants.filter(Q(name__icontains=search) | Q(sku__icontains=search)
                                       | Q(product__name__icontains=search))
        return connection_from_queryset(variants, info, kwargs, ProductVariantCountableConnection,
                                        wrap=lambda variant: ChannelContext(variant, channel_obj))

    @staticmethod
    def resolve_categories(_root, info, filter=None, where=None, sort_by=None, level=None, **kwargs):
        categories = CategoryModel.objects.filter(_name_filter_q(filter, "Category") & _ids_where_q(where, "Category"))
        if filter and filter.get("updated_at"):
            categories = categories.filter(range_q("updated_at", filter["updated_at"]))
        if level is not None:
            categories = categories.filter(level=level)
        if sort_by:
            categories = categories.annotate(product_count=Count("products", distinct=True),
                                             subcategory_count=Count("children", distinct=True))
        categories = sort_simple(categories, sort_by, {"NAME": ["name", "slug"], "PRODUCT_COUNT": ["product_count"],
                                                       "SUBCATEGORY_COUNT": ["subcategory_count"]},
                                 default=("level", "name", "pk"))
        return connection_from_queryset(categories, info, kwargs, CategoryCountableConnection,
                                        wrap=_prime_category(info))

    @staticmethod
    def resolve_category(_root, info, id=None, slug=None, slug_language_code=None):
        name, value = check_one_of(id=id, slug=slug)
        return by_identifier(CategoryModel.objects.all(), "Category", name, value,
                             slug_language_code=slug_language_code, translation_model=CategoryTranslation,
                             translation_fk="category")

    @staticmethod
    def resolve_collections(_root, info, filter=None, where=None, sort_by=None, channel=None, **kwargs):
        slug = channel or (filter or {}).get("channel") or (sort_by or {}).get("channel")
        channel_obj = resolve_channel(info, slug)
        collections = selectors.collections_visible(channel=channel_obj, show_hidden=can_manage_products(info))
        collections = collections.filter(_name_filter_q(filter, "Collection") & _ids_where_q(where, "Collection"))
        published = getattr((filter or {}).get("published"), "name", (filter or {}).get("published"))
        if published is not None and channel_obj is not None:
            visible_ids = selectors.collections_visible(channel=channel_obj, show_hidden=False).values("pk")
            collections = (collections.filter(pk__in=visible_ids) if published == "PUBLISHED"
                           else collections.exclude(pk__in=visible_ids))
        if sort_by:
            collections = collections.annotate(product_count=Count("collectionproduct", distinct=True))
        collections = sort_simple(collections, sort_by, {"NAME": ["name", "slug"],
                                                         "PRODUCT_COUNT": ["product_count"]},
                                  default=("slug", "pk"))
        return connection_from_queryset(collections, info, kwargs, CollectionCountableConnection,
                                        wrap=lambda collection: ChannelContext(collection, channel_obj))

    @staticmethod
    def resolve_collection(_root, info, id=None, slug=None, slug_language_code=None, channel=None):
        name, value = check_one_of(id=id, slug=slug)
        channel_obj = resolve_channel(info, channel)
        visible = selectors.collections_visible(channel=channel_obj, show_hidden=can_manage_products(info))
        collection = by_identifier(visible, "Collection", name, value, slug_language_code=slug_language_code,
                                   translation_model=CollectionTranslation, translation_fk="collection")
        return ChannelContext(collection, channel_obj) if collection is not None else None

    @staticmethod
    def resolve_product_type(_root, info, id):
        return by_identifier(ProductTypeModel.objects.all(), "ProductType", "id", id)


class Mutations(graphene.ObjectType):
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_delete = ProductDelete.Field()
    product_channel_listing_update = ProductChannelListingUpdate.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_variant_channel_listing_update = ProductVariantChannelListingUpdate.Field()
    product_variant_stocks_update = ProductVariantStocksUpdate.Field()
    stock_bulk_update = StockBulkUpdate.Field()
    product_media_create = ProductMediaCreate.Field()


# Types reachable only through an interface: the schema must list them explicitly.
EXTRA_TYPES = list(ALL_ASSIGNED_TYPES)
