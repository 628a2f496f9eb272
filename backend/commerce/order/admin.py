"""Orders in the admin are read-only: stock allocations, payments and events change only through the order
services (GraphQL), never by editing a row by hand."""

from django.contrib import admin

from backend.commerce.order.models import Order, OrderEvent, OrderLine
from backend.core.admin import euros, register_remaining_models


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class OrderLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OrderLine
    extra = 0
    fields = ("product_name", "variant_name", "product_sku", "quantity", "quantity_fulfilled",
              "unit_price_gross_amount", "total_price_gross_amount", "tax_rate")
    readonly_fields = fields


class OrderEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OrderEvent
    extra = 0
    fields = ("date", "type", "user")
    readonly_fields = fields


@admin.register(Order)
class OrderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("number", "created_at", "status", "user_email", "collection_point_name", "total",
                    "charge_status")
    list_filter = ("status", "charge_status", "authorize_status", "origin", "channel")
    search_fields = ("number", "user_email", "pickup_code", "external_reference")
    date_hierarchy = "created_at"
    list_select_related = ("channel",)
    inlines = [OrderLineInline, OrderEventInline]

    @admin.display(description="total TTC", ordering="total_gross_amount")
    def total(self, obj: Order) -> str:
        return euros(obj.total_gross_amount)


register_remaining_models("order", inline_only=(OrderLine, OrderEvent))
