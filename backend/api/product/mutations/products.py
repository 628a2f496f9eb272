"""productCreate, productUpdate, productDelete, productChannelListingUpdate (Saleor's signatures)."""

import graphene
from django.core.exceptions import ValidationError

from backend.api.core.mutations import BaseMutation
from backend.api.core.scalars import Date, DateTime, JSONString, WeightScalar
from backend.api.core.types import MetadataInput
from backend.api.product.ids import decode_id
from backend.api.product.mutations.common import (
    AttributeValueInput,
    ProductChannelListingError,
    ProductError,
    SeoInput,
    as_node,
    channel_by_id,
    deprecated_errors,
    error,
    product_in_scope,
    scope_of,
    seo_fields,
)
from backend.commerce.product import services
from backend.commerce.product.models import Category, ProductType
from backend.commerce.tax.models import TaxClass
from backend.core.plugins import get_plugin_manager


def _product_type():
    from backend.api.product.types.products import Product

    return Product


class ProductInputFields:
    attributes = graphene.List(graphene.NonNull(AttributeValueInput), description="List of attributes (not "
                               "supported by the Comptoir's back-office yet: refused when given).")
    category = graphene.ID(description="ID of the product's category.")
    charge_taxes = graphene.Boolean(deprecation_reason="Use `Channel.taxConfiguration` to configure whether tax "
                                    "collection is enabled.")
    collections = graphene.List(graphene.NonNull(graphene.ID), description="List of IDs of collections (staff "
                                "curate collections: refused when given).")
    description = JSONString(description="Product description. Rich text format. For reference see "
                             "https://editorjs.io/")
    name = graphene.String(description="Product name.")
    slug = graphene.String(description="Product slug.")
    tax_class = graphene.ID(description="ID of a tax class to assign to this product.")
    tax_code = graphene.String(deprecation_reason="Use tax classes to control the tax calculation for a product.")
    seo = SeoInput(description="Search engine optimization fields.")
    weight = WeightScalar(description="Weight of the Product.")
    rating = graphene.Float(description="Defines the product rating value.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Fields required to update the product "
                             "metadata.")
    private_metadata = graphene.List(graphene.NonNull(MetadataInput), description="Fields required to update the "
                                     "product private metadata.")
    external_reference = graphene.String(description="External ID of this product.")


class ProductCreateInput(ProductInputFields, graphene.InputObjectType):
    product_type = graphene.ID(required=True, description="ID of the type that product belongs to.")


class ProductInput(ProductInputFields, graphene.InputObjectType):
    pass


def product_data(input) -> dict:
    """The model fields of a ProductInput (ids resolved); unsupported parts are refused, not silently ignored."""
    if input.get("attributes"):
        raise error("attributes", "Les attributs se gèrent depuis l'administration du Comptoir.", "INVALID")
    if input.get("collections"):
        raise error("collections", "Les collections sont composées par l'équipe du Comptoir.", "INVALID")
    for key in ("name", "slug"):  # columns that cannot be empty: an explicit null is refused, not written
        if key in input and input[key] is None:
            raise error(key, "Ce champ ne peut pas être vide.", "REQUIRED")
    data = {key: input[key] for key in ("name", "slug", "description", "rating", "external_reference")
            if key in input}
    if "weight" in input:
        data["weight"] = input["weight"]
    if input.get("category") is not None:
        category = Category.objects.filter(pk=decode_id(input["category"], "Category")).first()
        if category is None:
            raise error("category", "Cette catégorie n'existe pas.", "NOT_FOUND")
        data["category"] = category
    if input.get("tax_class") is not None:
        tax_class = TaxClass.objects.filter(pk=decode_id(input["tax_class"], "TaxClass")).first()
        if tax_class is None:
            raise error("taxClass", "Cette classe de TVA n'existe pas.", "NOT_FOUND")
        data["tax_class"] = tax_class
    data.update(seo_fields(input))
    return data


def apply_metadata(obj, input) -> None:
    changed = False
    for key, column in (("metadata", "metadata"), ("private_metadata", "private_metadata")):
        for item in input.get(key) or []:
            getattr(obj, column)[item["key"]] = item["value"]
            changed = True
    if changed:
        obj.save(update_fields=["metadata", "private_metadata"])


class ProductCreate(BaseMutation):
    product_errors = deprecated_errors(ProductError)
    product = graphene.Field(_product_type)

    class Arguments:
        input = ProductCreateInput(required=True, description="Fields required to create a product.")

    class Meta:
        description = "Creates a new product (staff with MANAGE_PRODUCTS, or a member of a producer for its own)."
        error_type_class = ProductError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, input):
        scope = scope_of(info)
        product_type = ProductType.objects.filter(pk=decode_id(input["product_type"], "ProductType")).first()
        if product_type is None:
            raise error("productType", "Ce type de produit n'existe pas.", "NOT_FOUND")
        product = services.product_create(product_type=product_type, data=product_data(input))
        apply_metadata(product, input)
        scope.on_product_created(product)
        get_plugin_manager().notify("product_created", product=product)
        return cls(product=as_node(product))


class ProductUpdate(BaseMutation):
    product_errors = deprecated_errors(ProductError)
    product = graphene.Field(_product_type)

    class Arguments:
        id = graphene.ID(description="ID of a product to update.")
        external_reference = graphene.String(description="External ID of a product to update.")
        input = ProductInput(required=True, description="Fields required to update a product.")

    class Meta:
        description = "Updates an existing product."
        error_type_class = ProductError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, input, id=None, external_reference=None):
        product = product_in_scope(info, id=id, external_reference=external_reference)
        product = services.product_update(product=product, data=product_data(input))
        apply_metadata(product, input)
        get_plugin_manager().notify("product_updated", product=product)
        return cls(product=as_node(product))


class ProductDelete(BaseMutation):
    product_errors = deprecated_errors(ProductError)
    product = graphene.Field(_product_type)

    class Arguments:
        id = graphene.ID(description="ID of a product to delete.")
        external_reference = graphene.String(description="External ID of a product to delete.")

    class Meta:
        description = "Deletes a product."
        error_type_class = ProductError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, id=None, external_reference=None):
        product = product_in_scope(info, id=id, external_reference=external_reference)
        pk, name = product.pk, product.name
        services.product_delete(product=product)
        product.pk = pk  # the payload still names what was deleted, as Saleor does
        get_plugin_manager().notify("product_deleted", product_id=pk, product_name=name)
        return cls(product=as_node(product))


class ProductChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="ID of a channel.")
    is_published = graphene.Boolean(description="Determines if object is visible to customers.")
    publication_date = Date(deprecation_reason="Use `publishedAt` field instead.")
    published_at = DateTime(description="Publication date time. ISO 8601 standard.")
    visible_in_listings = graphene.Boolean(description="Determines if product is visible in product listings.")
    is_available_for_purchase = graphene.Boolean(description="Determines if product should be available for "
                                                 "purchase in this channel.")
    available_for_purchase_date = Date(deprecation_reason="Use `availableForPurchaseAt` field instead.")
    available_for_purchase_at = DateTime(description="A start date time from which a product will be available for "
                                         "purchase.")
    add_variants = graphene.List(graphene.NonNull(graphene.ID), description="List of variants to which the channel "
                                 "should be assigned.")
    remove_variants = graphene.List(graphene.NonNull(graphene.ID), description="List of variants from which the "
                                    "channel should be unassigned.")


class ProductChannelListingUpdateInput(graphene.InputObjectType):
    update_channels = graphene.List(graphene.NonNull(ProductChannelListingAddInput), description="List of channels "
                                    "to which the product should be assigned or updated.")
    remove_channels = graphene.List(graphene.NonNull(graphene.ID), description="List of channels from which the "
                                    "product should be unassigned.")


def _listing_values(item) -> dict:
    from django.utils import timezone

    values = {"channel": channel_by_id(item["channel_id"])}
    for key in ("is_published", "published_at", "visible_in_listings", "available_for_purchase_at"):
        if item.get(key) is not None:
            values[key] = item[key]
    if item.get("is_available_for_purchase") is True and "available_for_purchase_at" not in values:
        values["available_for_purchase_at"] = timezone.now()
    if item.get("is_available_for_purchase") is False:
        values["available_for_purchase_at"] = None
    if item.get("add_variants") or item.get("remove_variants"):
        raise ValidationError({"addVariants": ValidationError(
            "Les prix des variantes se fixent avec productVariantChannelListingUpdate.", code="INVALID")})
    return values


class ProductChannelListingUpdate(BaseMutation):
    product_channel_listing_errors = deprecated_errors(ProductChannelListingError)
    product = graphene.Field(_product_type)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a product to update.")
        input = ProductChannelListingUpdateInput(required=True, description="Fields required to create or update "
                                                 "product channel listings.")

    class Meta:
        description = "Manage product's availability in channels."
        error_type_class = ProductChannelListingError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, id, input):
        product = product_in_scope(info, id=id)
        update = [_listing_values(item) for item in input.get("update_channels") or []]
        removed = [channel_by_id(channel_id, "removeChannels").pk for channel_id in input.get("remove_channels") or []]
        services.product_channel_listing_update(product=product, update=update, remove_channel_ids=removed)
        get_plugin_manager().notify("product_updated", product=product)
        return cls(product=as_node(product))
