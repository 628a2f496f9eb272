"""Admin of the reference territory. Every page credits the data sources (SiteSettings.data_sources_credit)."""

from django.contrib import admin

from backend.commerce.site.models import SiteSettings
from backend.commerce.territory.models import Commune, PublicPlace
from backend.core.admin import register_remaining_models


class CreditsSourcesMixin:
    """Puts the sources' credit line on the list and form pages (template admin/territory/*.html)."""

    def _credit(self, extra_context):
        return {**(extra_context or {}), "data_sources_credit": SiteSettings.load().data_sources_credit}

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, self._credit(extra_context))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, self._credit(extra_context))


class PublicPlaceInline(admin.TabularInline):
    model = PublicPlace
    extra = 0
    fields = ("kind", "name", "address", "location_doubtful", "note")
    show_change_link = True


@admin.register(Commune)
class CommuneAdmin(CreditsSourcesMixin, admin.ModelAdmin):
    list_display = ("name", "insee", "postcodes_display", "population", "is_bourg_centre", "latitude", "longitude")
    list_filter = ("is_bourg_centre",)
    search_fields = ("name", "insee", "slug")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [PublicPlaceInline]

    @admin.display(description="codes postaux")
    def postcodes_display(self, obj: Commune) -> str:
        return ", ".join(obj.postcodes)


@admin.register(PublicPlace)
class PublicPlaceAdmin(CreditsSourcesMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "commune", "postcode", "has_coordinates", "location_doubtful")
    list_filter = ("kind", "location_doubtful", "commune__is_bourg_centre")
    search_fields = ("name", "source_id", "commune__name", "address")
    list_select_related = ("commune",)
    autocomplete_fields = ("commune",)

    @admin.display(description="coordonnées", boolean=True)
    def has_coordinates(self, obj: PublicPlace) -> bool:
        return obj.latitude is not None and obj.longitude is not None


register_remaining_models("territory")
