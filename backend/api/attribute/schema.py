import graphene
from django.db.models import Q

from backend.api.attribute.types import Attribute, AttributeCountableConnection, AttributeTypeEnum
from backend.api.attribute.where import AttributeWhereInput, attribute_where_q, in_category_q, in_collection_q
from backend.api.channel.context import can_manage_products
from backend.api.core.connection import connection_args, connection_from_queryset
from backend.api.core.enums import OrderDirection, saleor_enum
from backend.api.core.filter_inputs import MetadataFilter, metadata_list_q
from backend.api.product.ids import decode_id, decode_ids
from backend.api.product.lookups import check_one_of
from backend.commerce.attribute.selectors import attributes_visible


class AttributeFilterInput(graphene.InputObjectType):
    value_required = graphene.Boolean()
    is_variant_only = graphene.Boolean()
    visible_in_storefront = graphene.Boolean()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    type = graphene.InputField(AttributeTypeEnum)
    in_collection = graphene.ID()
    in_category = graphene.ID()
    slugs = graphene.List(graphene.NonNull(graphene.String))
    filterable_in_storefront = graphene.Boolean()
    available_in_grid = graphene.Boolean()
    filterable_in_dashboard = graphene.Boolean()
    channel = graphene.String(deprecation_reason="Use root-level channel argument instead.",
                              description="Specifies the channel by which the data should be filtered.")


class AttributeSortingInput(graphene.InputObjectType):
    direction = graphene.InputField(OrderDirection, required=True,
                                    description="Specifies the direction in which to sort attributes.")
    field = graphene.InputField(saleor_enum("AttributeSortField"), required=True,
                                description="Sort attributes by the selected field.")


SORT_COLUMNS = {"NAME": "name", "SLUG": "slug", "VALUE_REQUIRED": "value_required",
                "IS_VARIANT_ONLY": "is_variant_only",
                "VISIBLE_IN_STOREFRONT": "visible_in_storefront",
                "FILTERABLE_IN_STOREFRONT": "filterable_in_storefront",
                "FILTERABLE_IN_DASHBOARD": "filterable_in_dashboard",
                "STOREFRONT_SEARCH_POSITION": "storefront_search_position", "DASHBOARD_VARIANT_POSITION": "pk",
                "DASHBOARD_PRODUCT_POSITION": "pk"}
BOOLEAN_FILTERS = ("value_required", "is_variant_only", "visible_in_storefront", "filterable_in_storefront",
                   "available_in_grid", "filterable_in_dashboard")


def attribute_filter_q(data) -> Q:
    if not data:
        return Q()
    q = metadata_list_q(data.get("metadata"))
    for name in BOOLEAN_FILTERS:
        if data.get(name) is not None:
            q &= Q(**{name: data[name]})
    if data.get("search"):
        q &= Q(name__icontains=data["search"]) | Q(slug__icontains=data["search"])
    if data.get("ids") is not None:
        q &= Q(pk__in=decode_ids(data["ids"], "Attribute"))
    if data.get("type") is not None:
        q &= Q(type="page-type" if getattr(data["type"], "name", data["type"]) == "PAGE_TYPE" else "product-type")
    if data.get("slugs") is not None:
        q &= Q(slug__in=data["slugs"])
    if data.get("in_category"):
        q &= in_category_q(data["in_category"])
    if data.get("in_collection"):
        q &= in_collection_q(data["in_collection"])
    return q


class Queries(graphene.ObjectType):
    attributes = graphene.Field(
        AttributeCountableConnection,
        filter=graphene.Argument(AttributeFilterInput, description="Filtering options for attributes.",
                                 deprecation_reason="Use `where` filter instead."),
        where=graphene.Argument(AttributeWhereInput, description="Where filtering options for attributes."),
        search=graphene.Argument(graphene.String, description="Search attributes."),
        sort_by=graphene.Argument(AttributeSortingInput, description="Sorting options for attributes."),
        channel=graphene.Argument(graphene.String, description="Slug of a channel for which the data should be "
                                                               "returned."),
        **connection_args(),
        description="List of the shop's attributes.")
    attribute = graphene.Field(
        Attribute,
        id=graphene.Argument(graphene.ID, description="ID of the attribute."),
        slug=graphene.Argument(graphene.String, description="Slug of the attribute."),
        external_reference=graphene.Argument(graphene.String, description="External ID of the attribute."),
        description="Look up an attribute by ID, slug or external reference.")

    @staticmethod
    def resolve_attributes(_root, info, filter=None, where=None, search=None, sort_by=None, channel=None, **kwargs):
        attributes = attributes_visible(include_hidden=can_manage_products(info))
        q = attribute_filter_q(filter) & attribute_where_q(where)
        if search:
            q &= Q(name__icontains=search) | Q(slug__icontains=search)
        attributes = attributes.filter(pk__in=attributes.filter(q).values("pk"))
        if sort_by:
            column = SORT_COLUMNS.get(getattr(sort_by["field"], "name", sort_by["field"]), "slug")
            descending = getattr(sort_by["direction"], "name", sort_by["direction"]) == "DESC"
            attributes = attributes.order_by(f"-{column}" if descending else column, "pk")
        else:
            attributes = attributes.order_by("storefront_search_position", "slug", "pk")
        return connection_from_queryset(attributes, info, kwargs, AttributeCountableConnection)

    @staticmethod
    def resolve_attribute(_root, info, id=None, slug=None, external_reference=None):
        name, value = check_one_of(id=id, slug=slug, external_reference=external_reference)
        attributes = attributes_visible(include_hidden=can_manage_products(info))
        if name == "id":
            return attributes.filter(pk=decode_id(value, "Attribute")).first()
        return attributes.filter(**{name: value}).first()


class Mutations(graphene.ObjectType):
    pass
