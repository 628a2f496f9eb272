"""Saleor's PermissionEnum, mapped to Django permissions declared on our models ("app_label.codename")."""

from enum import Enum


class PermissionEnum(str, Enum):
    MANAGE_USERS = "account.manage_users"
    MANAGE_STAFF = "account.manage_staff"
    IMPERSONATE_USER = "account.impersonate_user"
    MANAGE_APPS = "core.manage_apps"
    MANAGE_OBSERVABILITY = "core.manage_observability"
    MANAGE_CHANNELS = "channel.manage_channels"
    MANAGE_CHECKOUTS = "core.manage_checkouts"
    HANDLE_CHECKOUTS = "core.handle_checkouts"
    HANDLE_TAXES = "tax.handle_taxes"
    MANAGE_TAXES = "tax.manage_taxes"
    MANAGE_DISCOUNTS = "core.manage_discounts"
    MANAGE_GIFT_CARD = "core.manage_gift_card"
    MANAGE_MENUS = "menu.manage_menus"
    MANAGE_ORDERS = "core.manage_orders"
    MANAGE_ORDERS_IMPORT = "core.manage_orders_import"
    MANAGE_PAGES = "page.manage_pages"
    MANAGE_PAGE_TYPES_AND_ATTRIBUTES = "page.manage_page_types_and_attributes"
    HANDLE_PAYMENTS = "core.handle_payments"
    MANAGE_PLUGINS = "core.manage_plugins"
    MANAGE_PRODUCTS = "product.manage_products"
    MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES = "product.manage_product_types_and_attributes"
    MANAGE_SHIPPING = "core.manage_shipping"
    MANAGE_SETTINGS = "site.manage_settings"
    MANAGE_TRANSLATIONS = "site.manage_translations"

    @property
    def codename(self) -> str:
        return self.value.split(".", 1)[1]

    @property
    def app_label(self) -> str:
        return self.value.split(".", 1)[0]


def has_permissions(user, permissions) -> bool:
    """True when the user holds every permission listed; an empty list denies (deny by default)."""
    perms = list(permissions)
    if not perms or user is None or not getattr(user, "is_active", False):
        return False
    return all(user.has_perm(p.value if isinstance(p, PermissionEnum) else p) for p in perms)


def has_one_of_permissions(user, permissions) -> bool:
    perms = list(permissions)
    if not perms or user is None or not getattr(user, "is_active", False):
        return False
    return any(user.has_perm(p.value if isinstance(p, PermissionEnum) else p) for p in perms)
