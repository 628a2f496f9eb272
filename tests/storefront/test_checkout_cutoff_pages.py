"""The residents' site says, in French, which product can no longer be ordered for the coming distribution and
since when (a producer's cut-off): when adding it, on the cart page, and when placing the order."""

import datetime
from html import unescape

import pytest
from django.utils import timezone

from tests.utils import to_global_id

pytestmark = pytest.mark.django_db
FRENCH_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _label(day: datetime.date) -> str:
    return f"{FRENCH_DAYS[day.weekday()]} {day:%d/%m/%Y}"


@pytest.fixture
def coming_day(bocage):
    """An open distribution day in two days (first slot at 16:00); the Bocage closes its orders 72 h before."""
    from logistics.models import DistributionDay
    from tests.logistics.app import builders

    date = timezone.localdate() + datetime.timedelta(days=2)
    builders.day(date=date, status=DistributionDay.Status.OPEN)
    builders.pickup_point(date=date)
    producer, product = bocage
    producer.order_cutoff_hours = 72
    producer.save(update_fields=["order_cutoff_hours"])
    since = f"{_label(date - datetime.timedelta(days=3))} à 16 h 00"
    return producer, product, (f"« Maroilles fermier » : les commandes chez Ferme du Bocage pour la distribution du "
                               f"{_label(date)} sont closes depuis le {since}.")


def _add(client, product):
    return client.post("/panier/ajouter/", {"variant": to_global_id("ProductVariant", product.default_variant_id),
                                            "quantity": "1", "retour": "/panier/"})


def test_adding_goods_after_the_cutoff_shows_why_on_the_cart_page(client, coming_day):
    from backend.commerce.checkout.models import Checkout

    _, product, message = coming_day
    response = _add(client, product)
    assert response["Location"] == "/panier/"
    assert [str(m) for m in response.wsgi_request._messages] == [message]
    assert Checkout.objects.count() == 0
    page = unescape(client.get("/panier/").content.decode())
    assert f'<p class="message message-error">{message}</p>' in page


def test_an_order_placed_after_the_cutoff_is_refused_with_the_reason_and_nothing_is_ordered(client, coming_day,
                                                                                            pickup_point):
    from backend.commerce.order.models import Order

    producer, product, message = coming_day
    producer.order_cutoff_hours = 0  # still open when the resident fills the cart
    producer.save(update_fields=["order_cutoff_hours"])
    assert _add(client, product).status_code == 302
    client.post("/commande/", {"email": "lea@example.fr"})
    client.post("/commande/livraison/", {"action": "choisir", "mode": to_global_id("Warehouse", pickup_point.pk)})
    producer.order_cutoff_hours = 72  # the cut-off passes before payment
    producer.save(update_fields=["order_cutoff_hours"])

    cart = unescape(client.get("/panier/").content.decode())
    assert ('<strong class="line-problem">Ce produit ne peut plus être commandé (pour cette distribution) : '
            "retirez-le pour valider votre commande.</strong>") in cart
    response = client.post("/commande/paiement/", {"paiement": "remise"})

    assert response["Location"] == "/commande/paiement/"
    assert [str(m) for m in response.wsgi_request._messages] == [message]
    assert Order.objects.count() == 0
    assert f'<p class="message message-error">{message}</p>' in unescape(client.get(response["Location"]).content
                                                                          .decode())
