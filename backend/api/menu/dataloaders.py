"""Batched loads for menus. A menu's items come in one query per menu batch; the tree is rebuilt in memory."""

from backend.api.core.dataloaders import ByForeignKeyLoader, ByIdLoader, DataLoader, group_by
from backend.api.page.shared import published_q
from backend.commerce.menu.models import Menu, MenuItem, MenuItemTranslation


class MenuByIdLoader(ByIdLoader):
    model = Menu


class MenuItemByIdLoader(ByIdLoader):
    model = MenuItem


class ItemsByMenuIdLoader(ByForeignKeyLoader):
    """Every item of each menu, all levels, in menu order (children are picked from this list)."""

    model = MenuItem
    fk_field = "menu"

    def queryset(self):
        return MenuItem.objects.order_by("sort_order", "pk")


class MenuItemTranslationsByItemIdLoader(ByForeignKeyLoader):
    model = MenuItemTranslation
    fk_field = "menu_item"


class CategoryByIdLoader(ByIdLoader):
    @property
    def model(self):
        from backend.commerce.product.models import Category

        return Category


class CollectionByIdLoader(ByIdLoader):
    @property
    def model(self):
        from backend.commerce.product.models import Collection

        return Collection


class PublishedCollectionLoader(DataLoader):
    """Key (collection id, channel id) -> the collection when it is published now in that channel, else None."""

    def batch_load(self, keys):
        from backend.commerce.product.models import Collection

        found = {}
        for channel_id, group in group_by(keys, lambda key: key[1]).items():
            ids = [collection_id for collection_id, _ in group]
            listed = Collection.objects.filter(
                published_q("channel_listings__"), pk__in=ids, channel_listings__channel_id=channel_id
            ).distinct()
            found.update({(collection.pk, channel_id): collection for collection in listed})
        return [found.get(key) for key in keys]
