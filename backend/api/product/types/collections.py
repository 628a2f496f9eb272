"""Saleor's Collection type: a hand-picked selection (« Produits de saison », « Idées cadeaux »...), per channel."""

import graphene
from django.db.models import Exists, OuterRef, Q

from backend.api.attribute.translations import load_translation
from backend.api.core.connection import CountableConnection
from backend.api.core.enums import LanguageCodeEnum
from backend.api.core.types import Image, ObjectWithMetadata
from backend.api.product import dataloaders as loaders
from backend.api.product.resolvers import resolve_products
from backend.api.product.types.categories import product_list_args
from backend.api.product.types.common import channel_of, node_of
from backend.api.product.types.listings import CollectionChannelListing
from backend.api.product.types.media import image_url, thumbnail_args
from backend.api.product.types.products import ProductCountableConnection, check_manage_products
from backend.api.product.types.translations import CollectionTranslation
from backend.commerce.product.models import CollectionProduct

RICH_TEXT = "\n\nRich text format. For reference see https://editorjs.io/"


class Collection(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the collection.")
    seo_title = graphene.String(description="SEO title of the collection.")
    seo_description = graphene.String(description="SEO description of the collection.")
    name = graphene.String(required=True, description="Name of the collection.")
    description = graphene.JSONString(description=f"Description of the collection.{RICH_TEXT}")
    slug = graphene.String(required=True, description="Slug of the collection.")
    channel = graphene.String(description="Channel given to retrieve this collection. Also used by federation gateway "
                                          "to resolve this object in a federated query.")
    description_json = graphene.JSONString(description=f"Description of the collection.{RICH_TEXT}",
                                           deprecation_reason="Use the `description` field instead.")
    products = graphene.Field(ProductCountableConnection, **product_list_args(),
                              description="List of products in this collection.")
    background_image = graphene.Field(Image, **thumbnail_args(), description="Background image of the collection.")
    translation = graphene.Field(
        CollectionTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True,
                                        description="A language code to return the translation for collection."),
        description="Returns translated collection fields for the given language code.")
    channel_listings = graphene.List(graphene.NonNull(CollectionChannelListing),
                                     description="List of channels in which the collection is available.\n\nRequires "
                                                 "one of the following permissions: MANAGE_PRODUCTS.")

    class Meta:
        description = "Represents a collection of products."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_channel(root, _info):
        channel = channel_of(root)
        return channel.slug if channel else None

    @staticmethod
    def resolve_description_json(root, _info):
        return root.description

    @staticmethod
    def resolve_products(root, info, filter=None, where=None, sort_by=None, search=None, **kwargs):
        in_collection = CollectionProduct.objects.filter(product_id=OuterRef("pk"), collection_id=root.pk)
        return resolve_products(info, ProductCountableConnection, channel=channel_of(root), where=where,
                                filter=filter, search=search, sort_by=sort_by, restrict=Q(Exists(in_collection)),
                                collection_id=root.pk, **kwargs)

    @staticmethod
    def resolve_background_image(root, info, size=None, format=None):
        if not root.background_image:
            return None
        return Image(url=image_url(info, "Collection", node_of(root), root.background_image, size, format),
                     alt=root.background_image_alt or root.name)

    @staticmethod
    def resolve_translation(root, info, language_code):
        collection = node_of(root)
        return load_translation(loaders.CollectionTranslationLoader, info, collection, language_code, {
            "name": collection.name, "slug": collection.slug, "description": collection.description,
            "seo_title": collection.seo_title, "seo_description": collection.seo_description})

    @staticmethod
    def resolve_channel_listings(root, info):
        check_manage_products(info)
        return loaders.CollectionChannelListingsByCollectionIdLoader(info.context).load(root.pk)


class CollectionCountableConnection(CountableConnection):
    class Meta:
        node = Collection
