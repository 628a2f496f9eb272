"""`productTypes`: the kinds of product of the catalogue (Fromage, Bière...) and their tax classes."""

import graphene
from django.db.models import Q

from backend.api.core.connection import connection_args, connection_from_queryset
from backend.api.core.enums import OrderDirection, saleor_enum
from backend.api.core.filter_inputs import MetadataFilter, metadata_list_q
from backend.api.product.ids import decode_ids
from backend.api.product.sorting import sort_simple
from backend.api.product.types.product_types import ProductTypeCountableConnection
from backend.commerce.product.models import ProductType as ProductTypeModel


class ProductTypeFilterInput(graphene.InputObjectType):
    search = graphene.String()
    configurable = graphene.InputField(
        saleor_enum("ProductTypeConfigurable"),
        deprecation_reason="The field has no effect on the API behavior. This is a leftover from the past "
                           "Simple/Configurable product distinction. Products can have multiple variants regardless "
                           "of this setting.")
    product_type = graphene.InputField(saleor_enum("ProductTypeEnum"))
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    kind = graphene.InputField(saleor_enum("ProductTypeKindEnum"))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class ProductTypeSortingInput(graphene.InputObjectType):
    direction = graphene.InputField(OrderDirection, required=True,
                                    description="Specifies the direction in which to sort product types.")
    field = graphene.InputField(saleor_enum("ProductTypeSortField"), required=True,
                                description="Sort product types by the selected field.")


def product_type_filter_q(data) -> Q:
    if not data:
        return Q()
    q = metadata_list_q(data.get("metadata"))
    if data.get("search"):
        q &= Q(name__icontains=data["search"]) | Q(slug__icontains=data["search"])
    if data.get("product_type") is not None:
        q &= Q(is_shipping_required=True)
    if data.get("kind") is not None:
        q &= Q(kind="gift_card" if getattr(data["kind"], "name", data["kind"]) == "GIFT_CARD" else "normal")
    if data.get("ids") is not None:
        q &= Q(pk__in=decode_ids(data["ids"], "ProductType"))
    if data.get("slugs") is not None:
        q &= Q(slug__in=data["slugs"])
    return q


class ProductTypeQueries(graphene.ObjectType):
    product_types = graphene.Field(
        ProductTypeCountableConnection,
        filter=graphene.Argument(ProductTypeFilterInput, description="Filtering options for product types."),
        sort_by=graphene.Argument(ProductTypeSortingInput, description="Sort product types."),
        **connection_args(),
        description="List of the shop's product types.")

    @staticmethod
    def resolve_product_types(_root, info, filter=None, sort_by=None, **kwargs):
        product_types = ProductTypeModel.objects.filter(product_type_filter_q(filter))
        product_types = sort_simple(product_types, sort_by, {"NAME": ["name", "slug"],
                                                             "SHIPPING_REQUIRED": ["is_shipping_required", "name"]})
        return connection_from_queryset(product_types, info, kwargs, ProductTypeCountableConnection)
