from django.contrib import admin

from backend.commerce.attribute.models import (
    Attribute,
    AttributeTranslation,
    AttributeValue,
    AttributeValueTranslation,
)
from backend.core.admin import column, register_remaining_models, titled_filter


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
    list_display = ("name", "slug", column("type", "usage"), column("input_type", "saisie"),
                    column("is_variant_only", "variantes seulement", boolean=True),
                    column("visible_in_storefront", "visible en boutique", boolean=True),
                    column("filterable_in_storefront", "filtre en boutique", boolean=True))
    list_filter = (("type", titled_filter("usage")), ("input_type", titled_filter("saisie")))
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [AttributeValueInline, AttributeTranslationInline]


@admin.register(AttributeValue)
class AttributeValueAdmin(admin.ModelAdmin):
    list_display = ("name", column("attribute", "attribut"), "slug", column("sort_order", "ordre"))
    list_filter = (("attribute", titled_filter("attribut")),)
    search_fields = ("name", "slug", "attribute__name")
    list_select_related = ("attribute",)
    autocomplete_fields = ("attribute",)
    inlines = [AttributeValueTranslationInline]


register_remaining_models("attribute", inline_only=(AttributeTranslation, AttributeValueTranslation))
