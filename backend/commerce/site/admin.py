"""Shop settings (one row), and the admin-wide context: the "Données de démonstration" banner."""

from django.contrib import admin

from backend.commerce.site.models import SiteSettings
from backend.core.admin import register_remaining_models


def demo_data_loaded() -> bool:
    """Demo rows are marked: Warehouse.is_demo, Product.metadata {"demo": "true"} (see backend/demo)."""
    from backend.commerce.product.models import Product
    from backend.commerce.warehouse.models import Warehouse

    return Warehouse.objects.filter(is_demo=True).exists() or Product.objects.filter(metadata__demo="true").exists()


_default_each_context = admin.site.each_context


def _each_context(request):
    # The default AdminSite is kept (other apps register on it); its context gains the banner flag.
    context = _default_each_context(request)
    context["comptoir_demo_loaded"] = demo_data_loaded()
    return context


admin.site.each_context = _each_context


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    list_display = ("name", "domain", "company_name", "company_city", "include_taxes_in_prices")
    fieldsets = (
        ("Boutique", {"fields": ("name", "domain", "description", "header_text")}),
        ("Éditeur", {"fields": ("company_name", "company_street_address", "company_postal_code", "company_city")}),
        ("E-mails", {"fields": ("default_mail_sender_name", "default_mail_sender_address")}),
        ("Prix et stock", {"fields": ("include_taxes_in_prices", "display_gross_prices", "default_weight_unit",
                                      "track_inventory_by_default", "limit_quantity_per_checkout")}),
        ("Comptes", {"fields": ("enable_account_confirmation_by_email", "allow_login_without_confirmation")}),
        ("Sources des données", {"fields": ("data_sources_credit",)}),
    )

    def has_add_permission(self, request) -> bool:
        return not SiteSettings.objects.exists()  # a single row

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


register_remaining_models("site")
