"""The resident's space through the pages: orders and their status, order detail, addresses (add, edit, default,
delete), password change, account deletion by e-mailed link; strangers' IDs and tampered links give French answers."""

from html import unescape

import pytest

from tests import factories
from tests.utils import to_global_id

pytestmark = pytest.mark.django_db
PASSWORD = "mot-de-passe-solide"


@pytest.fixture
def lea(client):
    user = factories.user("lea@example.fr", password=PASSWORD, first_name="Léa")
    response = client.post("/compte/connexion/", {"email": "lea@example.fr", "password": PASSWORD})
    assert response.status_code == 302
    return user


def _html(response) -> str:
    return unescape(response.content.decode())


def _address(**overrides) -> dict:
    return {"first_name": "Léa", "last_name": "Dupont", "street_address_1": "3 rue de la Gare",
            "street_address_2": "", "postal_code": "59530", "city": "Le Quesnoy", "phone": "", **overrides}


def test_account_pages_send_strangers_to_sign_in_and_back(client, db):
    response = client.get("/compte/commandes/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/connexion/?suivant=%2Fcompte%2Fcommandes%2F"


def test_orders_list_and_detail_show_french_status_and_pickup_code(client, lea, cheese, pickup_point):
    from backend.commerce.order.models import Order
    from tests.plugins.producers.conftest import place_order

    order = place_order(cheese.product.channel_listings.get().channel, pickup_point, [(cheese, 2)],
                        email="lea@example.fr")
    Order.objects.filter(pk=order.pk).update(user=lea)
    order.refresh_from_db()

    listing = _html(client.get("/compte/commandes/"))
    detail = _html(client.get(f"/compte/commandes/{to_global_id('Order', order.pk)}/"))

    assert "1 commande" in listing
    assert f">n° {order.number}</a>" in listing
    assert "<td>En préparation</td><td>À payer au retrait</td><td>25,00\u00a0€</td>" in listing
    assert f"<h1>Commande n° {order.number}</h1>" in detail
    assert f'<dd class="pickup-code">{order.pickup_code}</dd>' in detail
    assert "2 × Maroilles AOP" in detail


def test_someone_elses_or_a_malformed_order_is_a_french_404(client, lea, cheese, pickup_point):
    from tests.plugins.producers.conftest import place_order

    other = place_order(cheese.product.channel_listings.get().channel, pickup_point, [(cheese, 1)],
                        email="paul@example.fr")

    stranger = client.get(f"/compte/commandes/{to_global_id('Order', other.pk)}/")
    garbage = client.get("/compte/commandes/n-importe-quoi/")

    assert (stranger.status_code, garbage.status_code) == (404, 404)
    assert "Cette commande est introuvable." in _html(garbage)


def test_addresses_are_added_edited_made_default_and_deleted(client, lea, communes):
    from backend.commerce.account.models import Address

    added = client.post("/compte/adresses/", _address())
    address = lea.addresses.get()
    address_id = to_global_id("Address", address.pk)
    edited = client.post(f"/compte/adresses/{address_id}/", _address(street_address_1="5 place du Marché"))
    made_default = client.post(f"/compte/adresses/{address_id}/par-defaut/")
    lea.refresh_from_db()
    page = _html(client.get("/compte/adresses/"))

    assert [added["Location"], edited["Location"], made_default["Location"]] == ["/compte/adresses/"] * 3
    assert Address.objects.get(pk=address.pk).street_address_1 == "5 place du Marché"
    assert lea.default_shipping_address_id == address.pk
    assert "Adresse de livraison par défaut" in page
    assert "5 place du Marché" in page

    deleted = client.post(f"/compte/adresses/{address_id}/supprimer/")

    assert deleted["Location"] == "/compte/adresses/"
    assert lea.addresses.count() == 0
    assert "Adresse supprimée." in _html(client.get("/compte/adresses/"))


def test_a_bad_address_or_a_strangers_address_changes_nothing(client, lea, communes):
    stranger = factories.user("paul@example.fr")
    from backend.commerce.account.models import Address

    theirs = Address.objects.create(first_name="Paul", last_name="Martin", street_address_1="1 rue", city="Bavay",
                                    postal_code="59570", country="FR")
    stranger.addresses.add(theirs)

    bad = client.post("/compte/adresses/", _address(postal_code="5953"))
    edit_theirs = client.get(f"/compte/adresses/{to_global_id('Address', theirs.pk)}/")
    delete_theirs = client.post(f"/compte/adresses/{to_global_id('Address', theirs.pk)}/supprimer/", follow=True)

    assert bad.status_code == 200
    assert "Le code postal compte 5 chiffres." in _html(bad)
    assert edit_theirs.status_code == 404
    assert Address.objects.filter(pk=theirs.pk).exists()
    assert lea.addresses.count() == 0
    assert delete_theirs.status_code == 200
    assert 'class="message message-error"' in delete_theirs.content.decode()


def test_password_change_checks_the_old_password(client, lea):
    wrong = client.post("/compte/mot-de-passe/", {"old_password": "faux", "new_password": "un-nouveau-secret"})
    right = client.post("/compte/mot-de-passe/", {"old_password": PASSWORD, "new_password": "un-nouveau-secret"})

    lea.refresh_from_db()
    assert wrong.status_code == 200
    assert "Le mot de passe actuel est incorrect." in _html(wrong)
    assert right["Location"] == "/compte/"
    assert lea.check_password("un-nouveau-secret")


def test_account_deletion_by_the_emailed_link(client, lea, channel, mailoutbox, django_capture_on_commit_callbacks,
                                              settings):
    settings.ALLOWED_CLIENT_HOSTS = ["testserver"]
    import re
    from urllib.parse import unquote

    from django.contrib.auth import get_user_model

    with django_capture_on_commit_callbacks(execute=True):
        requested = client.post("/compte/supprimer/")
    token = unquote(re.search(r"/compte/supprimer/confirmer/\?\S*?token=([^&\s]+)", mailoutbox[0].body).group(1))
    tampered = client.post("/compte/supprimer/confirmer/", {"token": "faux-jeton"})
    form = client.get(f"/compte/supprimer/confirmer/?token={token}")

    assert requested["Location"] == "/compte/"
    assert len(mailoutbox) == 1
    assert "http://testserver/compte/supprimer/confirmer/" in mailoutbox[0].body
    assert tampered.status_code == 200
    assert "Le lien de suppression est invalide ou a expiré." in _html(tampered)
    assert f'value="{token}"' in form.content.decode()
    assert get_user_model().objects.filter(pk=lea.pk).exists()

    confirmed = client.post("/compte/supprimer/confirmer/", {"token": token})

    assert confirmed["Location"] == "/"
    assert not get_user_model().objects.filter(pk=lea.pk).exists()
    assert "access_token" not in client.session
