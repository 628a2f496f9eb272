"""Request-scoped loaders of the producers' related fields (one query per kind, whatever the page size)."""

from backend.api.core.dataloaders import ByForeignKeyLoader, ByIdLoader, DataLoader
from backend.commerce.territory.models import Commune
from plugins.producers.models import Producer, ProducerPhoto, ProducerProduct, ProducerStatus, ProducerWarehouse


class ProducerByProductIdLoader(DataLoader):
    """The producer of each product, only when it is active (a suspended producer is not shown to the public)."""

    def batch_load(self, keys):
        links = (ProducerProduct.objects.filter(product_id__in=keys, producer__status=ProducerStatus.ACTIVE)
                 .select_related("producer"))
        owners = {link.product_id: link.producer for link in links}
        return [owners.get(key) for key in keys]


class CommuneByInseeLoader(ByIdLoader):
    model = Commune


class PhotosByProducerIdLoader(ByForeignKeyLoader):
    model = ProducerPhoto
    fk_field = "producer"


class WarehousesByProducerIdLoader(DataLoader):
    def batch_load(self, keys):
        grouped: dict = {}
        for link in (ProducerWarehouse.objects.filter(producer_id__in=keys)
                     .select_related("warehouse__address").order_by("warehouse__name")):
            grouped.setdefault(link.producer_id, []).append(link.warehouse)
        return [grouped.get(key, []) for key in keys]


class ProducerByIdLoader(ByIdLoader):
    model = Producer
