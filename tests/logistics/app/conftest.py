"""A small closed distribution day: hub Le Quesnoy, two producers, a relay point at Bavay, a home at Jolimetz."""

from dataclasses import dataclass

import pytest

from tests.logistics.app import builders


@dataclass
class SmallDay:
    day: object
    slot: object
    farm: object
    orchard: object
    pickup_order: object
    home_order: object
    van: object
    courier: object


@pytest.fixture
def small_day(db, settings):
    settings.LOGISTICS_PLANNING_SECONDS = 0.5
    day = builders.day()
    slot = builders.pickup_point()
    farm = builders.place("Ferme de Gommegnies", "59265")
    orchard = builders.place("Vergers de Beaudignies", "59057")
    cheese = builders.product_at(farm, chilled=True)
    apples = builders.product_at(orchard, weight="5.000")
    courier = builders.courier("livreur@example.fr")
    van = builders.vehicle(courier=courier)
    pickup_order = builders.order(items=[(cheese, 2), (apples, 3)], slot=slot)
    home_order = builders.order(items=[(apples, 1)], home_insee="59325")
    return SmallDay(day, slot, farm, orchard, pickup_order, home_order, van, courier)


@pytest.fixture
def planned_day(small_day):
    from logistics.services.planning import plan_rounds

    assert plan_rounds(day_id=small_day.day.pk, time_limit=0.5).ok
    return small_day


@pytest.fixture
def manager(db):
    from django.contrib.auth.models import Permission

    from tests import factories

    user = factories.staff("logistique@comptoir-de-mormal.fr")
    user.user_permissions.add(Permission.objects.get(codename="manage_logistics"))
    return user


def csrf_client(user=None):
    """Django's test client with CSRF checks on, signed in as `user`."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def post_with_csrf(client, url, data, page=None):
    """GET a page to obtain the CSRF cookie, then POST with the token, as a browser does."""
    client.get(page or url)
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})
