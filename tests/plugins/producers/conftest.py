"""Fixtures of the producers tests: real communes, producer A (Bavay) and B (Landrecies) each with a farm, a member,
and the sellable goods and pickup point of the commerce tests."""

from decimal import Decimal

import pytest

from backend.commerce.territory.services import communes_load
from plugins.producers.models import MemberRole, Producer, ProducerMember, ProducerStatus
from plugins.producers.services.ownership import producer_product_assign, producer_warehouse_attach
from tests import factories
from tests.backend.commerce.conftest import channel, pickup_point, sellable  # noqa: F401 - fixtures re-used
from tests.utils import ApiClient

VALID_SIRETS = ("73282932000074", "44306184100047", "35600000049837")
VALID_IBAN = "FR7630006000011234567890189"


def token_for(user) -> str:
    from backend.commerce.account.tokens import create_access_token

    return create_access_token(user)


def make_producer(name: str, commune_insee: str, siret: str, *, status=ProducerStatus.ACTIVE, labels=(),
                  rate="12.00") -> Producer:
    from backend.commerce.territory.models import Commune

    commune = Commune.objects.get(insee=commune_insee)
    return Producer.objects.create(
        legal_name=f"EARL {name}", trade_name=name, slug=name.lower().replace(" ", "-"), siret=siret,
        email=f"{name.lower().replace(' ', '.')}@example.fr", commune=commune, latitude=commune.latitude,
        longitude=commune.longitude, street_address="1 rue de la Ferme", postal_code=commune.postcodes[0],
        status=status, labels=list(labels), commission_rate=Decimal(rate), iban=VALID_IBAN, bic="AGRIFRPP867")


@pytest.fixture
def communes(db):
    from backend.commerce.territory.models import Commune

    communes_load()
    return {c.slug: c for c in Commune.objects.all()}


@pytest.fixture
def producer_a(communes):
    producer = make_producer("Ferme du Bocage", "59053", VALID_SIRETS[0], labels=["aop-maroilles"])
    producer_warehouse_attach(producer=producer, warehouse=factories.warehouse("Ferme du Bocage"))
    return producer


@pytest.fixture
def producer_b(communes):
    producer = make_producer("Brasserie de Landrecies", "59331", VALID_SIRETS[1], labels=["hve"])
    producer_warehouse_attach(producer=producer, warehouse=factories.warehouse("Brasserie de Landrecies"))
    return producer


def farm_of(producer):
    return producer.warehouse_links.get().warehouse


def owned_variant(producer, name, *, price="12.50", stock=10, rate="5.5"):
    variant = sellable(name, price=price, stock=stock, rate=rate, wh=farm_of(producer))
    producer_product_assign(producer=producer, product=variant.product)
    return variant


def member(producer, role=MemberRole.OWNER):
    user = factories.user()
    ProducerMember.objects.create(user=user, producer=producer, role=role)
    return user


@pytest.fixture
def callers(producer_a, producer_b):
    """Who calls: anonymous, a customer, members of A and B, staff with and without MANAGE_PRODUCTS."""
    from backend.core.permissions import PermissionEnum

    return {
        "anonymous": ApiClient(),
        "customer": ApiClient(token_for(factories.user())),
        "member_a": ApiClient(token_for(member(producer_a))),
        "member_b": ApiClient(token_for(member(producer_b))),
        "staff": ApiClient(token_for(factories.staff())),
        "staff_products": ApiClient(token_for(factories.staff(permissions=[PermissionEnum.MANAGE_PRODUCTS]))),
    }


def place_order(chan, point, lines, email="lea@example.fr"):
    """An order placed through the real checkout (paid at pickup), then split as the order_created hook does."""
    from backend.commerce.checkout import delivery, services
    from backend.commerce.checkout.complete import checkout_complete
    from plugins.producers.services.preparations import order_split

    checkout = services.checkout_create(channel=chan, email=email,
                                        lines=[services.LineInput(variant.pk, quantity) for variant, quantity in lines])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=point.pk)
    order = checkout_complete(checkout_token=checkout.pk).order
    order_split(order_id=order.pk)
    return order


@pytest.fixture
def two_producer_order(channel, pickup_point, producer_a, producer_b):  # noqa: F811 - fixtures by name
    """2 Maroilles (12,50 €, 5,5 %) from A, 6 beers (3,90 €, 20 %) and 1 terrine (8,00 €, 5,5 %) from B."""
    cheese = owned_variant(producer_a, "Maroilles AOP", price="12.50", stock=10)
    beer = owned_variant(producer_b, "Bière de Mormal", price="3.90", stock=24, rate="20")
    terrine = owned_variant(producer_b, "Terrine de campagne", price="8.00", stock=5)
    order = place_order(channel, pickup_point, [(cheese, 2), (beer, 6), (terrine, 1)])
    return {"order": order, "cheese": cheese, "beer": beer, "terrine": terrine}
