"""Loaders of the checkout API. A cart's lines, prices, totals and problems are computed once per request
(`CheckoutInfoLoader`, 4 queries for the lines whatever their number), and every field reads from there."""

from functools import cached_property

from backend.api.core.dataloaders import ByForeignKeyLoader, ByIdLoader, DataLoader
from backend.commerce.account.models import User
from backend.commerce.checkout.pricing import checkout_totals
from backend.commerce.checkout.selectors import checkout_lines_info, checkout_problems, collection_points_for
from backend.commerce.payment.models import TransactionItem


class CheckoutInfo:
    def __init__(self, checkout):
        self.checkout = checkout
        # A cart just written by a service carries its lines and listings: pricing it costs no further query.
        self.lines_info = getattr(checkout, "lines_info_after_write", None)
        if self.lines_info is None:
            self.lines_info = checkout_lines_info(checkout, getattr(checkout, "lines_after_write", None),
                                                  found=getattr(checkout, "listings_after_write", None))
        self.totals = checkout_totals(checkout, self.lines_info)
        self.prices = {price.line_id: price for price in self.totals.lines}

    @cached_property
    def problems(self):
        return checkout_problems(self.checkout, self.lines_info)

    @cached_property
    def collection_points(self):
        return collection_points_for(self.checkout, self.lines_info)

    @cached_property
    def delivery_options(self):
        from backend.commerce.checkout.delivery import current_delivery_options

        return current_delivery_options(self.checkout, self.lines_info)


class CheckoutInfoLoader(DataLoader):
    """Keyed by Checkout instances (resolvers hold them already)."""

    def batch_load(self, keys):
        return [CheckoutInfo(checkout) for checkout in keys]


class UserByIdLoader(ByIdLoader):
    model = User


class TransactionsByCheckoutLoader(ByForeignKeyLoader):
    model = TransactionItem
    fk_field = "checkout"


class TransactionsByOrderLoader(ByForeignKeyLoader):
    model = TransactionItem
    fk_field = "order"
