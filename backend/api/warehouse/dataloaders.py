from backend.api.core.dataloaders import ByIdLoader, DataLoader, group_by
from backend.commerce.warehouse.models import Stock, Warehouse
from backend.commerce.warehouse.selectors import available_quantities_by_variant


class WarehouseByIdLoader(ByIdLoader):
    model = Warehouse


class StocksByVariantIdLoader(DataLoader):
    def batch_load(self, keys):
        grouped = group_by(Stock.objects.filter(product_variant_id__in=keys).order_by("pk"),
                           lambda stock: stock.product_variant_id)
        return [grouped.get(key, []) for key in keys]


class AvailableQuantityByVariantIdLoader(DataLoader):
    """Units that can still be sold, summed over every warehouse (stock minus allocations)."""

    def batch_load(self, keys):
        quantities = available_quantities_by_variant(keys)
        return [quantities.get(key, 0) for key in keys]
