"""Menu, MenuItem and MenuItemTranslation with Saleor 3.24's fields.

A menu is served for a channel (collections are published per channel), so menus and items travel wrapped in a
`MenuContext(node, channel)`; a collection is handed to the catalogue's type in its ChannelContext. Items link a
category, a collection, a page or a plain URL; what the caller may not see (an unpublished page or collection)
resolves to null, as in Saleor.
"""

from dataclasses import dataclass

import graphene

from backend.api.channel.context import ChannelContext
from backend.api.core.connection import CountableConnection
from backend.api.core.dataloaders import then
from backend.api.core.enums import LanguageCodeEnum
from backend.api.core.types import ObjectWithMetadata
from backend.api.menu import dataloaders as loaders
from backend.api.page.dataloaders import PageByIdLoader
from backend.api.page.shared import can_manage_pages, is_french, is_published_now, user_of
from backend.api.page.types import Page, TranslationRoot, language_display, translation_root
from backend.api.product.types.categories import Category
from backend.api.product.types.collections import Collection
from backend.core.permissions import PermissionEnum, has_one_of_permissions

COLLECTION_STAFF = [PermissionEnum.MANAGE_ORDERS, PermissionEnum.MANAGE_DISCOUNTS, PermissionEnum.MANAGE_PRODUCTS]


@dataclass(frozen=True)
class MenuContext:
    node: object
    channel: object  # a Channel, or None when the shop has no channel yet


class MenuItemTranslation(graphene.ObjectType):
    language = graphene.Field("backend.api.core.types.LanguageDisplay", required=True,
                              description="Translation language.")
    name = graphene.String(required=True, description="Translated menu item name.")

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root: TranslationRoot, _info):
        return root.key

    @staticmethod
    def resolve_language(root: TranslationRoot, _info):
        return language_display(root.language_code)

    @staticmethod
    def resolve_name(root: TranslationRoot, _info):
        return root.fields["name"]


def _node_metadata(interface_resolver):
    return staticmethod(lambda root, info, **kwargs: interface_resolver(root.node, info, **kwargs))


class _ContextMetadata:
    """ObjectWithMetadata's resolvers read the wrapped model."""

    resolve_metadata = _node_metadata(ObjectWithMetadata.resolve_metadata)
    resolve_metafield = _node_metadata(ObjectWithMetadata.resolve_metafield)
    resolve_metafields = _node_metadata(ObjectWithMetadata.resolve_metafields)
    resolve_private_metadata = _node_metadata(ObjectWithMetadata.resolve_private_metadata)
    resolve_private_metafield = _node_metadata(ObjectWithMetadata.resolve_private_metafield)
    resolve_private_metafields = _node_metadata(ObjectWithMetadata.resolve_private_metafields)


class MenuItem(_ContextMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="The name of the menu item.")
    menu = graphene.Field(lambda: Menu, required=True, description="Represents the menu to which the menu item "
                          "belongs.")
    parent = graphene.Field(lambda: MenuItem, description="ID of parent menu item. If empty, menu will be top level "
                            "menu.")
    category = graphene.Field(Category,
                              description="Category associated with the menu item.")
    collection = graphene.Field(Collection,
                                description="A collection associated with this menu item. Requires one of the "
                                "following permissions to include the unpublished items: MANAGE_ORDERS, "
                                "MANAGE_DISCOUNTS, MANAGE_PRODUCTS.")
    page = graphene.Field(Page, description="A page associated with this menu item. Requires one of the following "
                          "permissions to include unpublished items: MANAGE_PAGES.")
    level = graphene.Int(required=True, description="Indicates the position of the menu item within the menu "
                         "structure.")
    children = graphene.List(graphene.NonNull(lambda: MenuItem),
                             description="Represents the child items of the current menu item.")
    url = graphene.String(description="URL to the menu item.")
    translation = graphene.Field(
        MenuItemTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True,
                                        description="A language code to return the translation for menu item."),
        description="Returns translated menu item fields for the given language code.",
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "Represents a single item of the related menu. Can store categories, collection or pages."

    @staticmethod
    def resolve_id(root: MenuContext, _info):
        return root.node.pk

    @staticmethod
    def resolve_name(root: MenuContext, _info):
        return root.node.name

    @staticmethod
    def resolve_level(root: MenuContext, _info):
        return root.node.level

    @staticmethod
    def resolve_url(root: MenuContext, _info):
        return root.node.url or None

    @staticmethod
    def resolve_menu(root: MenuContext, info):
        menu = loaders.MenuByIdLoader(info.context).load(root.node.menu_id)
        return then(menu, lambda found: MenuContext(found, root.channel))

    @staticmethod
    def resolve_parent(root: MenuContext, info):
        if root.node.parent_id is None:
            return None
        parent = loaders.MenuItemByIdLoader(info.context).load(root.node.parent_id)
        return then(parent, lambda found: MenuContext(found, root.channel) if found else None)

    @staticmethod
    def resolve_children(root: MenuContext, info):
        items = loaders.ItemsByMenuIdLoader(info.context).load(root.node.menu_id)
        return then(items, lambda found: [MenuContext(item, root.channel) for item in found
                                          if item.parent_id == root.node.pk])

    @staticmethod
    def resolve_category(root: MenuContext, info):
        if root.node.category_id is None:
            return None
        return loaders.CategoryByIdLoader(info.context).load(root.node.category_id)

    @staticmethod
    def resolve_collection(root: MenuContext, info):
        collection_id = root.node.collection_id
        if collection_id is None:
            return None
        if has_one_of_permissions(user_of(info), COLLECTION_STAFF):
            found = loaders.CollectionByIdLoader(info.context).load(collection_id)
        elif root.channel is None:
            return None
        else:
            found = loaders.PublishedCollectionLoader(info.context).load((collection_id, root.channel.pk))
        return then(found, lambda collection: ChannelContext(collection, root.channel) if collection else None)

    @staticmethod
    def resolve_page(root: MenuContext, info):
        if root.node.page_id is None:
            return None
        page = PageByIdLoader(info.context).load(root.node.page_id)
        staff = can_manage_pages(info)
        return then(page, lambda found: found if found and (staff or is_published_now(found)) else None)

    @staticmethod
    def resolve_translation(root: MenuContext, info, language_code):
        item = root.node
        if is_french(language_code):
            return translation_root("MenuItemTranslation", item, [], language_code, ("name",))
        rows = loaders.MenuItemTranslationsByItemIdLoader(info.context).load(item.pk)
        return then(rows, lambda found: translation_root("MenuItemTranslation", item, found, language_code,
                                                         ("name",)))


class Menu(_ContextMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="The name of the menu.")
    slug = graphene.String(required=True, description="Slug of the menu.")
    items = graphene.List(graphene.NonNull(MenuItem), description="Menu items associated with this menu.")

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "Represents a single menu - an object that is used to help navigate through the store."

    @staticmethod
    def resolve_id(root: MenuContext, _info):
        return root.node.pk

    @staticmethod
    def resolve_name(root: MenuContext, _info):
        return root.node.name

    @staticmethod
    def resolve_slug(root: MenuContext, _info):
        return root.node.slug

    @staticmethod
    def resolve_items(root: MenuContext, info):
        items = loaders.ItemsByMenuIdLoader(info.context).load(root.node.pk)
        return then(items, lambda found: [MenuContext(item, root.channel) for item in found if item.parent_id is None])


class MenuCountableConnection(CountableConnection):
    class Meta:
        node = Menu


class MenuItemCountableConnection(CountableConnection):
    class Meta:
        node = MenuItem
