"""Saleor's ProductVariant type: a size or a packaging of a product, priced and stocked per channel."""

import graphene

from backend.api.attribute.assigned import AssignedAttribute, ObjectWithAttributes
from backend.api.attribute.translations import load_translation
from backend.api.attribute.types import SelectedAttribute
from backend.api.channel.context import can_manage_products
from backend.api.core.connection import CountableConnection
from backend.api.core.dataloaders import gather, then
from backend.api.core.enums import CountryCodeEnum, LanguageCodeEnum, saleor_enum
from backend.api.core.scalars import PositiveInt
from backend.api.core.types import ObjectWithMetadata, TaxedMoney, Weight, weight_kg
from backend.api.product import dataloaders as loaders
from backend.api.product.availability import load_quantity_available
from backend.api.product.filters import variant_filter_q, variant_where_q
from backend.api.product.pricing import variant_pricing
from backend.api.product.sorting import sort_simple
from backend.api.product.types.common import channel_of, load_assigned_attributes, load_vat_rate, node_of, wrap_one
from backend.api.product.types.deprecated import VariantDeprecatedFields
from backend.api.product.types.media import ProductMedia
from backend.api.product.types.pricing import VariantPricingInfo
from backend.api.product.types.product_types import VariantAttributeScope, variant_selection_filter
from backend.api.product.types.products import Product, address_arg, check_manage_products
from backend.api.product.types.translations import ProductVariantTranslation
from backend.api.warehouse.dataloaders import StocksByVariantIdLoader
from backend.api.warehouse.types import Stock, check_stock_permissions
from backend.commerce.product.selectors import variants_visible

SCOPE_DESCRIPTION = "Define scope of returned attributes."


def variants_queryset(info, channel, *, filter=None, where=None, sort_by=None):
    variants = variants_visible(channel=channel, show_hidden=can_manage_products(info))
    variants = variants.filter(variant_where_q(where, channel)).filter(variant_filter_q(filter))
    return sort_simple(variants, sort_by, {"LAST_MODIFIED_AT": ["updated_at"]}, default=("sort_order", "sku", "pk"))


def load_variant_attributes(info, variant, variant_selection=None):
    def with_product(product):
        type_attributes = then(loaders.VariantAttributesByProductTypeIdLoader(info.context).load(
            product.product_type_id), lambda attributes: variant_selection_filter(attributes, variant_selection))
        return load_assigned_attributes(info, type_attributes,
                                        loaders.AssignedValuesByVariantIdLoader(info.context).load(variant.pk))

    return then(loaders.ProductByIdLoader(info.context).load(variant.product_id), with_product)


def _listings_type():
    from backend.api.product.types.listings import ProductVariantChannelListing

    return ProductVariantChannelListing


class ProductVariant(VariantDeprecatedFields):
    id = graphene.GlobalID(required=True, description="The ID of the product variant.")
    assigned_attribute = graphene.Field(
        AssignedAttribute, slug=graphene.Argument(graphene.String, required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to product by attribute slug.\n\nAdded in Saleor 3.22.")
    assigned_attributes = graphene.List(
        graphene.NonNull(AssignedAttribute), required=True,
        limit=graphene.Argument(PositiveInt, default_value=100,
                                description="Maximum number of attributes to return. Default is 100."),
        description="List of attributes assigned to this variant.\n\nAdded in Saleor 3.22.")
    name = graphene.String(required=True, description="The name of the product variant.")
    sku = graphene.String(description="The SKU (stock keeping unit) of the product variant.")
    product = graphene.Field(Product, required=True, description="The product to which the variant belongs.")
    track_inventory = graphene.Boolean(required=True, description="Determines if the inventory of this variant should "
                                       "be tracked. If false, the quantity won't change when customers buy this item. "
                                       "If the field is not provided, `Shop.trackInventoryByDefault` will be used.")
    quantity_limit_per_customer = graphene.Int(description="The maximum quantity of this variant that a customer can "
                                                           "purchase.")
    weight = graphene.Field(Weight, description="The weight of the product variant.")
    channel = graphene.String(description="Channel given to retrieve this product variant. Also used by federation "
                                          "gateway to resolve this object in a federated query.")
    channel_listings = graphene.List(graphene.NonNull(_listings_type), description="List of price information in "
                                     "channels for the product.\n\nRequires one of the following permissions: "
                                     "MANAGE_PRODUCTS.")
    pricing = graphene.Field(VariantPricingInfo, address=address_arg(),
                             description="Lists the storefront variant's pricing, the current price and discounts, "
                                         "only meant for displaying.")
    attributes = graphene.List(
        graphene.NonNull(SelectedAttribute), required=True,
        variant_selection=graphene.Argument(VariantAttributeScope, description=SCOPE_DESCRIPTION),
        deprecation_reason="Use the `assignedAttributes` field instead.",
        description="List of attributes assigned to this variant.")
    margin = graphene.Int(description="Gross margin percentage value.")
    quantity_ordered = graphene.Int(description="Total quantity ordered.\n\nRequires one of the following "
                                                "permissions: MANAGE_PRODUCTS.")
    revenue = graphene.Field(TaxedMoney, period=graphene.Argument(saleor_enum("ReportingPeriod")),
                             description="Total revenue generated by a variant in given period of time. "
                             "Note: this field should be queried using `reportProductSales` query as it uses "
                             "optimizations suitable for such calculations.\n\nRequires one of the following "
                             "permissions: MANAGE_PRODUCTS.")
    media = graphene.List(graphene.NonNull(ProductMedia), description="List of media for the product variant.")
    translation = graphene.Field(
        ProductVariantTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True, description="A language code to return the "
                                        "translation for product variant."),
        description="Returns translated product variant fields for the given language code.")
    stocks = graphene.List(
        graphene.NonNull(Stock), address=address_arg(),
        country_code=graphene.Argument(CountryCodeEnum, description="Two-letter ISO 3166-1 country code."),
        description="Stocks for the product variant.\n\nRequires one of the following permissions: MANAGE_PRODUCTS, "
                    "MANAGE_ORDERS.")
    quantity_available = graphene.Int(
        address=address_arg(),
        country_code=graphene.Argument(CountryCodeEnum, description="Two-letter ISO 3166-1 country code. When "
                                       "provided, the exact quantity from a warehouse operating in shipping zones "
                                       "that contain this country will be returned. Otherwise, it will return the "
                                       "maximum quantity from all shipping zones."),
        description="Quantity of a product available for sale in one checkout. Field value will be `null` when no "
                    "`limitQuantityPerCheckout` in global settings has been set, and `productVariant` stocks are not "
                    "tracked.")
    created = graphene.DateTime(required=True, description="The date and time when the product variant was created.")
    updated_at = graphene.DateTime(required=True, description="The date and time when the product variant was last "
                                                              "updated.")
    external_reference = graphene.String(description="External ID of this product.")

    class Meta:
        description = "Represents a version of a product such as different size or color."
        interfaces = (graphene.relay.Node, ObjectWithMetadata, ObjectWithAttributes)

    @staticmethod
    def resolve_name(root, _info):
        return root.name or ""

    @staticmethod
    def resolve_created(root, _info):
        return root.created_at

    @staticmethod
    def resolve_weight(root, _info):
        return weight_kg(root.weight)

    @staticmethod
    def resolve_channel(root, _info):
        channel = channel_of(root)
        return channel.slug if channel else None

    @staticmethod
    def resolve_product(root, info):
        return then(loaders.ProductByIdLoader(info.context).load(root.product_id),
                    lambda product: wrap_one(product, channel_of(root)))

    @staticmethod
    def resolve_channel_listings(root, info):
        check_manage_products(info)
        return loaders.VariantChannelListingsByVariantIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_pricing(root, info, address=None):
        channel = channel_of(root)
        if channel is None:
            return None
        listing = loaders.VariantChannelListingLoader(info.context).load((root.pk, channel.id))
        return then(gather([listing, load_vat_rate(info, root.product_id)]),
                    lambda results: variant_pricing(results[0], results[1]))

    @staticmethod
    def resolve_quantity_available(root, info, address=None, country_code=None):
        return load_quantity_available(info, node_of(root), channel_of(root))

    @staticmethod
    def resolve_stocks(root, info, address=None, country_code=None):
        check_stock_permissions(info)
        return StocksByVariantIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_media(root, info):
        return loaders.MediaByVariantIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_translation(root, info, language_code):
        variant = node_of(root)
        return load_translation(loaders.VariantTranslationLoader, info, variant, language_code,
                                {"name": variant.name or ""})

    @staticmethod
    def resolve_assigned_attributes(root, info, limit=100):
        return then(load_variant_attributes(info, node_of(root)), lambda items: items[: max(limit or 0, 0)])

    @staticmethod
    def resolve_assigned_attribute(root, info, slug):
        return then(load_variant_attributes(info, node_of(root)),
                    lambda items: next((item for item in items if item.attribute.slug == slug), None))

    @staticmethod
    def resolve_attributes(root, info, variant_selection=None):
        return then(load_variant_attributes(info, node_of(root), variant_selection), lambda items: [
            SelectedAttribute(attribute=item.attribute, values=item.values) for item in items])

    @staticmethod
    def resolve_margin(root, info):
        check_manage_products(info)
        return None

    @staticmethod
    def resolve_quantity_ordered(root, info):
        check_manage_products(info)
        return None

    @staticmethod
    def resolve_revenue(root, info, period=None):
        check_manage_products(info)
        return None


class ProductVariantCountableConnection(CountableConnection):
    class Meta:
        node = ProductVariant
