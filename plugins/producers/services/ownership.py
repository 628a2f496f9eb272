"""What a producer owns: its warehouses (and so their stock) and its products (exactly one producer each)."""

from django.db import IntegrityError, transaction

from plugins.producers.error_codes import ProducerErrorCode as Code
from plugins.producers.models import Producer, ProducerProduct, ProducerWarehouse
from plugins.producers.services.producers import error


def producer_warehouse_attach(*, producer: Producer, warehouse) -> ProducerWarehouse:
    link = ProducerWarehouse.objects.filter(warehouse=warehouse).first()
    if link is not None and link.producer_id != producer.pk:
        raise error("warehouse", "Cet entrepôt appartient déjà à un autre producteur.", Code.UNIQUE)
    return link or ProducerWarehouse.objects.create(warehouse=warehouse, producer=producer)


def producer_product_assign(*, producer: Producer, product) -> ProducerProduct:
    """Give a product its producer; a product already owned by another producer is refused (never moved silently)."""
    link = ProducerProduct.objects.filter(product=product).first()
    if link is not None:
        if link.producer_id != producer.pk:
            raise error("product", "Ce produit appartient à un autre producteur.", Code.PERMISSION_DENIED)
        return link
    try:
        with transaction.atomic():
            return ProducerProduct.objects.create(product=product, producer=producer)
    except IntegrityError:
        raise error("product", "Ce produit appartient à un autre producteur.", Code.PERMISSION_DENIED) from None


def producer_product_transfer(*, product, producer: Producer) -> ProducerProduct:
    """Staff only: hand a product to another producer (e.g. after a takeover of the farm)."""
    link, _ = ProducerProduct.objects.update_or_create(product=product, defaults={"producer": producer})
    return link
