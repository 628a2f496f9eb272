"""Loaders of the order API: one query per kind of related rows, whatever the number of orders or lines."""

from backend.api.core.dataloaders import ByForeignKeyLoader, ByIdLoader, DataLoader
from backend.commerce.discount.models import Voucher
from backend.commerce.order.models import Allocation, Fulfillment, FulfillmentLine, OrderEvent, OrderLine
from backend.commerce.shipping.models import ShippingMethod
from backend.commerce.tax.models import TaxClass


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


class AllocationsByOrderLineLoader(ByForeignKeyLoader):
    """Where each line's units are held (stock rows with their warehouse), one query for all the lines."""

    model = Allocation
    fk_field = "order_line"

    def queryset(self):
        return Allocation.objects.select_related("stock").order_by("pk")


class TaxClassByNameLoader(DataLoader):
    """A line keeps the name of its tax class (the names are unique): the class itself, or None once renamed."""

    def batch_load(self, keys):
        classes = {tax_class.name: tax_class for tax_class in TaxClass.objects.filter(name__in=keys)}
        return [classes.get(key) for key in keys]


class ShippingMethodByIdLoader(ByIdLoader):
    model = ShippingMethod
