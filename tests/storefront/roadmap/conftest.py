"""Fixtures of the roadmap pages: the seeded roadmap (no demo workshops) and a workshop builder."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from backend.commerce.territory.models import Commune
from plugins.roadmap.models import Workshop
from plugins.roadmap.seed import load_roadmap


@pytest.fixture
def roadmap(db):
    return load_roadmap(seed=1, today=date(2026, 11, 30), demo=False)


@pytest.fixture
def bavay(roadmap):
    return Commune.objects.get(insee="59053")


@pytest.fixture
def make_workshop(bavay):
    def make(**fields) -> Workshop:
        starts = fields.pop("starts_at", timezone.now() + timedelta(days=3))
        values = {"title": "Premiers pas avec la tablette", "theme": "premiers-pas", "commune": bavay,
                  "venue_address": "Salle des fêtes, Bavay", "starts_at": starts,
                  "ends_at": starts + timedelta(hours=2), "capacity": 3}
        values.update(fields)
        return Workshop.objects.create(**values)

    return make


@pytest.fixture(params=["in-process", "http"])
def transport(request, settings):
    """Run a test once in-process, then over HTTP to a live backend (the shared `http_transport` fixture)."""
    if request.param == "http":
        request.getfixturevalue("http_transport")
    else:
        settings.STOREFRONT_GRAPHQL_TRANSPORT = "backend.api.inprocess.execute"
    return request.param


@pytest.fixture
def browser():
    """A visitor whose POSTs must carry the CSRF token, as a real browser's do."""
    return Client(enforce_csrf_checks=True)


def csrf_post(client: Client, url: str, data: dict):
    """GET the page (sets the CSRF cookie), then POST the form with its token."""
    client.get(url)
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


__all__ = ["Decimal", "csrf_post"]
