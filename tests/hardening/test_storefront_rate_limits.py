"""The API's rate limits count each resident when the storefront calls the API for them: found by the load test
(tests/benchmarks/test_load_benchmark.py), where every cart created through the site was counted against 127.0.0.1,
so 60 carts a minute closed cart creation for the whole Pays de Mormal."""

import pytest
from django.test import Client

from backend.commerce.checkout.models import Checkout


def add_to_cart(variant_id: str, **addresses) -> Client:
    """A new visitor (their own session) adds one unit to a new cart."""
    visitor = Client(**addresses)
    response = visitor.post("/panier/ajouter/", {"variant": variant_id, "quantity": "1", "retour": "/panier/"})
    assert response.status_code == 302
    return visitor


def cart_of(visitor: Client) -> str | None:
    return visitor.session.get("checkout_id")


@pytest.fixture
def variant_id(db):
    from backend.core.ids import to_global_id
    from tests.backend.commerce.conftest import sellable

    return to_global_id("ProductVariant", sellable(stock=100).pk)


@pytest.mark.django_db
def test_cart_creation_through_the_site_is_limited_per_resident(variant_id, settings):
    # given: two carts a minute per address
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "checkout_create": "2/60"}
    # when: one resident creates three carts, then a neighbour creates one
    mine = [add_to_cart(variant_id, REMOTE_ADDR="203.0.113.10") for _ in range(3)]
    neighbour = add_to_cart(variant_id, REMOTE_ADDR="203.0.113.11")
    # then: the first resident's third cart is refused, the neighbour's is not
    assert [cart_of(visitor) is not None for visitor in mine] == [True, True, False]
    assert cart_of(neighbour) is not None
    assert Checkout.objects.count() == 3


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_site_counts_the_forwarded_address(variant_id, settings):
    # given: the site behind its reverse proxy (127.0.0.1), one cart a minute per address
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "checkout_create": "1/60"}
    # when: two residents come through the proxy, and one of them comes back
    first = add_to_cart(variant_id, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = add_to_cart(variant_id, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    again = add_to_cart(variant_id, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    # then
    assert [cart_of(first) is not None, cart_of(second) is not None, cart_of(again) is not None] == [True, True, False]


def test_the_address_chain_passed_to_the_api():
    from django.test import RequestFactory

    from storefront.views.common import forwarded_for

    factory = RequestFactory()
    assert forwarded_for(factory.get("/", REMOTE_ADDR="203.0.113.5")) == "203.0.113.5"
    assert forwarded_for(factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 10.0.0.2")) \
        == "198.51.100.1, 10.0.0.2, 127.0.0.1"


def register(visitor: Client, email: str):
    return visitor.post("/compte/inscription/", {"first_name": "Camille", "last_name": "Lefebvre", "email": email,
                                                  "password": "Maroilles-2026!", "password_confirm": "Maroilles-2026!"})


@pytest.mark.django_db
def test_a_throttled_registration_shows_the_form_with_a_french_message(settings):
    from html import unescape

    from backend.commerce.account.models import User

    # given: one registration an hour from an address, already used by a neighbour
    from tests import factories

    factories.channel()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "register": "1/3600"}
    assert register(Client(REMOTE_ADDR="203.0.113.20"), "voisin@example.fr").status_code == 302

    # when: another resident registers from the same address
    response = register(Client(REMOTE_ADDR="203.0.113.20"), "camille@example.fr")

    # then: the form again (not the "service unavailable" page), with the API's French message, and no account
    page = unescape(response.content.decode())
    assert response.status_code == 429
    assert "Trop de demandes depuis votre connexion : réessayez dans 60 minutes." in page
    assert 'name="email"' in page and "camille@example.fr" in page
    assert list(User.objects.order_by("email").values_list("email", flat=True)) == ["voisin@example.fr"]


@pytest.mark.django_db
def test_a_throttled_sign_in_shows_the_form_with_a_french_message(settings):
    from html import unescape

    from tests import factories

    factories.channel()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "1/300"}
    visitor = Client(REMOTE_ADDR="203.0.113.21")
    first = visitor.post("/compte/connexion/", {"email": "personne@example.fr", "password": "pas-le-bon-1"})
    assert first.status_code == 200  # a wrong password: the form with its error

    response = visitor.post("/compte/connexion/", {"email": "personne@example.fr", "password": "pas-le-bon-2"})

    # (tokenCreate answers this with Saleor's typed error LOGIN_ATTEMPT_DELAYED, shown on the form)
    assert response.status_code == 200
    assert "Trop de tentatives de connexion depuis votre adresse : réessayez dans 5 minutes." in unescape(
        response.content.decode())


@pytest.mark.django_db
def test_a_throttled_password_reset_request_says_so_instead_of_claiming_a_mail_was_sent(settings):
    from html import unescape

    from tests import factories

    factories.channel()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password_reset": "1/3600"}
    visitor = Client(REMOTE_ADDR="203.0.113.22")
    first = visitor.post("/compte/mot-de-passe-oublie/", {"email": "a@example.fr"}, follow=True)
    assert "un e-mail vient de lui être envoyé" in unescape(first.content.decode())

    response = visitor.post("/compte/mot-de-passe-oublie/", {"email": "b@example.fr"})

    page = unescape(response.content.decode())
    assert response.status_code == 429
    assert "Trop de demandes depuis votre connexion : réessayez dans 60 minutes." in page
    assert "un e-mail vient de lui être envoyé" not in page
