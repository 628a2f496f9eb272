"""Small distribution days for the logistics app tests: real rows, demo commune coordinates around Le Quesnoy."""

import datetime
import itertools
from decimal import Decimal

from backend.commerce.account.models import Address
from backend.commerce.order.models import (
    PICKUP_CODE_ALPHABET,
    PICKUP_CODE_LENGTH,
    Allocation,
    Order,
    OrderLine,
    OrderStatus,
)
from backend.commerce.territory.models import Commune
from backend.commerce.warehouse.models import Stock, Warehouse, WarehouseClickAndCollectOption
from logistics.models import Courier, DistributionDay, Hub, PickupPoint, PickupSlot, SlotBooking, Vehicle
from tests import factories

DAY = datetime.date(2030, 5, 17)  # a Friday, far enough in the future for slots to be bookable
_codes = itertools.count(1)
COMMUNES = {  # INSEE, name, lat, lon (territory data)
    "59481": ("Le Quesnoy", 50.25066, 3.62397), "59265": ("Gommegnies", 50.26521, 3.70821),
    "59057": ("Beaudignies", 50.22940, 3.58540), "59053": ("Bavay", 50.29340, 3.80266),
    "59325": ("Jolimetz", 50.22937, 3.67743), "59331": ("Landrecies", 50.12012, 3.68896),
}


def commune(insee: str) -> Commune:
    name, lat, lon = COMMUNES[insee]
    obj, _ = Commune.objects.get_or_create(insee=insee, defaults={
        "name": name, "slug": name.lower().replace(" ", "-"), "postcodes": ["59530"], "population": 1000,
        "latitude": Decimal(str(lat)), "longitude": Decimal(str(lon))})
    return obj


def place(name: str, insee: str, *, pickup: bool = False, metadata=None) -> Warehouse:
    wh = factories.warehouse(name, commune=commune(insee))
    _, lat, lon = COMMUNES[insee]
    wh.latitude, wh.longitude = Decimal(str(lat)), Decimal(str(lon))
    wh.metadata = metadata or {"kind": "pickup_point" if pickup else "producer"}
    if pickup:
        wh.click_and_collect_option = WarehouseClickAndCollectOption.ALL_WAREHOUSES
    wh.save()
    return wh


def hub() -> Hub:
    return Hub.objects.create(warehouse=place("Hub Le Quesnoy", "59481"))


def day(*, date=DAY, status=DistributionDay.Status.CLOSED) -> DistributionDay:
    found = Hub.objects.first() or hub()
    return DistributionDay.objects.create(date=date, hub=found, status=status)


def pickup_point(name="Relais Bavay", insee="59053", *, capacity=20, date=DAY) -> PickupSlot:
    point = PickupPoint.objects.create(warehouse=place(name, insee, pickup=True), default_capacity=capacity)
    return PickupSlot.objects.create(pickup_point=point, date=date, start=datetime.time(16), end=datetime.time(19),
                                     capacity=capacity)


def vehicle(name="Fourgon frigo", *, refrigerated=True, courier=None) -> Vehicle:
    return Vehicle.objects.create(name=name, ambient_kg=600, chilled_kg=300 if refrigerated else 0, crates=40,
                                  refrigerated=refrigerated, cost_per_km_cents=35, co2_g_per_km=220,
                                  default_courier=courier)


def courier(email=None) -> Courier:
    return Courier.objects.create(user=factories.user(email))


def _pickup_code(n: int) -> str:
    """A valid, unique code (the order alphabet has no 0/O/1/I), written in base 32 with that alphabet."""
    digits = []
    for _ in range(PICKUP_CODE_LENGTH):
        n, rest = divmod(n, len(PICKUP_CODE_ALPHABET))
        digits.append(PICKUP_CODE_ALPHABET[rest])
    return "".join(reversed(digits))


def order(*, items, slot: PickupSlot | None = None, home_insee: str | None = None, paid=True,
          status=OrderStatus.UNFULFILLED, user=None) -> Order:
    """An order placed before the day: `items` is [(product, quantity)], each allocated from its only stock."""
    total = sum(Decimal("12.50") * q for _, q in items)
    shipping = None
    if home_insee:
        commune(home_insee)
        shipping = Address.objects.create(first_name="Jeanne", last_name="Dupont", street_address_1="3 rue Haute",
                                          city=COMMUNES[home_insee][0], postal_code="59530",
                                          commune_insee=home_insee)
    created = order_obj = Order.objects.create(
        channel=factories.channel(), user=user, user_email="jeanne@example.fr", status=status,
        collection_point=slot.pickup_point.warehouse if slot else None,
        collection_point_name=slot.pickup_point.warehouse.name if slot else "", shipping_address=shipping,
        pickup_code=_pickup_code(next(_codes)) if slot else "",
        total_gross_amount=total, total_net_amount=total, total_charged_amount=total if paid else 0,
        checkout_token=f"cart-{next(_codes)}",
        created_at=datetime.datetime(2030, 5, 15, 10, tzinfo=datetime.UTC))
    for product, quantity in items:
        variant = product.default_variant
        line = OrderLine.objects.create(order=created, variant=variant, product_name=product.name,
                                        quantity=quantity, tax_rate=Decimal("5.5"),
                                        unit_price_gross_amount=Decimal("12.50"))
        stock = Stock.objects.get(product_variant=variant)
        Allocation.objects.create(order_line=line, stock=stock, quantity_allocated=quantity)
        Stock.objects.filter(pk=stock.pk).update(quantity_allocated=stock.quantity_allocated + quantity)
    if slot:
        SlotBooking.objects.create(slot=slot, checkout_token=created.checkout_token, order=created)
        PickupSlot.objects.filter(pk=slot.pk).update(booked=slot.booked + 1)
    return order_obj


def product_at(warehouse: Warehouse, *, weight="2.000", chilled=False, stock=50):
    product = factories.product(wh=warehouse, weight=weight, stock=stock)
    if chilled:
        product.metadata = {"chilled": "true"}
        product.save(update_fields=["metadata"])
    return product
