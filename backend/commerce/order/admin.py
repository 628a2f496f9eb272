"""Orders in the admin are read-only: stock allocations, payments and events change only through the order
services (GraphQL), never by editing a row by hand."""

from django.contrib import admin

from backend.commerce.order.models import Order, OrderEvent, OrderLine
from backend.core.admin import column, euros, register_remaining_models, titled_filter


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
    list_display = ("number", column("created_at", "passée le"), column("status", "statut"),
                    column("user_email", "e-mail du client"), column("collection_point_name", "point de retrait"),
                    "total", column("charge_status", "paiement"))
    list_filter = (("status", titled_filter("statut")), ("charge_status", titled_filter("paiement")),
                   ("origin", titled_filter("origine")), ("channel", titled_filter("canal")))
    search_fields = ("number", "user_email", "pickup_code", "external_reference")
    date_hierarchy = "created_at"
    list_select_related = ("channel",)
    inlines = [OrderLineInline, OrderEventInline]

    @admin.display(description="total TTC", ordering="total_gross_amount")
    def total(self, obj: Order) -> str:
        return euros(obj.total_gross_amount)


register_remaining_models("order", inline_only=(OrderLine, OrderEvent))
