import pytest

from backend.commerce.order.models import Order, OrderStatus
from tests import factories
from tests.logistics.app.conftest import csrf_client, post_with_csrf


@pytest.fixture
def counter(db):
    from django.contrib.auth.models import Permission

    user = factories.staff("relais@example.fr")
    user.user_permissions.add(Permission.objects.get(codename="handover_parcels"))
    return user


@pytest.mark.django_db
def test_handover_page_permissions(small_day, counter, manager):
    assert csrf_client().get("/retrait/").status_code == 302
    assert csrf_client(factories.user()).get("/retrait/").status_code == 403
    assert csrf_client(small_day.courier.user).get("/retrait/").status_code == 403
    assert csrf_client(counter).get("/retrait/").status_code == 200
    assert csrf_client(manager).get("/retrait/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_counter_finds_the_order_by_code_and_hands_it_over_then_the_code_is_refused(small_day, counter):
    order = small_day.pickup_order
    client = csrf_client(counter)
    page = client.get(f"/retrait/?code={order.pickup_code.lower()}").content.decode()
    assert f"Commande n° {order.number}" in page and "Remettre" in page
    response = post_with_csrf(client, "/retrait/", {"code": order.pickup_code})
    assert response.status_code == 302
    assert Order.objects.get(pk=order.pk).status == OrderStatus.FULFILLED
    again = client.get(f"/retrait/?code={order.pickup_code}").content.decode()
    assert f"Ce code a déjà servi : la commande n° {order.number} a été remise." in again


@pytest.mark.django_db
def test_wrong_code_message_is_french_and_post_without_csrf_is_refused(small_day, counter):
    client = csrf_client(counter)
    page = client.get("/retrait/?code=ABCDEF").content.decode()
    assert "Aucune commande à retirer avec le code « ABCDEF »" in page
    assert client.post("/retrait/", {"code": small_day.pickup_order.pickup_code}).status_code == 403
    assert Order.objects.get(pk=small_day.pickup_order.pk).status == OrderStatus.UNFULFILLED
