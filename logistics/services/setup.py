"""The logistics side of the demo territory: hub at Le Quesnoy, pickup points from the demo's click-and-collect
warehouses with Friday slots, three vehicles, and the next Friday's distribution day. Idempotent."""

import datetime

from django.db import transaction
from django.utils import timezone

from backend.commerce.account.models import Address
from backend.commerce.territory.models import Commune
from backend.commerce.warehouse.models import Warehouse, WarehouseClickAndCollectOption
from logistics.models import DistributionDay, Hub, PickupPoint, PickupSlot, Vehicle

HUB_SLUG = "hub-le-quesnoy"
LE_QUESNOY = "59481"
VEHICLES = (  # name, ambient kg, chilled kg, crates, refrigerated, cents/km, g CO2/km
    ("Fourgon frigo", 700, 400, 60, True, 38, 260),
    ("Fourgon", 900, 0, 70, False, 32, 230),
    ("Voiture", 250, 0, 15, False, 22, 150),
)


def next_friday(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return today + datetime.timedelta(days=(4 - today.weekday()) % 7 or 7)


@transaction.atomic
def logistics_demo_setup(*, date: datetime.date | None = None, capacity: int = 20) -> DistributionDay:
    date = date or next_friday()
    hub_warehouse = Warehouse.objects.filter(slug=HUB_SLUG).first()
    if hub_warehouse is None:
        commune = Commune.objects.filter(insee=LE_QUESNOY).first()
        address = Address.objects.create(company_name="Hub du Comptoir", street_address_1="Zone d'activités",
                                         city="LE QUESNOY", postal_code="59530", commune_insee=LE_QUESNOY)
        hub_warehouse = Warehouse.objects.create(
            name="Hub du Comptoir — Le Quesnoy", slug=HUB_SLUG, address=address, commune=commune,
            latitude=commune.latitude if commune else 50.25066, longitude=commune.longitude if commune else 3.62397,
            metadata={"kind": "hub"})
    hub, _ = Hub.objects.get_or_create(warehouse=hub_warehouse)
    points = Warehouse.objects.exclude(click_and_collect_option=WarehouseClickAndCollectOption.DISABLED)
    for warehouse in points:
        kind = (PickupPoint.Kind.BOURG if warehouse.click_and_collect_option == WarehouseClickAndCollectOption
                .ALL_WAREHOUSES else PickupPoint.Kind.RELAY)
        point, _ = PickupPoint.objects.get_or_create(warehouse=warehouse, defaults={"kind": kind,
                                                                                     "default_capacity": capacity})
        PickupSlot.objects.get_or_create(pickup_point=point, date=date, start=datetime.time(16),
                                         defaults={"end": datetime.time(19), "capacity": point.default_capacity})
    for name, ambient, chilled, crates, cold, cost, co2 in VEHICLES:
        Vehicle.objects.get_or_create(name=name, defaults={
            "ambient_kg": ambient, "chilled_kg": chilled, "crates": crates, "refrigerated": cold,
            "cost_per_km_cents": cost, "co2_g_per_km": co2})
    day, _ = DistributionDay.objects.get_or_create(date=date, defaults={"hub": hub})
    return day
