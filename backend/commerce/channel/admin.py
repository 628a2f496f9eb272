from django.contrib import admin

from backend.commerce.channel.models import Channel
from backend.core.admin import register_remaining_models


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "currency_code", "default_country", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


register_remaining_models("channel")
