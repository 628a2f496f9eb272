"""Fixtures of the portal tests: producers A and B (from the producers tests), their members, a customer, staff,
and a CSV file writer."""

import pytest

from backend.commerce.product.models import Category
from plugins.producers.models import MemberRole, ProducerMember
from tests import factories
from tests.backend.commerce.conftest import channel, pickup_point  # noqa: F401 - fixtures re-used
from tests.plugins.producers.conftest import (  # noqa: F401 - fixtures re-used
    communes,
    producer_a,
    producer_b,
)

PASSWORD = "mot-de-passe-solide"


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def member_a(producer_a):  # noqa: F811 - fixture by name
    user = factories.user("ines@ferme-du-bocage.fr")
    ProducerMember.objects.create(user=user, producer=producer_a, role=MemberRole.OWNER)
    return user


@pytest.fixture
def member_b(producer_b):  # noqa: F811 - fixture by name
    user = factories.user("paul@brasserie-landrecies.fr")
    ProducerMember.objects.create(user=user, producer=producer_b, role=MemberRole.OWNER)
    return user


@pytest.fixture
def customer(db):
    return factories.user("lea@example.fr")


@pytest.fixture
def staff(db):
    return factories.staff("equipe@comptoir-de-mormal.fr")


@pytest.fixture
def catalogue(channel):  # noqa: F811 - fixture by name
    """Categories and VAT classes rows refer to."""
    factories.tax_class("5.5")
    factories.tax_class("20")
    return {"fromages": factories.category("Fromages"), "boissons": factories.category("Boissons")}


@pytest.fixture
def write_csv(tmp_path):
    def write(text: str, *, bom: bool = False, name: str = "produits.csv"):
        path = tmp_path / name
        path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
        return path

    return write


def categories_count() -> int:
    return Category.objects.count()


class PortalClient:
    """Django's test client with CSRF enforced: each POST carries the token a GET of the portal gave."""

    def __init__(self, user=None):
        from django.test import Client

        self.client = Client(enforce_csrf_checks=True)
        if user is not None:
            self.client.force_login(user)

    def get(self, url, **params):
        return self.client.get(url, params)

    def token(self) -> str:
        if "csrftoken" not in self.client.cookies:
            self.client.get("/espace-producteur/connexion/")
        return self.client.cookies["csrftoken"].value

    def post(self, url, data=None, *, csrf=True, **extra):
        data = dict(data or {})
        if csrf:
            data["csrfmiddlewaretoken"] = self.token()
        return self.client.post(url, data, **extra)


@pytest.fixture
def as_user():
    return PortalClient


def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (47, 93, 58)).save(buffer, format="PNG")
    return buffer.getvalue()
