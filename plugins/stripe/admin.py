from django.contrib import admin

from plugins.stripe.models import StripeWebhookEvent


@admin.register(StripeWebhookEvent)
class StripeWebhookEventAdmin(admin.ModelAdmin):
    list_display = ("event_id", "type", "received_at", "outcome")
    search_fields = ("event_id", "outcome")
    list_filter = ("type",)
    readonly_fields = ("event_id", "type", "received_at", "outcome")

    def has_add_permission(self, request):
        return False
