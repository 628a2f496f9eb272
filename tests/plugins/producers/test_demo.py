import io

import pytest

from backend.commerce.account.models import User
from plugins.producers.demo import demo_producers_ensure, demo_siret
from plugins.producers.models import Producer, ProducerMember, ProducerProduct
from plugins.producers.validators import validate_siret
from tests import factories
from tests.backend.commerce.conftest import sellable

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_farms(communes, channel):
    farms = []
    for name, insee, labels in (("Fromagerie du Pont des Loups", "59053", "AOP Maroilles|Agriculture biologique"),
                                ("Vergers de Jolimetz", "59325", "")):
        farm = factories.warehouse(name, commune=communes["bavay" if insee == "59053" else "jolimetz"])
        farm.is_demo = True
        farm.metadata = {"demo": "true", "kind": "producer", "labels": labels}
        farm.save()
        farms.append(farm)
    point = factories.warehouse("Point retrait du Quesnoy", commune=communes["le-quesnoy"])
    point.is_demo = True
    point.metadata = {"demo": "true", "kind": "pickup_point"}
    point.save()
    sellable("Maroilles fermier", wh=farms[0])
    sellable("Jus de pomme", wh=farms[1], rate="5.5")
    return farms


def test_demo_producers_and_owner_accounts_are_created_once(demo_farms):
    out = io.StringIO()

    first = demo_producers_ensure(password="", out=out)
    printed = out.getvalue()
    again = demo_producers_ensure(password="", out=io.StringIO())

    assert first == {"producers": 2, "accounts_created": 2, "passwords_set": 0}
    assert again == {"producers": 2, "accounts_created": 0, "passwords_set": 0}
    assert sorted(Producer.objects.values_list("slug", "labels", "status")) == [
        ("fromagerie-du-pont-des-loups", ["aop-maroilles", "agriculture-biologique"], "active"),
        ("vergers-de-jolimetz", [], "active")]
    assert sorted(ProducerMember.objects.values_list("user__email", "role")) == [
        ("fromagerie-du-pont-des-loups@demo.comptoir-de-mormal.fr", "owner"),
        ("vergers-de-jolimetz@demo.comptoir-de-mormal.fr", "owner")]
    assert sorted(ProducerProduct.objects.values_list("product__name", "producer__slug")) == [
        ("Jus de pomme", "vergers-de-jolimetz"), ("Maroilles fermier", "fromagerie-du-pont-des-loups")]
    password = printed.split("mot de passe ")[1].split(" ")[0]
    assert User.objects.get(email="vergers-de-jolimetz@demo.comptoir-de-mormal.fr").check_password(password)


def test_the_demo_password_comes_from_the_environment(demo_farms, monkeypatch):
    demo_producers_ensure(password="", out=io.StringIO())
    monkeypatch.setenv("COMPTOIR_DEMO_PASSWORD", "Maroilles-2026!")
    out = io.StringIO()

    result = demo_producers_ensure(out=out)

    assert result == {"producers": 2, "accounts_created": 0, "passwords_set": 2}
    assert out.getvalue() == ""
    assert all(user.check_password("Maroilles-2026!") for user in User.objects.filter(
        email__endswith="@demo.comptoir-de-mormal.fr"))


def test_demo_sirets_are_valid():
    assert [validate_siret(demo_siret(index)) for index in (1, 2, 150)] == [
        demo_siret(1), demo_siret(2), demo_siret(150)]
    assert len({demo_siret(index) for index in range(1, 151)}) == 150
