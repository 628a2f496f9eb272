import pytest
from django.test import Client
from django.utils import timezone

from plugins.producers.models import Producer, ProducerStatus, Statement
from plugins.producers.services.statements import statement_compute

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_fr():
    from backend.commerce.account.models import User

    client = Client()
    client.force_login(User.objects.create_superuser("direction@comptoir-de-mormal.fr", "mot-de-passe-solide"))
    return client


def test_staff_see_every_statement_with_the_iban(admin_client_fr, two_producer_order, producer_a, producer_b):
    month = timezone.localdate().replace(day=1)
    statement_compute(producer=producer_a, month=month)
    statement_compute(producer=producer_b, month=month)

    page = admin_client_fr.get("/admin/producers/statement/")

    assert page.status_code == 200
    text = page.content.decode()
    assert text.count("FR76 3000 6000 0112 3456 7890 189") == 2
    assert "Ferme du Bocage" in text and "Brasserie de Landrecies" in text


def test_csv_export_action(admin_client_fr, two_producer_order, producer_a):
    statement = statement_compute(producer=producer_a, month=timezone.localdate().replace(day=1))

    answer = admin_client_fr.post("/admin/producers/statement/", {"action": "export_csv",
                                                                  "_selected_action": [statement.pk]})

    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer.content.decode("utf-8-sig").split("\r\n")[0] == "Producteur;EARL Ferme du Bocage"
    assert Statement.objects.count() == 1


def test_approve_action_refuses_an_incomplete_profile(admin_client_fr, producer_a):
    Producer.objects.filter(pk=producer_a.pk).update(status=ProducerStatus.INVITED, iban="")

    admin_client_fr.post("/admin/producers/producer/", {"action": "approve", "_selected_action": [producer_a.pk]})

    producer_a.refresh_from_db()
    assert producer_a.status == ProducerStatus.INVITED
