"""Who reads an order in full: its customer, staff holding MANAGE_ORDERS, and the buyer in the answer of
checkoutComplete. Anybody else holding the order's ID reads it with personal data anonymised, as Saleor does."""

from backend.core.permissions import PermissionEnum, has_one_of_permissions


def viewer_of(info):
    return getattr(info.context, "user", None)


def can_manage_orders(info) -> bool:
    context = info.context
    cached = getattr(context, "_can_manage_orders", None)
    if cached is None:
        viewer = viewer_of(info)
        cached = bool(viewer and viewer.is_authenticated and viewer.is_staff
                      and has_one_of_permissions(viewer, [PermissionEnum.MANAGE_ORDERS]))
        context._can_manage_orders = cached
    return cached


def has_full_access(order, info) -> bool:
    viewer = viewer_of(info)
    if viewer is not None and viewer.is_authenticated and order.user_id == viewer.pk:
        return True
    if order.pk in getattr(info.context, "_placed_order_ids", ()):
        return True
    return can_manage_orders(info)


def obfuscate_email(email: str) -> str:
    """'lea.martin@example.fr' -> 'l...@example.fr', as Saleor anonymises it."""
    if "@" not in (email or ""):
        return email and email[:1] + "..."
    local, domain = email.split("@", 1)
    return f"{local[:1]}...@{domain}"


def _obfuscate(text: str) -> str:
    return f"{text[:1]}..." if text else ""


def anonymised_address(address):
    if address is None:
        return None
    from backend.commerce.account.models import Address as AddressModel

    copy = AddressModel(pk=address.pk, city=address.city, postal_code=address.postal_code, country=address.country,
                        country_area=address.country_area, city_area=address.city_area,
                        company_name=address.company_name)
    copy.first_name, copy.last_name = _obfuscate(address.first_name), _obfuscate(address.last_name)
    copy.street_address_1, copy.street_address_2 = _obfuscate(address.street_address_1), ""
    copy.phone = _obfuscate(address.phone or "")
    return copy
