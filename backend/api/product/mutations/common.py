"""Shared pieces of the back-office mutations: Saleor's error types, the caller's scope, lookups within it."""

import graphene
from django.core.exceptions import ValidationError

from backend.api.channel.context import ChannelContext
from backend.api.core.enums import saleor_enum
from backend.api.core.errors import PermissionDenied
from backend.api.product.ids import decode_id
from backend.api.product.lookups import check_one_of
from backend.api.product.scope import CatalogueScope, catalogue_scope
from backend.commerce.channel.models import Channel

ProductErrorCode = saleor_enum("ProductErrorCode")
StockBulkUpdateErrorCode = saleor_enum("StockBulkUpdateErrorCode")
ErrorPolicyEnum = saleor_enum("ErrorPolicyEnum")
REFUSED = "Vous ne pouvez pas gérer ce produit."


class ProductError(graphene.ObjectType):
    field = graphene.String(description="Name of a field that caused the error. A value of `null` indicates that the "
                            "error isn't associated with a particular field.")
    message = graphene.String(description="The error message.")
    code = graphene.Field(ProductErrorCode, required=True, description="The error code.")
    attributes = graphene.List(graphene.NonNull(graphene.ID), description="List of attributes IDs which causes the "
                               "error.")
    values = graphene.List(graphene.NonNull(graphene.ID), description="List of attribute values IDs which causes the "
                           "error.")


class BulkStockError(ProductError):
    index = graphene.Int(description="Index of an input list item that caused the error.")


class ProductChannelListingError(ProductError):
    channels = graphene.List(graphene.NonNull(graphene.ID), description="List of channels IDs which causes the "
                             "error.")
    variants = graphene.List(graphene.NonNull(graphene.ID), description="List of variants IDs which causes the error.")


class StockBulkUpdateError(graphene.ObjectType):
    field = graphene.String(description="Path to field that caused the error. A value of `null` indicates that the "
                            "error isn't associated with a particular field.")
    message = graphene.String(description="The error message.")
    code = graphene.Field(StockBulkUpdateErrorCode, required=True, description="The error code.")


class AttributeValueSelectableTypeInput(graphene.InputObjectType):
    id = graphene.ID(description="ID of an attribute value.")
    external_reference = graphene.String(description="External reference of an attribute value.")
    value = graphene.String(description="The value or slug of an attribute to resolve.")


class AttributeValueInput(graphene.InputObjectType):
    """Saleor's shape; the Comptoir's back-office refuses attribute values for now (managed by staff in the admin)."""

    id = graphene.ID(description="ID of the selected attribute.")
    external_reference = graphene.String(description="External ID of this attribute.")
    values = graphene.List(graphene.NonNull(graphene.String), deprecation_reason="Use the type-specific fields.")
    dropdown = AttributeValueSelectableTypeInput()
    swatch = AttributeValueSelectableTypeInput()
    multiselect = graphene.List(graphene.NonNull(AttributeValueSelectableTypeInput))
    numeric = graphene.String()
    file = graphene.String()
    content_type = graphene.String()
    reference = graphene.ID()
    references = graphene.List(graphene.NonNull(graphene.ID))
    rich_text = graphene.JSONString()
    plain_text = graphene.String()
    boolean = graphene.Boolean()
    date = graphene.Date()
    date_time = graphene.DateTime()


class SeoInput(graphene.InputObjectType):
    title = graphene.String(description="SEO title.")
    description = graphene.String(description="SEO description.")


def deprecated_errors(error_type):
    """Saleor keeps the old `<domain>Errors` payload field next to `errors` (same content)."""
    return graphene.Field(graphene.NonNull(graphene.List(graphene.NonNull(error_type))),
                          deprecation_reason="Use `errors` field instead.",
                          resolver=lambda root, _info: getattr(root, "errors", None) or [])


def scope_of(info) -> CatalogueScope:
    """The caller's catalogue scope, cached on the request; none means refused (a GraphQL permission error)."""
    context = info.context
    if not hasattr(context, "_catalogue_scope"):
        context._catalogue_scope = catalogue_scope(getattr(context, "user", None))
    if context._catalogue_scope is None:
        raise PermissionDenied()
    return context._catalogue_scope


def error(field: str, message: str, code: str = "INVALID") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def product_in_scope(info, *, id=None, external_reference=None, for_update=True):
    """The product named by id or external reference: refused when it is outside the caller's scope."""
    from backend.commerce.product.models import Product

    name, value = check_one_of(id=id, external_reference=external_reference)
    lookup = {"pk": decode_id(value, "Product")} if name == "id" else {"external_reference": value}
    product = Product.objects.filter(**lookup).first()
    if product is None:
        raise error(name if name == "id" else "externalReference", "Ce produit n'existe pas.", "NOT_FOUND")
    scope = scope_of(info)
    if not scope.full and not scope.products.filter(pk=product.pk).exists():
        raise PermissionDenied(REFUSED)
    if for_update:
        product = Product.objects.select_for_update().get(pk=product.pk)
    return product


def variant_in_scope(info, *, id=None, sku=None, external_reference=None):
    from backend.commerce.product.models import ProductVariant

    name, value = check_one_of(id=id, sku=sku, external_reference=external_reference)
    lookup = {"id": {"pk": decode_id(value, "ProductVariant")}, "sku": {"sku": value},
              "external_reference": {"external_reference": value}}[name]
    variant = ProductVariant.objects.select_related("product").filter(**lookup).first()
    if variant is None:
        raise error("id" if name == "id" else name, "Cette variante n'existe pas.", "NOT_FOUND")
    scope = scope_of(info)
    if not scope.full and not scope.products.filter(pk=variant.product_id).exists():
        raise PermissionDenied(REFUSED)
    return variant


def warehouse_in_scope(info, global_id, field="warehouse"):
    from backend.commerce.warehouse.models import Warehouse

    warehouse = Warehouse.objects.filter(pk=decode_id(global_id, "Warehouse")).first()
    if warehouse is None:
        raise error(field, "Cet entrepôt n'existe pas.", "NOT_FOUND")
    if not scope_of(info).warehouses.filter(pk=warehouse.pk).exists():
        raise error(field, "Vous ne pouvez pas gérer le stock de cet entrepôt.", "INVALID")
    return warehouse


def channel_by_id(global_id, field="channelId") -> Channel:
    channel = Channel.objects.filter(pk=decode_id(global_id, "Channel")).first()
    if channel is None:
        raise error(field, "Ce canal n'existe pas.", "NOT_FOUND")
    return channel


def as_node(obj):
    return ChannelContext(obj, None) if obj is not None else None


def seo_fields(input) -> dict:
    seo = input.get("seo") or {}
    data = {}
    if "title" in seo:
        data["seo_title"] = seo["title"]
    if "description" in seo:
        data["seo_description"] = seo["description"]
    return data
