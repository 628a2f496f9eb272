"""Never overbook: residents who register at the same moment are served one after the other (row lock)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plugins.roadmap.models import Registration
from plugins.roadmap.services import workshop_register


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_ten_residents_at_once_on_three_places_give_exactly_three_registrations(make_workshop):
    # given a workshop with 3 places
    workshop = make_workshop(capacity=3)
    start = threading.Barrier(10)
    outcomes: list[str] = []
    lock = threading.Lock()

    def resident(n: int):
        try:
            start.wait()
            workshop_register(workshop_id=workshop.pk, name=f"Habitant {n}", email=f"habitant{n}@exemple.fr")
            result = "ok"
        except ValidationError as error:
            result = error.error_dict["workshop_id"][0].code
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    # when 10 residents register at the same moment, each on their own connection
    threads = [threading.Thread(target=resident, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then exactly 3 are registered and 7 are told the workshop is full
    assert sorted(outcomes) == ["FULL"] * 7 + ["ok"] * 3
    assert Registration.objects.filter(workshop=workshop).count() == 3
