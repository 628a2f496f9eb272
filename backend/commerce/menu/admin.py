from django.contrib import admin

from backend.commerce.menu.models import Menu, MenuItem, MenuItemTranslation
from backend.core.admin import column, register_remaining_models, titled_filter

LINK_FIELDS = ("parent", "category", "collection", "page")


class MenuItemInline(admin.TabularInline):
    model = MenuItem
    extra = 0
    fields = ("name", "parent", "sort_order", "url", "category", "collection", "page")
    raw_id_fields = LINK_FIELDS
    show_change_link = True


class MenuItemTranslationInline(admin.TabularInline):
    model = MenuItemTranslation
    extra = 0


@admin.register(Menu)
class MenuAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MenuItemInline]


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ("name", column("menu", "menu"), column("parent", "entrée parente"), column("level", "niveau"),
                    column("sort_order", "ordre"), "target")
    list_filter = (("menu", titled_filter("menu")), ("level", titled_filter("niveau")))
    search_fields = ("name",)
    list_select_related = ("menu", "parent", "category", "collection", "page")
    raw_id_fields = LINK_FIELDS
    inlines = [MenuItemTranslationInline]

    @admin.display(description="lien")
    def target(self, obj: MenuItem) -> str:
        return str(obj.category or obj.collection or obj.page or obj.url or "—")


register_remaining_models("menu", inline_only=(MenuItemTranslation,))
