"""Loaders of the shipping API: one query per kind of related rows, whatever the number of channels or warehouses."""

from django.db.models import prefetch_related_objects

from backend.api.core.dataloaders import DataLoader, group_by
from backend.commerce.shipping.models import ShippingZone
from backend.commerce.shipping.selectors import listed_methods_by_country


class ListedMethodsByCountryLoader(DataLoader):
    """Keyed by channel id: {country code: [ListedMethod]}."""

    def batch_load(self, keys):
        found = listed_methods_by_country(list(keys))
        return [found[key] for key in keys]


class ShippingZonesByWarehouseIdLoader(DataLoader):
    """The zones each warehouse serves, by name; their methods, warehouses and channels come prefetched (the
    ShippingZone type reads them), so a page of warehouses costs four queries in all."""

    def batch_load(self, keys):
        links = list(ShippingZone.warehouses.through.objects.filter(warehouse_id__in=keys)
                     .select_related("shippingzone"))
        zones = {link.shippingzone_id: link.shippingzone for link in links}
        prefetch_related_objects(list(zones.values()), "shipping_methods", "warehouses", "channels")
        grouped = group_by(links, lambda link: link.warehouse_id)
        return [sorted((zones[link.shippingzone_id] for link in grouped.get(key, [])), key=lambda z: (z.name, z.pk))
                for key in keys]
