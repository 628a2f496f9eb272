"""Root fields of the menu domain: menu, menus, menuItem (Saleor 3.24 signatures)."""

import graphene
from django.db.models import Count, Q
from graphql import GraphQLError

from backend.api.channel.context import resolve_channel
from backend.api.core.connection import connection_args, connection_from_queryset
from backend.api.core.enums import OrderDirection, saleor_enum
from backend.api.core.filter_inputs import MetadataFilter, metadata_list_q
from backend.api.menu.types import Menu, MenuContext, MenuCountableConnection, MenuItem, MenuItemCountableConnection
from backend.api.page.shared import decode_id
from backend.commerce.menu.models import Menu as MenuModel
from backend.commerce.menu.models import MenuItem as MenuItemModel

CHANNEL_DESCRIPTION = "Slug of a channel for which the data should be returned."
MenuSortField = saleor_enum("MenuSortField")
MenuItemsSortField = saleor_enum("MenuItemsSortField")


class MenuSortingInput(graphene.InputObjectType):
    direction = graphene.InputField(OrderDirection, required=True,
                                    description="Specifies the direction in which to sort menus.")
    field = graphene.InputField(MenuSortField, required=True, description="Sort menus by the selected field.")


class MenuFilterInput(graphene.InputObjectType):
    search = graphene.String()
    slug = graphene.List(graphene.NonNull(graphene.String))
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class MenuItemSortingInput(graphene.InputObjectType):
    direction = graphene.InputField(OrderDirection, required=True,
                                    description="Specifies the direction in which to sort menu items.")
    field = graphene.InputField(MenuItemsSortField, required=True, description="Sort menu items by the selected field.")


class MenuItemFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))


def _menu_ordering(sort_by) -> list[str]:
    if not sort_by:
        return ["pk"]
    field = getattr(sort_by["field"], "value", sort_by["field"])
    descending = getattr(sort_by["direction"], "value", sort_by["direction"]) == "DESC"
    names = ["name", "slug"] if field == "NAME" else ["items_count", "name"]
    return [f"-{name}" if descending else name for name in names] + ["pk"]


def _filter_menus(menus, menu_filter):
    menu_filter = menu_filter or {}
    if menu_filter.get("search"):
        text = menu_filter["search"]
        menus = menus.filter(Q(name__icontains=text) | Q(slug__icontains=text))
    slugs = [*(menu_filter.get("slug") or ()), *(menu_filter.get("slugs") or ())]
    if menu_filter.get("slug") is not None or menu_filter.get("slugs") is not None:
        menus = menus.filter(slug__in=slugs)
    for item in menu_filter.get("metadata") or ():
        value = item.get("value")
        menus = menus.filter(**({"metadata__contains": {item["key"]: value}} if value is not None
                                else {"metadata__has_key": item["key"]}))
    return menus


class Queries(graphene.ObjectType):
    menu = graphene.Field(
        Menu,
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        id=graphene.Argument(graphene.ID, description="ID of the menu."),
        name=graphene.String(description="The menu's name."),
        slug=graphene.String(description="The menu's slug."),
        description="Look up a navigation menu by ID or name.",
    )
    menus = graphene.Field(
        MenuCountableConnection,
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        sort_by=graphene.Argument(MenuSortingInput, description="Sort menus."),
        filter=graphene.Argument(MenuFilterInput, description="Filtering options for menus.\n\n`slug`: Use `slugs` "
                                 "instead."),
        **connection_args(),
        description="List of the storefront's menus.",
    )
    menu_items = graphene.Field(
        MenuItemCountableConnection,
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        sort_by=graphene.Argument(MenuItemSortingInput, description="Sort menus items."),
        filter=graphene.Argument(MenuItemFilterInput, description="Filtering options for menu items."),
        **connection_args(),
        description="List of the storefronts's menu items.",
    )
    menu_item = graphene.Field(
        MenuItem,
        id=graphene.Argument(graphene.ID, required=True, description="ID of the menu item."),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="Look up a menu item by ID.",
    )

    @staticmethod
    def resolve_menu(_root, info, channel=None, id=None, name=None, slug=None):
        given = [arg for arg, value in (("id", id), ("name", name), ("slug", slug)) if value]
        if len(given) != 1:
            raise GraphQLError("Exactly one of the arguments 'id', 'name' or 'slug' is required.")
        channel = resolve_channel(info, channel)
        if id:
            lookup = {"pk": decode_id(id, "Menu")}
        else:
            lookup = {"name": name} if name else {"slug": slug}
        menu = MenuModel.objects.filter(**lookup).order_by("pk").first()
        return MenuContext(menu, channel) if menu else None

    @staticmethod
    def resolve_menus(_root, info, channel=None, sort_by=None, filter=None, **args):
        channel = resolve_channel(info, channel)
        menus = _filter_menus(MenuModel.objects.all(), filter)
        if sort_by and getattr(sort_by["field"], "value", sort_by["field"]) == "ITEMS_COUNT":
            menus = menus.annotate(items_count=Count("items"))
        menus = menus.order_by(*_menu_ordering(sort_by))
        return connection_from_queryset(menus, info, args, MenuCountableConnection,
                                        wrap=lambda menu: MenuContext(menu, channel))

    @staticmethod
    def resolve_menu_items(_root, info, channel=None, sort_by=None, filter=None, **args):
        channel = resolve_channel(info, channel)
        items = MenuItemModel.objects.all()
        if filter and filter.get("search"):
            items = items.filter(name__icontains=filter["search"])
        if filter:
            items = items.filter(metadata_list_q(filter.get("metadata")))
        descending = bool(sort_by) and getattr(sort_by["direction"], "value", sort_by["direction"]) == "DESC"
        items = items.order_by(*(["-name", "-pk"] if descending else ["name", "pk"]) if sort_by
                               else ["menu_id", "level", "sort_order", "pk"])
        return connection_from_queryset(items, info, args, MenuItemCountableConnection,
                                        wrap=lambda item: MenuContext(item, channel))

    @staticmethod
    def resolve_menu_item(_root, info, id, channel=None):
        channel = resolve_channel(info, channel)
        item = MenuItemModel.objects.filter(pk=decode_id(id, "MenuItem")).first()
        return MenuContext(item, channel) if item else None


class Mutations(graphene.ObjectType):
    pass
