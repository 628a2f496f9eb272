"""Warehouse.shippingZones and Channel.availableShippingMethodsPerCountry, with their query counts."""

from decimal import Decimal

import pytest

from backend.commerce.checkout import delivery, services
from backend.commerce.shipping.models import ShippingMethod, ShippingMethodChannelListing, ShippingZone
from backend.core.ids import to_global_id
from backend.core.permissions import PermissionEnum
from tests import factories
from tests.backend.api.catalogue.conftest import UserClient
from tests.backend.api.contract_gaps.conftest import count_queries, fresh

ZONES = """query ($id: ID!) { warehouse(id: $id) { name shippingZones(first: 10) { totalCount
  edges { node { name countries { code } shippingMethods { name } warehouses { name } channels { slug } } } } } }"""


@pytest.fixture
def stock_manager(db):
    return factories.staff("stocks@comptoir-de-mormal.fr", permissions=[PermissionEnum.MANAGE_PRODUCTS])


@pytest.fixture
def bavay_round(channel, communes):
    """A second zone: a Bavay round priced 3,50 €, in France and Belgium (Bavay is on the border)."""
    zone = ShippingZone.objects.create(name="Tournée de Bavay", countries=["FR", "BE"])
    zone.communes.add(communes["bavay"])
    zone.channels.add(channel)
    method = ShippingMethod.objects.create(shipping_zone=zone, name="Tournée du jeudi", minimum_delivery_days=2)
    ShippingMethodChannelListing.objects.create(shipping_method=method, channel=channel, price_amount=Decimal("3.50"))
    ShippingMethod.objects.create(shipping_zone=zone, name="Sans prix sur ce comptoir")
    return zone


@pytest.mark.django_db
def test_staff_reads_the_zones_a_warehouse_serves(stock_manager, zone, bavay_round, farm, pickup_point):
    zone["zone"].warehouses.add(farm, pickup_point)
    bavay_round.warehouses.add(farm)

    body = UserClient(stock_manager).query(ZONES, {"id": to_global_id("Warehouse", farm.pk)})

    assert "errors" not in body
    assert body["data"]["warehouse"] == {"name": "Ferme du Bocage", "shippingZones": {"totalCount": 2, "edges": [
        {"node": {"name": "Tournée de Bavay", "countries": [{"code": "FR"}, {"code": "BE"}],
                  "shippingMethods": [{"name": "Tournée du jeudi"}, {"name": "Sans prix sur ce comptoir"}],
                  "warehouses": [{"name": "Ferme du Bocage"}], "channels": [{"slug": "comptoir-de-mormal"}]}},
        {"node": {"name": "Tournée du Quesnoy", "countries": [{"code": "FR"}],
                  "shippingMethods": [{"name": "Livraison à domicile"}, {"name": "Livraison lourde"}],
                  "warehouses": [{"name": "Ferme du Bocage"}, {"name": "Point retrait Le Quesnoy"}],
                  "channels": [{"slug": "comptoir-de-mormal"}]}},
    ]}}


@pytest.mark.django_db
def test_the_public_sees_a_pickup_points_zones_without_their_warehouses(api, channel, cheese, zone, farm,
                                                                        pickup_point):
    zone["zone"].warehouses.add(farm, pickup_point)
    cart = services.checkout_create(channel=channel, email="lea@example.fr", lines=[services.LineInput(cheese.pk, 1)])
    delivery.checkout_delivery_method_update(checkout_token=cart.pk, collection_point_id=pickup_point.pk)

    body = api.query("""query ($id: ID!) { checkout(id: $id) { deliveryMethod { ... on Warehouse { name
      shippingZones(first: 5) { edges { node { name warehouses { name } } } } } } } }""",
                     {"id": to_global_id("Checkout", cart.pk)})

    assert body == {"data": {"checkout": {"deliveryMethod": {"name": "Point retrait Le Quesnoy", "shippingZones": {
        "edges": [{"node": {"name": "Tournée du Quesnoy", "warehouses": []}}]}}}}}


@pytest.mark.django_db
def test_a_warehouse_in_no_zone_has_an_empty_connection(stock_manager, farm):
    body = UserClient(stock_manager).query(ZONES, {"id": to_global_id("Warehouse", farm.pk)})

    assert body["data"]["warehouse"]["shippingZones"] == {"totalCount": 0, "edges": []}


@pytest.mark.django_db
def test_shipping_zones_of_a_page_of_warehouses_cost_the_same_queries(stock_manager, zone, bavay_round):
    query = """{ warehouses(first: 20) { edges { node { name shippingZones(first: 10) { edges { node { name
      shippingMethods { name } warehouses { name } channels { slug } } } } } } } }"""
    counts = []
    for total in (1, 4):
        for _ in range(total - len(zone["zone"].warehouses.all())):
            new = factories.warehouse()
            zone["zone"].warehouses.add(new)
            bavay_round.warehouses.add(new)
        count, body = count_queries(UserClient(fresh(stock_manager)), query)
        assert "errors" not in body
        assert len(body["data"]["warehouses"]["edges"]) == total
        counts.append(count)
    # permissions (2), warehouses, their zones, and the zones' methods, warehouses and channels
    assert counts == [7, 7]


PER_COUNTRY = """query ($countries: [CountryCode!]) { channel(slug: "comptoir-de-mormal") {
  availableShippingMethodsPerCountry(countries: $countries) { countryCode
    shippingMethods { id name price { amount currency } minimumDeliveryDays maximumDeliveryDays } } } }"""


@pytest.mark.django_db
def test_anybody_reads_the_channels_delivery_methods_per_country(api, channel, zone, bavay_round):
    other = factories.channel("marche-de-noel")
    elsewhere = ShippingZone.objects.create(name="Zone d'un autre comptoir", countries=["FR"])
    elsewhere.channels.add(other)
    method = ShippingMethod.objects.create(shipping_zone=elsewhere, name="Livraison de Noël")
    ShippingMethodChannelListing.objects.create(shipping_method=method, channel=other, price_amount=Decimal("1.00"))

    every_country = api.query(PER_COUNTRY)
    belgium = api.query(PER_COUNTRY, {"countries": ["BE"]})
    germany = api.query(PER_COUNTRY, {"countries": ["DE"]})

    thursday = {"id": to_global_id("ShippingMethod", bavay_round.shipping_methods.get(name="Tournée du jeudi").pk),
                "name": "Tournée du jeudi", "price": {"amount": 3.5, "currency": "EUR"}, "minimumDeliveryDays": 2,
                "maximumDeliveryDays": None}
    assert every_country == {"data": {"channel": {"availableShippingMethodsPerCountry": [
        {"countryCode": "BE", "shippingMethods": [thursday]},
        {"countryCode": "FR", "shippingMethods": [
            thursday,
            {"id": to_global_id("ShippingMethod", zone["light"].pk), "name": "Livraison à domicile",
             "price": {"amount": 4.9, "currency": "EUR"}, "minimumDeliveryDays": 1, "maximumDeliveryDays": 3},
            {"id": to_global_id("ShippingMethod", zone["heavy"].pk), "name": "Livraison lourde",
             "price": {"amount": 9.9, "currency": "EUR"}, "minimumDeliveryDays": None, "maximumDeliveryDays": None},
        ]},
    ]}}}
    assert belgium == {"data": {"channel": {"availableShippingMethodsPerCountry": [
        {"countryCode": "BE", "shippingMethods": [thursday]}]}}}
    assert germany == {"data": {"channel": {"availableShippingMethodsPerCountry": []}}}


@pytest.mark.django_db
def test_delivery_methods_per_country_cost_one_query_whatever_the_zones(api, channel, zone, bavay_round):
    query = """{ channel(slug: "comptoir-de-mormal") { availableShippingMethodsPerCountry { countryCode
      shippingMethods { name price { amount } } } } }"""
    before, _ = count_queries(api, query)
    for number in range(3):
        extra = ShippingZone.objects.create(name=f"Zone {number}", countries=["FR"])
        extra.channels.add(channel)
        method = ShippingMethod.objects.create(shipping_zone=extra, name=f"Tournée {number}")
        ShippingMethodChannelListing.objects.create(shipping_method=method, channel=channel,
                                                    price_amount=Decimal("5.00"))
    after, body = count_queries(api, query)

    assert len(body["data"]["channel"]["availableShippingMethodsPerCountry"][1]["shippingMethods"]) == 6
    assert [before, after] == [2, 2]  # the channel, then the listings with their methods and zones
