"""Stock writes of the back-office: set the quantity a warehouse holds (never below what orders have reserved)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from backend.commerce.warehouse.models import Stock


def stock_set(*, variant, warehouse, quantity: int) -> Stock:
    """Set the physical quantity of a variant in a warehouse, creating the stock row if needed.

    The row is locked, so a checkout allocating at the same moment waits; the quantity cannot fall below the units
    already allocated to orders (they are promised)."""
    if quantity is None or quantity < 0:
        raise ValidationError({"quantity": ValidationError("La quantité en stock ne peut pas être négative.",
                                                           code="INVALID")})
    with transaction.atomic():
        stock, _ = Stock.objects.get_or_create(warehouse=warehouse, product_variant=variant)
        stock = Stock.objects.select_for_update().get(pk=stock.pk)
        if quantity < stock.quantity_allocated:
            raise ValidationError({"quantity": ValidationError(
                f"{stock.quantity_allocated} unité(s) sont déjà réservées par des commandes : le stock ne peut pas "
                "descendre en dessous.", code="INVALID")})
        stock.quantity = quantity
        stock.save(update_fields=["quantity"])
    return stock
