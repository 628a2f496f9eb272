"""The back-office catalogue scope: what a caller may manage. Staff with MANAGE_PRODUCTS start with everything; the
`catalogue_scope` filter hook lets a plugin narrow it or give one to its own users (a producer's members manage their
own products and the stock of their own warehouses). No scope means refused: deny by default."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from backend.commerce.product.models import Product
from backend.commerce.warehouse.models import Warehouse
from backend.core.permissions import PermissionEnum, has_one_of_permissions
from backend.core.plugins import get_plugin_manager


def _nothing(*_args, **_kwargs) -> None:
    return None


@dataclass(frozen=True)
class CatalogueScope:
    products: QuerySet  # products the caller may change
    warehouses: QuerySet  # warehouses whose stock the caller may set
    # called inside the writing transaction; may raise a ValidationError to refuse (nothing is written then)
    on_product_created: Callable[[Product], None] = field(default=_nothing)
    on_stock_set: Callable[[object, Warehouse], None] = field(default=_nothing)
    full: bool = False  # staff scope: may see every product and warehouse


def catalogue_scope(user) -> CatalogueScope | None:
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    base = None
    if getattr(user, "is_staff", False) and has_one_of_permissions(user, [PermissionEnum.MANAGE_PRODUCTS]):
        base = CatalogueScope(products=Product.objects.all(), warehouses=Warehouse.objects.all(), full=True)
    return get_plugin_manager().filter("catalogue_scope", base, user=user)
