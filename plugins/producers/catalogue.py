"""The producers' answer to the core's `catalogue_scope` hook.

- A member of an active producer manages its own products and the stock of its own warehouses; a product it
  creates becomes the producer's (in the same transaction).
- Staff with MANAGE_PRODUCTS keep every product, but stock set in a producer's warehouse gives an unowned product to
  that producer, and is refused when the product belongs to another producer (each product has exactly one producer).
- Anybody else gets nothing (the core then refuses).
"""

from dataclasses import replace

from django.core.exceptions import ValidationError

from backend.api.product.scope import CatalogueScope
from backend.commerce.product.models import Product
from backend.commerce.warehouse.models import Warehouse
from plugins.producers.models import ProducerMember, ProducerProduct, ProducerStatus, ProducerWarehouse


def _check_stock_owner(variant, warehouse) -> None:
    link = ProducerWarehouse.objects.filter(warehouse=warehouse).first()
    if link is None:
        return
    owner = ProducerProduct.objects.filter(product_id=variant.product_id).first()
    if owner is None:
        ProducerProduct.objects.create(product_id=variant.product_id, producer_id=link.producer_id)
    elif owner.producer_id != link.producer_id:
        raise ValidationError({"warehouse": ValidationError(
            "Ce produit appartient à un autre producteur : son stock ne peut pas être placé dans cet entrepôt.",
            code="INVALID")})


def member_scope(producer_id: int) -> CatalogueScope:
    def claim(product) -> None:
        ProducerProduct.objects.create(product=product, producer_id=producer_id)

    return CatalogueScope(
        products=Product.objects.filter(producer_link__producer_id=producer_id),
        warehouses=Warehouse.objects.filter(producer_link__producer_id=producer_id),
        on_product_created=claim, on_stock_set=_check_stock_owner)


def catalogue_scope(previous_value, user):
    if previous_value is not None:
        return replace(previous_value, on_stock_set=_check_stock_owner)
    member = (ProducerMember.objects.filter(user_id=user.pk, producer__status=ProducerStatus.ACTIVE)
              .values_list("producer_id", flat=True).first())
    return member_scope(member) if member is not None else None
