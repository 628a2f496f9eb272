import graphene

from backend.api.attribute.types import Attribute, AttributeCountableConnection
from backend.api.core.connection import CountableConnection, connection_args, connection_from_queryset
from backend.api.core.dataloaders import then
from backend.api.core.enums import CountryCodeEnum, saleor_enum
from backend.api.core.types import CountryDisplay, ObjectWithMetadata, Weight, weight_kg
from backend.api.product import dataloaders as loaders

VariantAttributeScope = saleor_enum("VariantAttributeScope")
# Saleor lets these kinds of attribute pick a variant (size, colour...); the others only describe it.
VARIANT_SELECTION_INPUT_TYPES = {"dropdown", "boolean", "swatch", "numeric"}


def variant_selection_filter(attributes, variant_selection):
    scope = getattr(variant_selection, "name", variant_selection) or "ALL"
    if scope == "VARIANT_SELECTION":
        return [a for a in attributes if a.input_type in VARIANT_SELECTION_INPUT_TYPES]
    if scope == "NOT_VARIANT_SELECTION":
        return [a for a in attributes if a.input_type not in VARIANT_SELECTION_INPUT_TYPES]
    return attributes


def _product_connection():
    from backend.api.product.types.products import ProductCountableConnection

    return ProductCountableConnection


def _attribute_filter():
    from backend.api.attribute.schema import AttributeFilterInput

    return AttributeFilterInput


def _attribute_where():
    from backend.api.attribute.where import AttributeWhereInput

    return AttributeWhereInput


def _tax_type():
    from backend.api.product.types.deprecated import TaxType

    return TaxType


class AssignedVariantAttribute(graphene.ObjectType):
    attribute = graphene.Field(Attribute, required=True, description="Attribute assigned to variant.")
    variant_selection = graphene.Boolean(
        required=True, description="Determines, whether assigned attribute is allowed for variant selection. "
                                   "Supported variant types for variant selection are: ['dropdown', 'boolean', "
                                   "'swatch', 'numeric']")

    class Meta:
        description = "Represents assigned attribute to variant with variant selection attached."


class TaxClassCountryRate(graphene.ObjectType):
    country = graphene.Field(CountryDisplay, required=True, description="Country in which this tax rate applies.")
    rate = graphene.Float(required=True, description="Tax rate value.")
    tax_class = graphene.Field(lambda: TaxClass, description="Related tax class.")

    class Meta:
        description = "Tax rate for a country. When tax class is null, it represents the default tax rate for that " \
                      "country; otherwise it's a country tax rate specific to the given tax class."


class TaxClass(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the object.")
    name = graphene.String(required=True, description="Name of the tax class.")
    countries = graphene.List(graphene.NonNull(TaxClassCountryRate), required=True,
                              description="Country-specific tax rates for this tax class.")

    class Meta:
        description = "Tax class is a named object used to define tax rates per country. Tax class can be assigned " \
                      "to product types, products and shipping methods to define different tax rates."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_countries(root, _info):
        # Our classes are French rates: one country.
        return [TaxClassCountryRate(country=CountryDisplay(code="FR"), rate=float(root.rate), tax_class=root)]


class ProductType(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the product type.")
    name = graphene.String(required=True, description="Name of the product type.")
    slug = graphene.String(required=True, description="Slug of the product type.")
    has_variants = graphene.Boolean(
        required=True, description="Whether the product type has variants.",
        deprecation_reason="This is a leftover from the past Simple/Configurable product distinction. Products can "
                           "have multiple variants regardless of this setting. ")
    is_shipping_required = graphene.Boolean(required=True,
                                            description="Whether shipping is required for this product type.")
    weight = graphene.Field(Weight, description="Weight of the product type.")
    kind = graphene.Field(saleor_enum("ProductTypeKindEnum"), required=True, description="The product type kind.")
    tax_class = graphene.Field(TaxClass, description="Tax class assigned to this product type. All products of this "
                                                     "product type use this tax class, unless it's overridden in the "
                                                     "`Product` type.")
    variant_attributes = graphene.List(
        graphene.NonNull(Attribute),
        variant_selection=graphene.Argument(VariantAttributeScope, description="Define scope of returned attributes."),
        deprecation_reason="Use `assignedVariantAttributes` instead.",
        description="Variant attributes of that product type.")
    assigned_variant_attributes = graphene.List(
        graphene.NonNull(lambda: AssignedVariantAttribute),
        variant_selection=graphene.Argument(VariantAttributeScope, description="Define scope of returned attributes."),
        description="Variant attributes of that product type with attached variant selection.")
    product_attributes = graphene.List(graphene.NonNull(Attribute),
                                       description="Product attributes of that product type.")
    available_attributes = graphene.Field(
        AttributeCountableConnection,
        filter=graphene.Argument(lambda: _attribute_filter(), description="Filtering options for attributes of this "
                                                                          "product type."),
        where=graphene.Argument(lambda: _attribute_where(), description="Where filtering options for attributes of "
                                                                        "this product type."),
        search=graphene.Argument(graphene.String, description="Search attributes."),
        **connection_args(),
        description="List of attributes which can be assigned to this product type.\n\nRequires one of the "
                    "following permissions: MANAGE_PRODUCTS, MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES.")
    products = graphene.Field(
        lambda: _product_connection(),
        channel=graphene.Argument(graphene.String, description="Slug of a channel for which the data should be "
                                                               "returned."),
        **connection_args(),
        deprecation_reason="Use the top-level `products` query with the `productTypes` filter.",
        description="List of products of this type.")
    tax_type = graphene.Field(lambda: _tax_type(), deprecation_reason="Use `taxClass` field instead.",
                              description="A type of tax. Assigned by enabled tax gateway")

    class Meta:
        description = "Represents a type of product. It defines what attributes are available to products of this type."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_weight(root, _info):
        return weight_kg(root.weight)

    @staticmethod
    def resolve_kind(root, _info):
        return "GIFT_CARD" if root.kind == "gift_card" else "NORMAL"

    @staticmethod
    def resolve_tax_class(root, info):
        return loaders.TaxClassByIdLoader(info.context).load(root.tax_class_id) if root.tax_class_id else None

    @staticmethod
    def resolve_product_attributes(root, info):
        return loaders.ProductAttributesByProductTypeIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_products(root, info, channel=None, **kwargs):
        from django.db.models import Q

        from backend.api.product.resolvers import products_channel, resolve_products

        return resolve_products(info, _product_connection(), channel=products_channel(info, channel),
                                restrict=Q(product_type_id=root.pk), **kwargs)

    @staticmethod
    def resolve_tax_type(_root, _info):
        return None

    @staticmethod
    def resolve_available_attributes(root, info, filter=None, where=None, search=None, **kwargs):
        from django.db.models import Q

        from backend.api.attribute.schema import attribute_filter_q
        from backend.api.attribute.where import attribute_where_q
        from backend.api.channel.context import can_manage_products
        from backend.api.core.errors import PermissionDenied
        from backend.commerce.attribute.models import Attribute as AttributeModel

        if not can_manage_products(info):
            raise PermissionDenied()
        assigned = list(root.product_attributes.values_list("pk", flat=True)) + list(
            root.variant_attributes.values_list("pk", flat=True))
        q = attribute_filter_q(filter) & attribute_where_q(where)
        if search:
            q &= Q(name__icontains=search) | Q(slug__icontains=search)
        available = AttributeModel.objects.filter(type="product-type").exclude(pk__in=assigned)
        available = available.filter(pk__in=available.filter(q).values("pk")).order_by("slug", "pk")
        return connection_from_queryset(available, info, kwargs, AttributeCountableConnection)

    @staticmethod
    def resolve_assigned_variant_attributes(root, info, variant_selection=None):
        return then(ProductType.resolve_variant_attributes(root, info, variant_selection), lambda attributes: [
            AssignedVariantAttribute(attribute=attribute,
                                     variant_selection=attribute.input_type in VARIANT_SELECTION_INPUT_TYPES)
            for attribute in attributes])

    @staticmethod
    def resolve_variant_attributes(root, info, variant_selection=None):
        return then(loaders.VariantAttributesByProductTypeIdLoader(info.context).load(root.pk),
                    lambda attributes: variant_selection_filter(attributes, variant_selection))


class ProductTypeCountableConnection(CountableConnection):
    class Meta:
        node = ProductType


__all__ = ["CountryCodeEnum", "ProductType", "ProductTypeCountableConnection", "TaxClass"]
