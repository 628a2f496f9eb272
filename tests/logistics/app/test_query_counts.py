import pytest

from logistics.models import Round
from logistics.services.planning import plan_rounds
from tests.logistics.app import builders
from tests.logistics.app.conftest import csrf_client


@pytest.mark.django_db
def test_courier_round_page_query_count_is_pinned_and_does_not_grow_with_stops(planned_day,
                                                                               django_assert_num_queries):
    client = csrf_client(planned_day.courier.user)
    url = f"/livreur/tournees/{Round.objects.get(kind='delivery').pk}/"
    client.get(url)  # session and permission caches warm
    with django_assert_num_queries(9):
        client.get(url)
    # two more home deliveries on the same round
    for insee in ("59331", "59265"):
        builders.order(items=[(builders.product_at(planned_day.orchard), 1)], home_insee=insee)
    assert plan_rounds(day_id=planned_day.day.pk, time_limit=0.5).ok
    delivery = Round.objects.filter(kind="delivery").order_by("-pk").first()
    assert delivery.stops.count() >= 3
    with django_assert_num_queries(9):
        client.get(f"/livreur/tournees/{delivery.pk}/")


@pytest.mark.django_db
def test_staff_day_page_query_count_is_pinned(planned_day, manager, django_assert_num_queries):
    client = csrf_client(manager)
    client.get("/logistique/jours/2030-05-17/")
    with django_assert_num_queries(8):
        client.get("/logistique/jours/2030-05-17/")
