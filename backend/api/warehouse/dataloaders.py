from backend.api.core.dataloaders import ByIdLoader, DataLoader, group_by
from backend.commerce.warehouse.models import ChannelWarehouse, Stock, Warehouse
from backend.commerce.warehouse.selectors import available_quantities_by_variant


class WarehouseByIdLoader(ByIdLoader):
    model = Warehouse


class StocksByVariantIdLoader(DataLoader):
    def batch_load(self, keys):
        grouped = group_by(Stock.objects.filter(product_variant_id__in=keys).order_by("pk"),
                           lambda stock: stock.product_variant_id)
        return [grouped.get(key, []) for key in keys]


class AvailableQuantityByVariantIdLoader(DataLoader):
    """Keys: (variant id, channel id or None). Units that can still be sold (stock minus allocations), summed over
    the channel's warehouses."""

    def batch_load(self, keys):
        results = {}
        for channel_id, group in group_by(keys, lambda key: key[1]).items():
            quantities = available_quantities_by_variant([key[0] for key in group], channel_id)
            for key in group:
                results[key] = quantities.get(key[0], 0)
        return [results[key] for key in keys]


class WarehousesByChannelIdLoader(DataLoader):
    def batch_load(self, keys):
        links = ChannelWarehouse.objects.filter(channel_id__in=keys).select_related("warehouse").order_by(
            "sort_order", "warehouse__slug")
        grouped = group_by(links, lambda link: link.channel_id)
        return [[link.warehouse for link in grouped.get(key, [])] for key in keys]
