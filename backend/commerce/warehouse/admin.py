from django.contrib import admin
from django.db.models import Count

from backend.commerce.warehouse.models import ChannelWarehouse, Stock, Warehouse
from backend.core.admin import column, register_remaining_models, titled_filter


class StockInline(admin.TabularInline):
    model = Stock
    extra = 0
    fields = ("product_variant", "quantity", "quantity_allocated")
    raw_id_fields = ("product_variant",)


class ChannelWarehouseInline(admin.TabularInline):
    model = ChannelWarehouse
    extra = 0


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ("name", "commune", "kind", "is_private", "click_and_collect_option", "stock_lines", "is_demo")
    list_filter = ("click_and_collect_option", "is_private", "is_demo", "commune__is_bourg_centre")
    search_fields = ("name", "slug", "commune__name", "email", "external_reference")
    list_select_related = ("commune",)
    raw_id_fields = ("address",)
    autocomplete_fields = ("commune",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("id",)
    inlines = [ChannelWarehouseInline, StockInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(stock_line_count=Count("stocks"))

    @admin.display(description="genre")
    def kind(self, obj: Warehouse) -> str:
        return {"pickup_point": "Point de retrait", "producer": "Producteur"}.get(obj.metadata.get("kind"), "—")

    @admin.display(description="lignes de stock", ordering="stock_line_count")
    def stock_lines(self, obj: Warehouse) -> int:
        return obj.stock_line_count


@admin.register(Stock)
class StockAdmin(admin.ModelAdmin):
    list_display = (column("product_variant", "variante"), "product", column("warehouse", "entrepôt"), "quantity",
                    "quantity_allocated")
    list_filter = (("warehouse__is_private", titled_filter("entrepôt de producteur")),)
    search_fields = ("product_variant__sku", "product_variant__product__name", "warehouse__name")
    list_select_related = ("product_variant__product", "warehouse")
    raw_id_fields = ("product_variant", "warehouse")

    @admin.display(description="produit", ordering="product_variant__product__name")
    def product(self, obj: Stock) -> str:
        return obj.product_variant.product.name


register_remaining_models("warehouse", inline_only=(ChannelWarehouse,))
