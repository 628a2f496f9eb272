from django.contrib import admin

from backend.commerce.attribute.models import (
    Attribute,
    AttributeTranslation,
    AttributeValue,
    AttributeValueTranslation,
)
from backend.core.admin import register_remaining_models


class AttributeValueInline(admin.TabularInline):
    model = AttributeValue
    extra = 0
    fields = ("name", "slug", "value", "sort_order")
    prepopulated_fields = {"slug": ("name",)}
    show_change_link = True


class AttributeTranslationInline(admin.TabularInline):
    model = AttributeTranslation
    extra = 0


class AttributeValueTranslationInline(admin.TabularInline):
    model = AttributeValueTranslation
    extra = 0


@admin.register(Attribute)
class AttributeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "type", "input_type", "is_variant_only", "visible_in_storefront",
                    "filterable_in_storefront")
    list_filter = ("type", "input_type", "visible_in_storefront", "filterable_in_storefront")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [AttributeValueInline, AttributeTranslationInline]


@admin.register(AttributeValue)
class AttributeValueAdmin(admin.ModelAdmin):
    list_display = ("name", "attribute", "slug", "sort_order")
    list_filter = ("attribute",)
    search_fields = ("name", "slug", "attribute__name")
    list_select_related = ("attribute",)
    autocomplete_fields = ("attribute",)
    inlines = [AttributeValueTranslationInline]


register_remaining_models("attribute", inline_only=(AttributeTranslation, AttributeValueTranslation))
