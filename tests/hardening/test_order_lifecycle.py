"""A Hypothesis state machine over the cart and order life cycle, through the commerce services: add, update, remove,
reservation expiry, complete, pay, fail, refund, cancel, fulfil. After every step: stock never negative, each stock's
quantity_allocated is the sum of the allocations of open orders, order totals add up, charged <= total unless the
order is marked overcharged."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.checkout.models import Checkout, Reservation
from backend.commerce.order import services as order_services
from backend.commerce.order.fulfillment import FulfillLineInput, order_fulfill
from backend.commerce.order.models import OPEN_ORDER_STATUSES, Allocation, Order
from backend.commerce.payment.services import transaction_create, transaction_event_record
from backend.commerce.warehouse.models import Stock, WarehouseClickAndCollectOption
from tests import factories
from tests.backend.commerce.conftest import make_commune, sellable

OPEN = [s.value for s in OPEN_ORDER_STATUSES]
REACHED = Counter()  # steps that changed something, over the whole run: the machine must reach the late states


class OrderLifecycle(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # Each example runs in its own savepoint, rolled back in teardown: examples do not see each other.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.channel = factories.channel()
        self.channel.reservation_minutes_anonymous = 20
        self.channel.save()
        commune = make_commune("59481", "Le Quesnoy", "59530")
        self.point = factories.warehouse("Point retrait Le Quesnoy", commune=commune)
        self.point.click_and_collect_option = WarehouseClickAndCollectOption.ALL_WAREHOUSES
        self.point.is_private = False
        self.point.save()
        farm = factories.warehouse("Ferme du Bocage")
        self.variants = [sellable("Maroilles AOP", stock=5, wh=farm, chan=self.channel),
                         sellable("Bière de Mormal", price="3.90", rate="20", stock=6, wh=farm, chan=self.channel)]
        self.carts, self.orders, self.seq = [], [], 0

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # --- carts ---
    @precondition(lambda self: len(self.carts) < 3)
    @rule()
    def new_cart(self):
        self.seq += 1
        self.carts.append(services.checkout_create(channel=self.channel, email=f"client{self.seq}@exemple.fr").pk)

    @precondition(lambda self: self.carts)
    @rule(cart=st.integers(0, 2), variant=st.integers(0, 1), quantity=st.integers(1, 4))
    def add(self, cart, variant, quantity):
        token = self.carts[cart % len(self.carts)]
        try:
            services.checkout_lines_add(checkout_token=token,
                                        lines=[services.LineInput(self.variants[variant].pk, quantity)])
        except ValidationError:
            pass  # not enough stock: refused, nothing held

    @precondition(lambda self: self.carts)
    @rule(cart=st.integers(0, 2), quantity=st.integers(0, 5))
    def update(self, cart, quantity):
        checkout = Checkout.objects.get(pk=self.carts[cart % len(self.carts)])
        line = checkout.lines.first()
        if line is None:
            return
        try:
            services.checkout_lines_update(checkout_token=checkout.pk,
                                           lines=[services.LineUpdateInput(line.pk, quantity)])
        except ValidationError:
            pass

    @precondition(lambda self: self.carts)
    @rule(cart=st.integers(0, 2))
    def remove(self, cart):
        checkout = Checkout.objects.get(pk=self.carts[cart % len(self.carts)])
        line = checkout.lines.first()
        if line is not None:
            services.checkout_lines_delete(checkout_token=checkout.pk, line_ids=[line.pk])

    @rule()
    def reservations_expire(self):
        Reservation.objects.update(reserved_until=timezone.now() - timedelta(minutes=1))

    @precondition(lambda self: self.carts)
    @rule(cart=st.integers(0, 2))
    def complete(self, cart):
        token = self.carts[cart % len(self.carts)]
        try:
            delivery.checkout_delivery_method_update(checkout_token=token, collection_point_id=self.point.pk)
            order = checkout_complete(checkout_token=token).order
        except ValidationError:
            return  # empty cart, stock gone since the cart was filled...: refused, the cart stays
        self.carts.remove(token)
        self.orders.append(order.pk)
        REACHED["complete"] += 1

    # --- orders ---
    def _order(self, index) -> Order:
        return Order.objects.get(pk=self.orders[index % len(self.orders)])

    def _event(self, order, type, amount):
        self.seq += 1
        item, _ = transaction_create(order=order, name="Paiement test", app_identifier="tests.hardening")
        transaction_event_record(transaction_token=item.pk, type=type, amount=amount, psp_reference=f"psp-{self.seq}")

    @precondition(lambda self: self.orders)
    @rule(order=st.integers(0, 5), share=st.sampled_from([Decimal("0.5"), Decimal("1"), Decimal("1.2")]))
    def pay(self, order, share):
        order = self._order(order)
        self._event(order, "CHARGE_SUCCESS", (order.total_gross_amount * share).quantize(Decimal("0.01")))
        REACHED["pay"] += 1

    @precondition(lambda self: self.orders)
    @rule(order=st.integers(0, 5))
    def payment_fails(self, order):
        order = self._order(order)
        self._event(order, "CHARGE_FAILURE", order.total_gross_amount)

    @precondition(lambda self: self.orders)
    @rule(order=st.integers(0, 5))
    def refund(self, order):
        order = self._order(order)
        if order.total_charged_amount <= 0:  # a refund follows a charge: charge first
            self._event(order, "CHARGE_SUCCESS", order.total_gross_amount)
            order.refresh_from_db()
        if order.total_charged_amount > 0:
            self._event(order, "REFUND_SUCCESS", order.total_charged_amount)
            REACHED["refund"] += 1

    @precondition(lambda self: self.orders)
    @rule(order=st.integers(0, 5))
    def cancel(self, order):
        try:
            order_services.order_cancel(order_id=self._order(order).pk)
            REACHED["cancel"] += 1
        except ValidationError:
            pass  # fulfilled: cannot be cancelled

    @precondition(lambda self: self.orders)
    @rule(order=st.integers(0, 5))
    def fulfil(self, order):
        order = self._order(order)
        lines = [FulfillLineInput(line.pk, allocation.stock.warehouse_id, allocation.quantity_allocated)
                 for line in order.lines.all() for allocation in line.allocations.select_related("stock")
                 if allocation.quantity_allocated]
        if not lines:
            return
        try:
            order_fulfill(order_id=order.pk, lines=lines)
            REACHED["fulfil"] += 1
        except ValidationError:
            pass

    # --- invariants ---
    @invariant()
    def stock_never_negative(self):
        assert not Stock.objects.filter(quantity__lt=0).exists()
        assert not Stock.objects.filter(quantity_allocated__lt=0).exists()

    @invariant()
    def allocations_match_open_orders(self):
        for stock in Stock.objects.all():
            open_sum = Allocation.objects.filter(stock=stock, order_line__order__status__in=OPEN).aggregate(
                total=Sum("quantity_allocated"))["total"] or 0
            closed = Allocation.objects.filter(stock=stock, quantity_allocated__gt=0).exclude(
                order_line__order__status__in=OPEN).count()
            assert (stock.quantity_allocated, closed) == (open_sum, 0), stock.pk

    @invariant()
    def totals_add_up(self):
        for order in Order.objects.prefetch_related("lines"):
            lines = sum((line.total_price_gross_amount for line in order.lines.all()), Decimal(0))
            assert order.subtotal_gross_amount == lines
            assert order.total_gross_amount == (order.subtotal_gross_amount + order.shipping_price_gross_amount
                                                - order.discount_amount)
            assert order.total_net_amount <= order.total_gross_amount
            if order.charge_status != "OVERCHARGED":
                assert order.total_charged_amount <= order.total_gross_amount, order.charge_status


@pytest.mark.django_db
def test_cart_and_order_life_cycle_keeps_stock_allocations_and_totals_consistent():
    REACHED.clear()
    run_state_machine_as_test(OrderLifecycle, settings=settings(
        max_examples=25, stateful_step_count=20, deadline=None, derandomize=True, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
    assert sorted(step for step, count in REACHED.items() if count) == ["cancel", "complete", "fulfil", "pay",
                                                                         "refund"], REACHED
