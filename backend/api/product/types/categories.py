"""Saleor's Category type: the tree of the catalogue (Fromages > Maroilles...)."""

import graphene
from django.db.models import Q

from backend.api.attribute.translations import load_translation
from backend.api.core.connection import CountableConnection, connection_args, connection_from_queryset
from backend.api.core.dataloaders import then
from backend.api.core.enums import LanguageCodeEnum
from backend.api.core.types import Image, ObjectWithMetadata
from backend.api.product import dataloaders as loaders
from backend.api.product.inputs import ProductFilterInput, ProductOrder, ProductWhereInput
from backend.api.product.resolvers import products_channel, resolve_products
from backend.api.product.types.media import image_url, thumbnail_args
from backend.api.product.types.products import ProductCountableConnection
from backend.api.product.types.translations import CategoryTranslation
from backend.commerce.product.selectors import category_ancestors

RICH_TEXT = "\n\nRich text format. For reference see https://editorjs.io/"


def product_list_args() -> dict:
    return {
        "filter": graphene.Argument(ProductFilterInput, description="Filtering options for products.",
                                    deprecation_reason="Use `where` filter instead."),
        "where": graphene.Argument(ProductWhereInput, description="Where filtering options for products."),
        "sort_by": graphene.Argument(ProductOrder, description="Sort products."),
        "search": graphene.Argument(graphene.String, description="Search products."),
        **connection_args(),
    }


class Category(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the category.")
    seo_title = graphene.String(description="SEO title of category.")
    seo_description = graphene.String(description="SEO description of category.")
    name = graphene.String(required=True, description="Name of category")
    description = graphene.JSONString(description=f"Description of the category.{RICH_TEXT}")
    slug = graphene.String(required=True, description="Slug of the category.")
    parent = graphene.Field(lambda: Category, description="Parent category.")
    level = graphene.Int(required=True, description="Level of the category.")
    description_json = graphene.JSONString(description=f"Description of the category.{RICH_TEXT}",
                                           deprecation_reason="Use the `description` field instead.")
    updated_at = graphene.DateTime(required=True, description="The date and time when the category was last "
                                                              "updated.")
    ancestors = graphene.Field(lambda: CategoryCountableConnection, **connection_args(),
                               description="List of ancestors of the category.")
    products = graphene.Field(
        ProductCountableConnection,
        channel=graphene.Argument(graphene.String, description="Slug of a channel for which the data should be "
                                                               "returned."),
        **product_list_args(),
        description="List of products in the category. Requires the following permissions to include the "
                    "unpublished items: MANAGE_ORDERS, MANAGE_DISCOUNTS, MANAGE_PRODUCTS.")
    children = graphene.Field(lambda: CategoryCountableConnection, **connection_args(),
                              description="List of children of the category.")
    background_image = graphene.Field(Image, **thumbnail_args(), description="Background image of the category.")
    translation = graphene.Field(
        CategoryTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True,
                                        description="A language code to return the translation for category."),
        description="Returns translated category fields for the given language code.")

    class Meta:
        description = ("Represents a single category of products. Categories allow to organize products in a "
                       "tree-hierarchies which can be used for navigation in the storefront.")
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_description_json(root, _info):
        return root.description

    @staticmethod
    def resolve_parent(root, info):
        return loaders.CategoryByIdLoader(info.context).load(root.parent_id) if root.parent_id else None

    @staticmethod
    def resolve_ancestors(root, info, **kwargs):
        return connection_from_queryset(category_ancestors(root), info, kwargs, CategoryCountableConnection)

    @staticmethod
    def resolve_children(root, info, **kwargs):
        return then(loaders.ChildrenByCategoryIdLoader(info.context).load(root.pk),
                    lambda children: connection_from_queryset(children, info, kwargs, CategoryCountableConnection))

    @staticmethod
    def resolve_products(root, info, channel=None, filter=None, where=None, sort_by=None, search=None, **kwargs):
        # Saleor lists the products of the category and of every category below it.
        from backend.commerce.product.selectors import category_descendant_ids

        return resolve_products(
            info, ProductCountableConnection, channel=products_channel(info, channel, filter, sort_by),
            where=where, filter=filter, search=search, sort_by=sort_by,
            restrict=Q(category_id__in=category_descendant_ids([root.pk])), **kwargs)

    @staticmethod
    def resolve_background_image(root, info, size=None, format=None):
        if not root.background_image:
            return None
        return Image(url=image_url(info, "Category", root, root.background_image, size, format),
                     alt=root.background_image_alt or root.name)

    @staticmethod
    def resolve_translation(root, info, language_code):
        return load_translation(loaders.CategoryTranslationLoader, info, root, language_code, {
            "name": root.name, "slug": root.slug, "description": root.description,
            "seo_title": root.seo_title, "seo_description": root.seo_description})


class CategoryCountableConnection(CountableConnection):
    class Meta:
        node = Category
