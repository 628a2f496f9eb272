"""The purchase on the residents' site, from the product page to the confirmation with the pickup code."""

import re
from html import unescape

import pytest
from django.test import Client

from tests.utils import to_global_id

pytestmark = pytest.mark.django_db


def _add_to_cart(client, variant, quantity=2):
    return client.post("/panier/ajouter/", {"variant": to_global_id("ProductVariant", variant.pk),
                                            "quantity": str(quantity), "retour": "/panier/"})


def test_a_resident_buys_with_payment_at_pickup_and_gets_a_pickup_code(client, cheese, pickup_point):
    from backend.commerce.order.models import Order

    assert _add_to_cart(client, cheese).status_code == 302
    cart = unescape(client.get("/panier/").content.decode())
    assert "Maroilles AOP" in cart and "25,00\u00a0€" in cart  # 2 × 12,50 € TTC

    assert client.post("/commande/", {"email": "lea@example.fr"})["Location"] == "/commande/livraison/"
    delivery = client.get("/commande/livraison/").content.decode()
    assert "Point retrait Le Quesnoy" in delivery
    point_id = to_global_id("Warehouse", pickup_point.pk)
    assert client.post("/commande/livraison/", {"action": "choisir", "mode": point_id})["Location"] == \
        "/commande/paiement/"
    payment = unescape(client.get("/commande/paiement/").content.decode())
    assert "Paiement au retrait" in payment
    assert "Carte bancaire" not in payment  # Stripe is not configured here

    response = client.post("/commande/paiement/", {"paiement": "remise"})

    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/commande/confirmation/{to_global_id('Order', order.pk)}/"
    page = unescape(client.get(response["Location"]).content.decode())
    assert f"commande n° {order.number}" in page
    assert f'<p class="pickup-code">{order.pickup_code}</p>' in page
    assert "<svg" in page  # the QR code of the pickup code
    assert "Reste à payer au retrait" in page and "25,00\u00a0€" in page
    assert "checkout_id" not in client.session


def test_quantities_above_the_limit_get_a_french_message_and_change_nothing(client, cheese):
    from backend.commerce.checkout.models import Checkout

    response = _add_to_cart(client, cheese, quantity=51)

    assert response.status_code == 302
    assert Checkout.objects.count() == 0
    messages = [str(m) for m in list(response.wsgi_request._messages)]
    assert messages == ["Vous pouvez commander au plus 50 unités."]


def test_more_than_the_stock_is_refused_with_a_french_message(client, cheese):
    response = _add_to_cart(client, cheese, quantity=11)  # 10 in stock

    messages = [str(m) for m in list(response.wsgi_request._messages)]
    assert messages == ["Il n'y a pas assez de stock pour cette quantité."]


def test_a_throttled_cart_creation_shows_a_french_message_to_wait(client, cheese, settings, monkeypatch):
    import backend.core.ratelimit as limiter
    from backend.commerce.checkout.models import Checkout

    # given: one cart creation per minute from an address, the limiter's clock mid-window (no window boundary between
    # the two calls), and a first resident at that address who has just created a cart
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "checkout_create": "1/60"}
    monkeypatch.setattr(limiter.time, "time", lambda: 1_800_000_000.0 + 30.0)
    assert _add_to_cart(client, cheese).status_code == 302
    neighbour = Client()  # a second resident, same address (127.0.0.1), no cart yet

    # when
    response = _add_to_cart(neighbour, cheese)

    # then: the API refused checkoutCreate with RATE_LIMITED, the resident reads why, and no cart was created
    assert (response.status_code, response["Location"]) == (302, "/panier/")
    page = unescape(neighbour.get("/panier/").content.decode())
    assert '<p class="message message-error">Trop de demandes : réessayez dans quelques instants.</p>' in page
    assert "Saisie invalide." not in page
    assert "checkout_id" not in neighbour.session
    assert Checkout.objects.count() == 1


def test_a_tampered_cart_id_in_the_session_starts_a_fresh_cart(client, cheese):
    session = client.session
    session["checkout_id"] = "Q2hlY2tvdXQ6bm90LWEtdXVpZA=="  # "Checkout:not-a-uuid"
    session.save()

    response = client.get("/panier/")

    assert response.status_code == 200
    assert "Votre panier est vide." in unescape(response.content.decode())
    assert "checkout_id" not in client.session


def test_checkout_steps_require_a_cart(client, db):
    assert client.get("/commande/")["Location"] == "/panier/"
    assert client.get("/commande/paiement/")["Location"] == "/panier/"
    assert re.search(r"panier", client.get("/panier/").content.decode())
