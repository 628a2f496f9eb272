"""A small closed distribution day: hub Le Quesnoy, two producers, a relay point at Bavay, a home at Jolimetz."""

from dataclasses import dataclass

import pytest

from tests.logistics.app import builders


@dataclass
class SmallDay:
    day: object
    slot: object
    farm: object
    orchard: object
    pickup_order: object
    home_order: object
    van: object
    courier: object


@pytest.fixture
def small_day(db, settings):
    settings.LOGISTICS_PLANNING_SECONDS = 0.5
    day = builders.day()
    slot = builders.pickup_point()
    farm = builders.place("Ferme de Gommegnies", "59265")
    orchard = builders.place("Vergers de Beaudignies", "59057")
    cheese = builders.product_at(farm, chilled=True)
    apples = builders.product_at(orchard, weight="5.000")
    courier = builders.courier("livreur@example.fr")
    van = builders.vehicle(courier=courier)
    pickup_order = builders.order(items=[(cheese, 2), (apples, 3)], slot=slot)
    home_order = builders.order(items=[(apples, 1)], home_insee="59325")
    return SmallDay(day, slot, farm, orchard, pickup_order, home_order, van, courier)
