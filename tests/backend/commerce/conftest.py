"""Fixtures of the commerce tests: a channel, three real communes, a delivery zone, pickup points, sellable goods."""

from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories


def make_commune(insee, name, postcode):
    from backend.commerce.territory.models import Commune

    commune, _ = Commune.objects.get_or_create(
        insee=insee, defaults={"name": name, "slug": name.lower().replace(" ", "-"), "postcodes": [postcode],
                               "population": 1000, "latitude": Decimal("50.2"), "longitude": Decimal("3.7")})
    return commune


def sellable(name=None, *, price="12.50", stock=10, rate="5.5", wh=None, weight="0.500", chan=None):
    """A published product on sale now, with one variant and `stock` units: returns the variant."""
    from backend.commerce.product.models import ProductChannelListing

    product = factories.product(name, price=price, stock=stock, rate=rate, wh=wh, weight=weight, chan=chan)
    ProductChannelListing.objects.filter(product=product).update(available_for_purchase_at=timezone.now())
    return product.default_variant


@pytest.fixture
def channel():
    chan = factories.channel()
    chan.reservation_minutes_anonymous = None
    chan.reservation_minutes_authenticated = None
    chan.save()
    return chan


@pytest.fixture
def communes():
    return {
        "le-quesnoy": make_commune("59481", "Le Quesnoy", "59530"),
        "bavay": make_commune("59053", "Bavay", "59570"),
        "landrecies": make_commune("59331", "Landrecies", "59550"),
    }


@pytest.fixture
def zone(channel, communes):
    """Home delivery serves Le Quesnoy and Bavay (not Landrecies): 4,90 € up to 10 kg, 9,90 € from 10 to 30 kg."""
    from backend.commerce.shipping.models import (
        ShippingMethod,
        ShippingMethodChannelListing,
        ShippingMethodType,
        ShippingZone,
    )

    zone = ShippingZone.objects.create(name="Tournée du Quesnoy", countries=["FR"])
    zone.communes.add(communes["le-quesnoy"], communes["bavay"])
    zone.channels.add(channel)
    weight = ShippingMethodType.WEIGHT
    light = ShippingMethod.objects.create(
        shipping_zone=zone, name="Livraison à domicile", type=weight, minimum_order_weight=Decimal("0"),
        maximum_order_weight=Decimal("10"), minimum_delivery_days=1, maximum_delivery_days=3, delivery_weekdays=[2, 5])
    heavy = ShippingMethod.objects.create(
        shipping_zone=zone, name="Livraison lourde", type=weight, minimum_order_weight=Decimal("10"),
        maximum_order_weight=Decimal("30"))
    ShippingMethodChannelListing.objects.create(shipping_method=light, channel=channel, price_amount=Decimal("4.90"))
    ShippingMethodChannelListing.objects.create(shipping_method=heavy, channel=channel, price_amount=Decimal("9.90"))
    return {"zone": zone, "light": light, "heavy": heavy}


@pytest.fixture
def pickup_point(communes):
    """The main pickup point of Le Quesnoy: serves goods from every producer (ALL)."""
    from backend.commerce.warehouse.models import WarehouseClickAndCollectOption

    point = factories.warehouse("Point retrait Le Quesnoy", commune=communes["le-quesnoy"])
    point.click_and_collect_option = WarehouseClickAndCollectOption.ALL_WAREHOUSES
    point.is_private = False
    point.opening_hours = [{"day": 2, "open": "16:00", "close": "19:00"}, {"day": 5, "open": "09:00",
                                                                           "close": "12:30"}]
    point.save()
    return point


@pytest.fixture
def farm():
    return factories.warehouse("Ferme du Bocage")


@pytest.fixture
def cheese(channel, farm):
    return sellable("Maroilles AOP", price="12.50", stock=10, rate="5.5", wh=farm)


@pytest.fixture
def beer(channel, farm):
    return sellable("Bière de Mormal", price="3.90", stock=24, rate="20", wh=farm, weight="0.800")


HOME = {"first_name": "Léa", "last_name": "Martin", "street_address_1": "3 rue de la Porte Fauroeulx",
        "city": "Le Quesnoy", "postal_code": "59530", "country": "FR", "phone": "+33327000000"}


@pytest.fixture
def home_address():
    return dict(HOME)


@pytest.fixture
def pickup_checkout(channel, cheese, pickup_point):
    """A cart ready to complete: two Maroilles, an e-mail, collected at Le Quesnoy, paid at pickup."""
    from backend.commerce.checkout import delivery, services

    checkout = services.checkout_create(channel=channel, email="lea@example.fr",
                                        lines=[services.LineInput(cheese.pk, 2)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=pickup_point.pk)
    return checkout
