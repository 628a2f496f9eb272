"""Fixtures of the roadmap tests: a few real communes of the territory and a workshop builder."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.commerce.territory.models import Commune, PublicPlace
from plugins.roadmap.models import Workshop


@pytest.fixture
def bavay(db):
    return Commune.objects.create(insee="59053", name="Bavay", slug="bavay", postcodes=["59570"], population=3249,
                                  latitude=Decimal("50.29340"), longitude=Decimal("3.80266"), is_bourg_centre=True)


@pytest.fixture
def jenlain(db):
    return Commune.objects.create(insee="59326", name="Jenlain", slug="jenlain", postcodes=["59144"], population=1102,
                                  latitude=Decimal("50.31080"), longitude=Decimal("3.63140"))


@pytest.fixture
def bavay_library(bavay):
    return PublicPlace.objects.create(kind=PublicPlace.Kind.LIBRARY, source_id="LI8460",
                                      name="Bibliothèque Municipale De Bavay", commune=bavay, address="rue des Juifs",
                                      postcode="59570", latitude=Decimal("50.297293"), longitude=Decimal("3.795938"),
                                      source="Ministère de la Culture")


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
