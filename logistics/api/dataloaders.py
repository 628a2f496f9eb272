"""Request-scoped loaders of the logistics types' related fields: one query per kind, whatever the list size."""

from backend.api.core.dataloaders import ByForeignKeyLoader, DataLoader, group_by
from logistics.models import Parcel, Round, Stop


class RoundsByDayLoader(ByForeignKeyLoader):
    model, fk_field = Round, "day"

    def queryset(self):
        return Round.objects.select_related("day", "vehicle", "courier__user").order_by("departure", "vehicle__name")


class StopsByRoundLoader(ByForeignKeyLoader):
    model, fk_field = Stop, "round"

    def queryset(self):
        return Stop.objects.order_by("position")


class ParcelsByStopLoader(DataLoader):
    """A collection stop's parcels to pick up, or a delivery stop's parcels to drop (key: (stop pk, kind))."""

    def batch_load(self, keys):
        collect = [pk for pk, kind in keys if kind == Stop.Kind.COLLECTION]
        drop = [pk for pk, kind in keys if kind != Stop.Kind.COLLECTION]
        parcels = list(Parcel.objects.filter(collection_stop__in=collect).select_related("order")) + list(
            Parcel.objects.filter(delivery_stop__in=drop).select_related("order"))
        by_collect = group_by([p for p in parcels if p.collection_stop_id in collect], lambda p: p.collection_stop_id)
        by_drop = group_by([p for p in parcels if p.delivery_stop_id in drop], lambda p: p.delivery_stop_id)
        return [(by_collect if kind == Stop.Kind.COLLECTION else by_drop).get(pk, []) for pk, kind in keys]
