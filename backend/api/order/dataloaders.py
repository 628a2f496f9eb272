"""Loaders of the order API: one query per kind of related rows, whatever the number of orders or lines."""

from backend.api.core.dataloaders import ByForeignKeyLoader, ByIdLoader, DataLoader
from backend.commerce.discount.models import Voucher
from backend.commerce.order.models import Fulfillment, FulfillmentLine, OrderEvent, OrderLine


class LinesByOrderLoader(ByForeignKeyLoader):
    model = OrderLine
    fk_field = "order"

    def batch_load(self, keys):
        values = super().batch_load(keys)
        by_id = OrderLineByIdLoader(self.context)
        for lines in values:
            for line in lines:
                by_id.prime(line.pk, line)
        return values


class OrderLineByIdLoader(DataLoader):
    """Lines reached without their order (e.g. FulfillmentLine.orderLine) carry its channel for their variant."""

    def batch_load(self, keys):
        lines = OrderLine.objects.select_related("order__channel").in_bulk(keys)
        for line in lines.values():
            line._channel_id = line.order.channel_id
        return [lines.get(key) for key in keys]


class FulfillmentsByOrderLoader(ByForeignKeyLoader):
    model = Fulfillment
    fk_field = "order"


class FulfillmentLinesByFulfillmentLoader(ByForeignKeyLoader):
    model = FulfillmentLine
    fk_field = "fulfillment"


class EventsByOrderLoader(ByForeignKeyLoader):
    model = OrderEvent
    fk_field = "order"


class VoucherByIdLoader(ByIdLoader):
    model = Voucher
