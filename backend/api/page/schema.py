"""Root fields of the page domain: page, pages, pageType, pageTypes (Saleor 3.24 signatures)."""

import graphene
from django.db.models import Q
from graphql import GraphQLError

from backend.api.channel.context import resolve_channel
from backend.api.core.connection import connection_args, connection_from_queryset
from backend.api.core.enums import LanguageCodeEnum
from backend.api.page import filters
from backend.api.page.shared import (
    can_manage_pages,
    decode_id,
    is_french,
    language_candidates,
    published_q,
)
from backend.api.page.types import Page, PageCountableConnection, PageType, PageTypeCountableConnection
from backend.commerce.page.models import Page as PageModel
from backend.commerce.page.models import PageType as PageTypeModel

CHANNEL_DESCRIPTION = "Slug of a channel for which the data should be returned."


def visible_pages(info):
    """Staff holding MANAGE_PAGES see every page; everybody else the pages published now."""
    pages = PageModel.objects.all()
    return pages if can_manage_pages(info) else pages.filter(published_q())


def one_of_id_or_slug(id, slug) -> None:
    if id and slug:
        raise GraphQLError("Argument 'id' cannot be combined with 'slug'")
    if not id and not slug:
        raise GraphQLError("At least one of arguments is required: 'id', 'slug'.")


class Queries(graphene.ObjectType):
    page = graphene.Field(
        Page,
        id=graphene.Argument(graphene.ID, description="ID of the page."),
        slug=graphene.String(description="The slug of the page."),
        slug_language_code=graphene.Argument(LanguageCodeEnum, description="Language code of the page slug, "
                                             "omit to use primary slug."),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="Look up a page by ID or slug.",
    )
    pages = graphene.Field(
        PageCountableConnection,
        sort_by=graphene.Argument(filters.PageSortingInput, description="Sort pages."),
        filter=graphene.Argument(filters.PageFilterInput, description="Filtering options for pages.",
                                 deprecation_reason="+ Use `where` and `search` instead."),
        search=graphene.String(description="Search pages. Overrides filter.search input."),
        where=graphene.Argument(filters.PageWhereInput, description="Where filtering options for pages."),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        **connection_args(),
        description="List of the shop's pages.",
    )
    page_type = graphene.Field(
        PageType,
        id=graphene.Argument(graphene.ID, required=True, description="ID of the page type."),
        description="Look up a page type by ID.",
    )
    page_types = graphene.Field(
        PageTypeCountableConnection,
        sort_by=graphene.Argument(filters.PageTypeSortingInput, description="Sort page types."),
        filter=graphene.Argument(filters.PageTypeFilterInput, description="Filtering options for page types."),
        **connection_args(),
        description="List of the page types.",
    )

    @staticmethod
    def resolve_page(_root, info, id=None, slug=None, slug_language_code=None, channel=None):
        one_of_id_or_slug(id, slug)
        if channel is not None:
            resolve_channel(info, channel)
        pages = visible_pages(info)
        if id:
            return pages.filter(pk=decode_id(id, "Page")).first()
        if slug_language_code and not is_french(slug_language_code):
            codes = language_candidates(slug_language_code)
            translated = pages.filter(translations__slug=slug, translations__language_code__in=codes).first()
            if translated is not None:
                return translated
        return pages.filter(slug=slug).first()

    @staticmethod
    def resolve_pages(_root, info, sort_by=None, filter=None, search=None, where=None, channel=None, **args):
        if channel is not None:
            resolve_channel(info, channel)
        pages = filters.filter_pages(visible_pages(info), filter=filter, where=where, search=search)
        pages = pages.order_by(*filters.ordering(sort_by, filters.PAGE_ORDERINGS, ["sort_order", "slug", "pk"]))
        return connection_from_queryset(pages, info, args, PageCountableConnection)

    @staticmethod
    def resolve_page_type(_root, _info, id):
        return PageTypeModel.objects.filter(pk=decode_id(id, "PageType")).first()

    @staticmethod
    def resolve_page_types(_root, info, sort_by=None, filter=None, **args):
        page_types = PageTypeModel.objects.all()
        filter = filter or {}
        if filter.get("search"):
            page_types = page_types.filter(Q(name__icontains=filter["search"]) | Q(slug__icontains=filter["search"]))
        if filter.get("slugs") is not None:
            page_types = page_types.filter(slug__in=filter["slugs"])
        page_types = page_types.order_by(*filters.ordering(sort_by, filters.PAGE_TYPE_ORDERINGS, ["slug", "pk"]))
        return connection_from_queryset(page_types, info, args, PageTypeCountableConnection)


class Mutations(graphene.ObjectType):
    pass
