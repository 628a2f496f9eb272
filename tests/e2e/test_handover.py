"""At the pickup point in Chromium: staff type the customer's code, see the parcels, hand them over; the order is
fulfilled, the customer mailed, and the same code typed again is refused."""

import os

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from backend.commerce.order.models import Order, OrderStatus
from logistics.services.parcels import parcels_sync
from tests import factories
from tests.e2e.test_courier import sign_in
from tests.logistics.app import builders

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.django_db(transaction=True)
def test_handover_of_an_order_paid_at_pickup(page, live_server, screenshot):
    # given a pay-at-pickup order of two producers at the Bavay relay point
    day = builders.day()
    slot = builders.pickup_point()
    farm, orchard = builders.place("Ferme de Gommegnies", "59265"), builders.place("Vergers", "59057")
    order = builders.order(items=[(builders.product_at(farm), 1), (builders.product_at(orchard), 2)], slot=slot,
                           paid=False)
    parcels_sync(day=day)
    staff = factories.staff("relais@example.fr")
    staff.user_permissions.add(Permission.objects.get(codename="handover_parcels"))
    # when staff type the code (in lower case, as customers read it) and hand everything over, paid in cash
    sign_in(page, live_server.url, "relais@example.fr", "/retrait/")
    page.get_by_label("Code de retrait du client").fill(order.pickup_code.lower())
    page.get_by_role("button", name="Chercher").click()
    page.get_by_role("heading", name=f"Commande n° {order.number} — Relais Bavay").wait_for()
    assert page.locator("label.parcel").count() == 2
    page.get_by_label("Espèces").check()
    screenshot("handover-order")
    page.get_by_role("button", name="Remettre").click()
    # then
    page.get_by_text(f"Commande n° {order.number} : 2 colis remis. Paiement encaissé.").wait_for()
    order.refresh_from_db()
    assert (order.status, order.charge_status) == (OrderStatus.FULFILLED, "FULL")
    assert [m.subject for m in mail.outbox] == [f"Paiement reçu pour votre commande n° {order.number}",
                                                f"Votre commande n° {order.number} vous a été remise"]
    # and the code cannot be used twice
    page.get_by_label("Code de retrait du client").fill(order.pickup_code)
    page.get_by_role("button", name="Chercher").click()
    page.get_by_role("alert").get_by_text("Ce code a déjà servi").wait_for()
    assert Order.objects.get(pk=order.pk).events.filter(type="ORDER_MARKED_AS_PAID").count() == 1
