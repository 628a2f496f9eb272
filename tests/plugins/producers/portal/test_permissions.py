"""Who may do what in the portal, with the API's rules: anonymous -> login page, a customer or staff without
MANAGE_PRODUCTS -> 403, member of B -> A's things do not exist (404), member of A and catalogue staff -> allowed.
Every refused write changes nothing."""

import pytest

from backend.commerce.product.models import ProductChannelListing
from backend.commerce.warehouse.models import Stock
from backend.core.permissions import PermissionEnum
from plugins.producers.models import PreparationLine, PreparationStatus, Statement
from tests import factories
from tests.plugins.producers.conftest import owned_variant, place_order
from tests.plugins.producers.portal.conftest import PortalClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(producer_a, producer_b, member_a, member_b, customer, channel, pickup_point, catalogue):
    cheese = owned_variant(producer_a, "Maroilles AOP", price="12.50", stock=10)
    order = place_order(channel, pickup_point, [(cheese, 2)])
    preparation = order.preparations.get(producer=producer_a)
    statement = Statement.objects.create(producer=producer_a, month="2026-10-01", commission_rate="12.00")
    callers = {
        "anonymous": None, "customer": customer, "member_a": member_a, "member_b": member_b,
        "staff_without_products": factories.staff("sans-droit@comptoir-de-mormal.fr"),
        "staff": factories.staff("catalogue@comptoir-de-mormal.fr", permissions=[PermissionEnum.MANAGE_PRODUCTS]),
    }
    return {"cheese": cheese, "preparation": preparation, "line": preparation.lines.get(),
            "statement": statement, "callers": callers}


def _client(world, who):
    client = PortalClient(world["callers"][who])
    if who == "staff":
        client.get("/espace-producteur/", producteur="ferme-du-bocage")
    return client


def _expected(who, allowed_status):
    return {"anonymous": 302, "customer": 403, "staff_without_products": 403, "member_b": 404}.get(who,
                                                                                                  allowed_status)


CALLERS = ["anonymous", "customer", "staff_without_products", "member_b", "member_a", "staff"]


@pytest.mark.parametrize("who", CALLERS)
def test_reading_producer_a_pages(world, who):
    client = _client(world, who)
    pages = {
        f"/espace-producteur/produits/{world['cheese'].product_id}/": 200,
        f"/espace-producteur/releves/{world['statement'].pk}/csv/": 200,
    }
    for url, allowed in pages.items():
        response = client.get(url)
        assert response.status_code == _expected(who, allowed), (who, url)
        if who == "anonymous":
            assert response["Location"].startswith("/espace-producteur/connexion/?next=")
    listing = client.get("/espace-producteur/produits/")
    if who in ("member_b",):
        assert listing.status_code == 200
        assert "Maroilles AOP" not in listing.content.decode()
    elif who in ("member_a", "staff"):
        assert "Maroilles AOP" in listing.content.decode()


@pytest.mark.parametrize("who", CALLERS)
def test_writing_producer_a_things(world, who):
    client = _client(world, who)
    cheese, preparation, line = world["cheese"], world["preparation"], world["line"]
    responses = [
        client.post(f"/espace-producteur/variantes/{cheese.pk}/stock/", {"quantity": "3"}),
        client.post(f"/espace-producteur/produits/{cheese.product_id}/publication/", {"published": "0"}),
        client.post(f"/espace-producteur/produits/{cheese.product_id}/", {"name": "Volé", "price": "1,00"}),
    ]
    allowed = who in ("member_a", "staff")
    assert [r.status_code for r in responses] == ([302, 302, 302] if allowed else [_expected(who, 0)] * 3)
    stock = Stock.objects.get(product_variant=cheese, warehouse__producer_link__producer__slug="ferme-du-bocage")
    cheese.product.refresh_from_db()
    assert stock.quantity == (3 if allowed else 10)
    assert cheese.product.name == ("Volé" if allowed else "Maroilles AOP")
    assert ProductChannelListing.objects.get(product=cheese.product).is_published is not allowed
    ready = client.post(f"/espace-producteur/preparations/{preparation.pk}/prete/")
    preparation.refresh_from_db()
    assert preparation.status == (PreparationStatus.READY if allowed else PreparationStatus.TO_PREPARE)
    cancel = client.post(f"/espace-producteur/lignes/{line.pk}/annuler/", {"reason": "test"})
    if who in ("anonymous", "customer", "staff_without_products"):
        assert (ready.status_code, cancel.status_code) == (_expected(who, 0),) * 2
    else:
        # member B gets the plugin's "does not exist" message: nothing of A is touched
        assert (ready.status_code, cancel.status_code) == (302, 302)
    assert (PreparationLine.objects.get(pk=line.pk).cancelled_at is not None) is allowed
    assert Stock.objects.get(pk=stock.pk).quantity_allocated == (0 if allowed else 2)
