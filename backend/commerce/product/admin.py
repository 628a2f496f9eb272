"""Catalogue admin: products with their variants, channel listings, photos and attribute values inline."""

from django.contrib import admin
from django.db.models import Count, Min, Sum
from django.utils.html import format_html

from backend.commerce.product.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Category,
    CategoryTranslation,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    CollectionTranslation,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    ProductVariantTranslation,
    VariantMedia,
)
from backend.commerce.warehouse.models import Stock
from backend.core.admin import column, euros, register_remaining_models, titled_filter

SEARCH_FIELDS_EXCLUDED = ("search_vector", "search_document", "search_index_dirty")


def _translation_inline(translation_model):
    return type(f"{translation_model.__name__}Inline", (admin.StackedInline,),
                {"model": translation_model, "extra": 0, "classes": ("collapse",)})


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", column("parent", "catégorie parente"), column("level", "niveau"), "product_count")
    list_filter = (("level", titled_filter("niveau")),)
    search_fields = ("name", "slug")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [_translation_inline(CategoryTranslation)]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(products_total=Count("products"))

    @admin.display(description="produits", ordering="products_total")
    def product_count(self, obj) -> int:
        return obj.products_total


@admin.register(ProductType)
class ProductTypeAdmin(admin.ModelAdmin):
    list_display = ("name", column("tax_class", "classe de TVA"), column("has_variants", "variantes", boolean=True),
                    column("is_shipping_required", "à livrer ou retirer", boolean=True))
    list_filter = (("tax_class", titled_filter("classe de TVA")),)
    search_fields = ("name", "slug")
    list_select_related = ("tax_class",)
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("product_attributes", "variant_attributes")


class ProductVariantInline(admin.TabularInline):
    model = ProductVariant
    extra = 0
    fields = ("sku", "name", "weight", "track_inventory", "sort_order")
    show_change_link = True


class ProductChannelListingInline(admin.TabularInline):
    model = ProductChannelListing
    extra = 0
    fields = ("channel", "is_published", "published_at", "visible_in_listings", "available_for_purchase_at",
              "discounted_price_amount")
    readonly_fields = ("discounted_price_amount",)


class ProductMediaInline(admin.TabularInline):
    model = ProductMedia
    extra = 0
    fields = ("preview", "image", "alt", "type", "external_url", "sort_order")
    readonly_fields = ("preview",)

    @admin.display(description="aperçu")
    def preview(self, obj: ProductMedia) -> str:
        if not obj.image:
            return "—"
        return format_html('<img src="{}" alt="{}" width="80" height="80" loading="lazy">', obj.image.url, obj.alt)


class AssignedProductAttributeValueInline(admin.TabularInline):
    model = AssignedProductAttributeValue
    extra = 0
    raw_id_fields = ("value",)
    verbose_name = "valeur d'attribut"
    verbose_name_plural = "valeurs d'attribut"


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", column("category", "catégorie"), column("product_type", "type de produit"), "price_from",
                    "variant_count", "is_demo", column("updated_at", "modifié le"))
    list_filter = (("product_type", titled_filter("type de produit")), ("category__parent", titled_filter("rayon")),
                   ("channel_listings__is_published", titled_filter("publié")))
    search_fields = ("name", "slug", "variants__sku", "external_reference")
    list_select_related = ("category", "product_type")
    autocomplete_fields = ("category", "product_type")
    raw_id_fields = ("default_variant", "tax_class")
    prepopulated_fields = {"slug": ("name",)}
    exclude = SEARCH_FIELDS_EXCLUDED
    readonly_fields = ("created_at", "updated_at")
    inlines = [ProductVariantInline, ProductChannelListingInline, ProductMediaInline,
               AssignedProductAttributeValueInline, _translation_inline(ProductTranslation)]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            lowest_price=Min("channel_listings__discounted_price_amount"), variants_total=Count("variants",
                                                                                                 distinct=True))

    @admin.display(description="prix TTC dès", ordering="lowest_price")
    def price_from(self, obj) -> str:
        return euros(obj.lowest_price)

    @admin.display(description="variantes", ordering="variants_total")
    def variant_count(self, obj) -> int:
        return obj.variants_total

    @admin.display(description="démo", boolean=True)
    def is_demo(self, obj) -> bool:
        return obj.metadata.get("demo") == "true"


class ProductVariantChannelListingInline(admin.TabularInline):
    model = ProductVariantChannelListing
    extra = 0
    fields = ("channel", "price_amount", "discounted_price_amount", "prior_price_amount", "cost_price_amount",
              "currency")


class StockInline(admin.TabularInline):
    model = Stock
    extra = 0
    fields = ("warehouse", "quantity", "quantity_allocated")
    raw_id_fields = ("warehouse",)


class AssignedVariantAttributeValueInline(admin.TabularInline):
    model = AssignedVariantAttributeValue
    extra = 0
    raw_id_fields = ("value",)
    verbose_name = "valeur d'attribut"
    verbose_name_plural = "valeurs d'attribut"


class VariantMediaInline(admin.TabularInline):
    model = VariantMedia
    extra = 0
    raw_id_fields = ("media",)
    verbose_name = "photo de la variante"
    verbose_name_plural = "photos de la variante"


@admin.register(ProductVariant)
class ProductVariantAdmin(admin.ModelAdmin):
    list_display = (column("sku", "référence (SKU)"), "name", column("product", "produit"), "weight", "price",
                    "stock_quantity")
    search_fields = ("sku", "name", "product__name")
    list_select_related = ("product",)
    raw_id_fields = ("product",)
    readonly_fields = ("created_at", "updated_at")
    inlines = [ProductVariantChannelListingInline, StockInline, AssignedVariantAttributeValueInline,
               VariantMediaInline, _translation_inline(ProductVariantTranslation)]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            lowest_price=Min("channel_listings__price_amount"), stock_total=Sum("stocks__quantity"))

    @admin.display(description="prix TTC", ordering="lowest_price")
    def price(self, obj) -> str:
        return euros(obj.lowest_price)

    @admin.display(description="stock", ordering="stock_total")
    def stock_quantity(self, obj) -> int:
        return obj.stock_total or 0


class CollectionProductInline(admin.TabularInline):
    model = CollectionProduct
    extra = 0
    raw_id_fields = ("product",)


class CollectionChannelListingInline(admin.TabularInline):
    model = CollectionChannelListing
    extra = 0


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "product_count")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [CollectionChannelListingInline, CollectionProductInline, _translation_inline(CollectionTranslation)]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(products_total=Count("collectionproduct"))

    @admin.display(description="produits", ordering="products_total")
    def product_count(self, obj) -> int:
        return obj.products_total


register_remaining_models("product", inline_only=(
    CategoryTranslation, ProductTranslation, ProductVariantTranslation, CollectionTranslation, ProductChannelListing,
    ProductVariantChannelListing, ProductMedia, VariantMedia, AssignedProductAttributeValue,
    AssignedVariantAttributeValue, CollectionProduct, CollectionChannelListing,
))
