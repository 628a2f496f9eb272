from django.contrib import admin

from backend.commerce.tax.models import TaxClass
from backend.core.admin import register_remaining_models


@admin.register(TaxClass)
class TaxClassAdmin(admin.ModelAdmin):
    list_display = ("name", "rate")
    search_fields = ("name",)


register_remaining_models("tax")
