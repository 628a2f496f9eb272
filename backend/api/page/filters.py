"""Filter and sort inputs of `pages` and `pageTypes`, with Saleor's names, and how they narrow a queryset.

The shared inputs come from backend.api.core.filter_inputs, AssignedAttributeWhereInput from the attribute domain, and
attribute values are matched by the catalogue's own rules (backend.api.product.filters.attribute_values_q).
"""

import graphene
from django.db.models import Exists, OuterRef, Q, QuerySet
from graphql import GraphQLError

from backend.api.attribute.inputs import AssignedAttributeWhereInput
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
from backend.api.page.shared import decode_id, decode_ids


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
    direction = graphene.InputField(OrderDirection, required=True,
                                    description="Specifies the direction in which to sort pages.")
    field = graphene.InputField(PageSortField, required=True, description="Sort pages by the selected field.")


class PageTypeSortingInput(graphene.InputObjectType):
    direction = graphene.InputField(OrderDirection, required=True,
                                    description="Specifies the direction in which to sort page types.")
    field = graphene.InputField(PageTypeSortField, required=True, description="Sort page types by the selected field.")


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
    """The page holds a value matching the condition (attribute slug and/or value filter)."""
    from backend.api.product.filters import attribute_values_q
    from backend.commerce.attribute.models import AttributeValue
    from backend.commerce.page.models import AssignedPageAttributeValue

    slug, value = condition.get("slug"), condition.get("value")
    if not slug and not value:
        raise GraphQLError("Each attribute filter needs a 'slug' or a 'value'.")
    if value and len([name for name, given in value.items() if given is not None]) > 1:
        raise GraphQLError("Only one value input field is allowed for an attribute filter.")
    matching = attribute_values_q(slug, value)
    values = AttributeValue.objects.filter(pk__in=matching) if isinstance(matching, list) else \
        AttributeValue.objects.filter(matching)
    return Q(Exists(AssignedPageAttributeValue.objects.filter(page_id=OuterRef("pk"),
                                                              value_id__in=values.values("pk"))))


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
        q &= _attribute_q(condition)
    for sub in where.get("AND") or ():
        q &= where_q(sub)
    if where.get("OR"):
        any_of = Q(pk__in=[])
        for sub in where["OR"]:
            any_of |= where_q(sub)
        q &= any_of
    return q


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
