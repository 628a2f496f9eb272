from django.contrib import admin

from backend.commerce.page.models import AssignedPageAttributeValue, Page, PageTranslation, PageType
from backend.core.admin import column, register_remaining_models, titled_filter


class PageTranslationInline(admin.StackedInline):
    model = PageTranslation
    extra = 0
    classes = ("collapse",)


class AssignedPageAttributeValueInline(admin.TabularInline):
    model = AssignedPageAttributeValue
    extra = 0
    raw_id_fields = ("value",)
    verbose_name = "valeur d'attribut"
    verbose_name_plural = "valeurs d'attribut"


@admin.register(PageType)
class PageTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("attributes",)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", column("page_type", "type de page"), "is_published",
                    column("published_at", "publiée le"), column("sort_order", "ordre"))
    list_filter = (("page_type", titled_filter("type de page")), "is_published")
    search_fields = ("title", "slug")
    list_select_related = ("page_type",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = [AssignedPageAttributeValueInline, PageTranslationInline]


register_remaining_models("page", inline_only=(PageTranslation, AssignedPageAttributeValue))
