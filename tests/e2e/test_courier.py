"""A courier's full collection round in Chromium: first stop online, the network drops, the second stop is done
offline (queued on the phone with its real time), the cached round page still opens, and the queue syncs back."""

import datetime
import os

import pytest
from django.contrib.auth.models import Permission

from logistics.models import CourierAction, Round, Stop
from logistics.services.planning import plan_rounds
from tests import factories
from tests.logistics.app import builders

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "mot-de-passe-solide"


@pytest.fixture
def courier_day(transactional_db, settings):
    settings.LOGISTICS_TILE_URL = ""  # no tiles in tests: the server-drawn SVG map is what the courier sees
    day = builders.day(date=datetime.date.today() + datetime.timedelta(days=1))
    slot = builders.pickup_point(date=day.date)
    farm = builders.place("Ferme de Gommegnies", "59265")
    orchard = builders.place("Vergers de Beaudignies", "59057")
    courier = builders.courier("livreuse@example.fr")
    builders.vehicle(courier=courier)
    builders.order(items=[(builders.product_at(farm, chilled=True), 2), (builders.product_at(orchard), 3)],
                   slot=slot)
    assert plan_rounds(day_id=day.pk, time_limit=0.5).ok
    return courier


def sign_in(page, base_url, email, next_path):
    page.goto(f"{base_url}/logistique/connexion/?next={next_path}")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"**{next_path}")


@pytest.mark.django_db(transaction=True)
def test_full_collection_round_with_the_network_lost_mid_round(page, live_server, courier_day, screenshot):
    round_ = Round.objects.get(kind="collection")
    first, second = round_.stops.order_by("position")
    url = f"/livreur/tournees/{round_.pk}/"
    sign_in(page, live_server.url, "livreuse@example.fr", "/livreur/")
    page.get_by_role("link", name="Collecte n° 1").click()
    page.wait_for_url(f"**{url}")
    assert page.locator("svg.svg-map polyline").count() == 1
    # the service worker takes control, so the round page is cached on the phone
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    # first stop, online: a plain form post
    page.locator(f"#arret-{first.pk} form.stop-action").first.get_by_role("button", name="Fait").click()
    page.wait_for_selector(f"#arret-{first.pk}.stop-done")
    assert Stop.objects.get(pk=first.pk).status == "done"

    # the network drops: the second stop is queued with the phone's time
    page.context.set_offline(True)
    page.locator(f"#arret-{second.pk} form.stop-action").first.get_by_role("button", name="Fait").click()
    page.wait_for_selector(f"#arret-{second.pk}.stop-queued")
    assert "Hors ligne — 1 action(s) en attente" in page.locator("#etat-reseau").inner_text()
    assert Stop.objects.get(pk=second.pk).status == "planned"
    page.reload()  # from the service worker's cache
    page.wait_for_selector(f"#arret-{second.pk}.stop-queued")
    screenshot("courier-offline")

    # back online: the queue is sent once, with the real time of the action
    page.context.set_offline(False)
    page.wait_for_function("localStorage.getItem('comptoir-actions') === '[]'")
    done = Stop.objects.get(pk=second.pk)
    assert done.status == "done"
    assert CourierAction.objects.filter(stop=done).count() == 1
    assert done.done_at < CourierAction.objects.get(stop=done).received_at
    assert Round.objects.get(pk=round_.pk).status == "done"
    page.reload()
    assert page.locator(".stop-done").count() == 2
    screenshot("courier-round-done")


@pytest.mark.django_db(transaction=True)
def test_staff_day_page_draws_the_rounds_without_tiles(page, live_server, courier_day):
    manager = factories.staff("logistique@example.fr")
    manager.user_permissions.add(Permission.objects.get(codename="manage_logistics"))
    date = Round.objects.first().day.date.isoformat()
    sign_in(page, live_server.url, "logistique@example.fr", f"/logistique/jours/{date}/")
    assert page.locator("svg.svg-map polyline").count() == Round.objects.count()
    assert page.locator("#carte").is_hidden()
