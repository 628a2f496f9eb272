"""Batched loads for pages: one query per kind of relation, however many pages a response holds."""

from backend.api.core.dataloaders import ByForeignKeyLoader, ByIdLoader, DataLoader, group_by
from backend.commerce.page.models import AssignedPageAttributeValue, Page, PageTranslation, PageType


class PageByIdLoader(ByIdLoader):
    model = Page


class PageTypeByIdLoader(ByIdLoader):
    model = PageType


class PageTranslationsByPageIdLoader(ByForeignKeyLoader):
    model = PageTranslation
    fk_field = "page"


class AttributesByPageTypeIdLoader(DataLoader):
    """The attributes of each page type, in the attributes' own order."""

    def batch_load(self, keys):
        through = PageType.attributes.through
        rows = through.objects.filter(pagetype_id__in=keys).select_related("attribute").order_by(
            "attribute__storefront_search_position", "attribute__slug")
        grouped = group_by(rows, lambda row: row.pagetype_id)
        return [[row.attribute for row in grouped.get(key, [])] for key in keys]


class AssignedValuesByPageIdLoader(DataLoader):
    """The attribute values assigned to each page, with their attribute, in assignment order."""

    def batch_load(self, keys):
        rows = (AssignedPageAttributeValue.objects.filter(page_id__in=keys)
                .select_related("value__attribute").order_by("sort_order", "pk"))
        grouped = group_by(rows, lambda row: row.page_id)
        return [[row.value for row in grouped.get(key, [])] for key in keys]


class PageTypeHasPagesLoader(DataLoader):
    def batch_load(self, keys):
        used = set(Page.objects.filter(page_type_id__in=keys).values_list("page_type_id", flat=True).distinct())
        return [key in used for key in keys]
