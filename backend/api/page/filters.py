"""Filter and sort inputs of `pages` and `pageTypes`, with Saleor's names, and how they narrow a queryset.

The shared inputs (StringFilterInput, GlobalIDFilterInput, MetadataFilter...) come from backend.api.core.filter_inputs.
AssignedAttributeWhereInput belongs to the attribute domain: its definition wins when it exists (shared.graphql_type).
"""

import graphene
from django.db.models import Q, QuerySet
from graphql import GraphQLError

from backend.api.core.enums import OrderDirection, saleor_enum
from backend.api.core.filter_inputs import (
    GlobalIDFilterInput,
    MetadataFilter,
    MetadataFilterInput,
    StringFilterInput,
    metadata_filter_q,
    metadata_list_q,
    string_filter_q,
)
from backend.api.page.shared import decode_id, decode_ids, graphql_type


class AssignedAttributeValueInputFallback(graphene.InputObjectType):
    slug = graphene.InputField(StringFilterInput,
                               description="Filter by slug assigned to AttributeValue.")
    name = graphene.InputField(StringFilterInput,
                               description="Filter by name assigned to AttributeValue.")
    boolean = graphene.Boolean(description="Filter by boolean value for attributes of boolean type.")

    class Meta:
        name = "AssignedAttributeValueInput"


class AssignedAttributeWhereInputFallback(graphene.InputObjectType):
    slug = graphene.String(description="Filter by attribute slug.")
    value = graphene.InputField(graphql_type("AssignedAttributeValueInput", AssignedAttributeValueInputFallback),
                                description="Filter by value of the attribute. Only one value input field is allowed. "
                                "If provided more than one, the error will be raised.")

    class Meta:
        name = "AssignedAttributeWhereInput"


AssignedAttributeWhereInput = graphql_type("AssignedAttributeWhereInput", AssignedAttributeWhereInputFallback)


class PageWhereInput(graphene.InputObjectType):
    metadata = graphene.InputField(MetadataFilterInput, description="Filter by metadata fields.")
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slug = graphene.InputField(StringFilterInput, description="Filter by page slug.")
    page_type = graphene.InputField(GlobalIDFilterInput, description="Filter by page type.")
    attributes = graphene.List(graphene.NonNull(AssignedAttributeWhereInput),
                               description="Filter by attributes associated with the page.")
    AND = graphene.List(graphene.NonNull(lambda: PageWhereInput), description="List of conditions that must be met.")
    OR = graphene.List(graphene.NonNull(lambda: PageWhereInput),
                       description="A list of conditions of which at least one must be met.")

    class Meta:
        description = "Where filtering options for pages."


class PageFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    page_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


PageSortField = saleor_enum("PageSortField")
PageTypeSortField = saleor_enum("PageTypeSortField")


class PageSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True,
                               description="Specifies the direction in which to sort pages.")
    field = graphene.Field(PageSortField, required=True, description="Sort pages by the selected field.")


class PageTypeSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True,
                               description="Specifies the direction in which to sort page types.")
    field = graphene.Field(PageTypeSortField, required=True, description="Sort page types by the selected field.")


class PageTypeFilterInput(graphene.InputObjectType):
    search = graphene.String()
    slugs = graphene.List(graphene.NonNull(graphene.String))


PAGE_ORDERINGS = {
    "TITLE": ["title", "slug"],
    "SLUG": ["slug"],
    "VISIBILITY": ["is_published", "slug"],
    "CREATION_DATE": ["created_at", "slug"],
    "CREATED_AT": ["created_at", "slug"],
    "PUBLICATION_DATE": ["published_at", "slug"],
    "PUBLISHED_AT": ["published_at", "slug"],
    "RANK": ["sort_order", "slug"],  # pages have no ranked search: the editorial order stands in
}
PAGE_TYPE_ORDERINGS = {"NAME": ["name", "slug"], "SLUG": ["slug"]}


def ordering(sort_by, orderings: dict[str, list[str]], default: list[str]) -> list[str]:
    if not sort_by:
        return default
    field = getattr(sort_by["field"], "value", sort_by["field"])
    descending = getattr(sort_by["direction"], "value", sort_by["direction"]) == "DESC"
    return [f"-{name}" if descending else name for name in orderings[field]] + ["pk"]


def _attribute_q(condition) -> Q:
    slug, value = condition.get("slug"), condition.get("value") or {}
    given = [name for name, v in value.items() if v is not None]
    if len(given) > 1:
        raise GraphQLError("Only one value input field is allowed for an attribute filter.")
    q = Q()
    if slug:
        q &= Q(attributevalues__value__attribute__slug=slug)
    if value.get("slug") is not None:
        q &= string_filter_q("attributevalues__value__slug", value["slug"])
    if value.get("name") is not None:
        q &= string_filter_q("attributevalues__value__name", value["name"])
    if value.get("boolean") is not None:
        q &= Q(attributevalues__value__boolean=value["boolean"])
    unsupported = set(given) - {"slug", "name", "boolean"}
    if unsupported:
        raise GraphQLError(f"Filtering pages by attribute '{sorted(unsupported)[0]}' values is not supported.")
    return q


def where_q(where) -> Q:
    q = Q()
    if where.get("ids") is not None:
        q &= Q(pk__in=decode_ids(where["ids"], "Page"))
    if where.get("slug") is not None:
        q &= string_filter_q("slug", where["slug"])
    if where.get("page_type") is not None:
        page_type = where["page_type"]
        if page_type.get("eq") is not None:
            q &= Q(page_type_id=decode_id(page_type["eq"], "PageType"))
        if page_type.get("one_of") is not None:
            q &= Q(page_type_id__in=decode_ids(page_type["one_of"], "PageType"))
    if where.get("metadata") is not None:
        q &= metadata_filter_q(where["metadata"])
    for condition in where.get("attributes") or ():
        q &= Q(pk__in=_page_ids(_attribute_q(condition)))
    for sub in where.get("AND") or ():
        q &= where_q(sub)
    if where.get("OR"):
        any_of = Q(pk__in=[])
        for sub in where["OR"]:
            any_of |= where_q(sub)
        q &= any_of
    return q


def _page_ids(q: Q):
    from backend.commerce.page.models import Page

    return Page.objects.filter(q).values("pk")


def search_q(text: str) -> Q:
    return Q(title__icontains=text) | Q(slug__icontains=text) | Q(seo_title__icontains=text)


def filter_pages(queryset: QuerySet, *, filter=None, where=None, search=None) -> QuerySet:
    filter = filter or {}
    search = search if search is not None else filter.get("search")
    if search:
        queryset = queryset.filter(search_q(search))
    if filter.get("ids") is not None:
        queryset = queryset.filter(pk__in=decode_ids(filter["ids"], "Page"))
    if filter.get("slugs") is not None:
        queryset = queryset.filter(slug__in=filter["slugs"])
    if filter.get("page_types") is not None:
        queryset = queryset.filter(page_type_id__in=decode_ids(filter["page_types"], "PageType"))
    queryset = queryset.filter(metadata_list_q(filter.get("metadata")))
    if where:
        queryset = queryset.filter(where_q(where))
    return queryset
