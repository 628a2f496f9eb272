import pytest

from logistics.models import DistributionDay, Parcel, Round, Stop
from logistics.services.planning import plan_rounds
from logistics.services.stops import StopActionInput, stop_record


@pytest.mark.django_db
def test_plan_rounds_saves_collection_and_delivery_rounds_with_every_parcel_placed(small_day):
    # given a closed day with 2 producers, 1 relay point order (2 producers) and 1 home order
    # when
    outcome = plan_rounds(day_id=small_day.day.pk, time_limit=0.5)
    # then
    assert outcome.ok, outcome.message
    assert outcome.unserved == {}
    parcels = Parcel.objects.filter(day=small_day.day)
    assert parcels.count() == 3  # pickup order: farm + orchard; home order: orchard
    assert sorted(parcels.values_list("weight_g", flat=True)) == [4000, 5000, 15000]
    assert parcels.filter(chilled=True).count() == 1
    assert not parcels.filter(collection_stop__isnull=True).exists()
    assert not parcels.filter(delivery_stop__isnull=True).exists()
    keys = sorted(Stop.objects.filter(round__day=small_day.day).values_list("key", flat=True))
    assert keys == ["collecte:ferme-de-gommegnies", "collecte:vergers-de-beaudignies",
                    f"domicile:{small_day.home_order.number}", "retrait:relais-bavay"]
    rounds = Round.objects.filter(day=small_day.day)
    assert {r.kind for r in rounds} == {"collection", "delivery"}
    assert {r.courier_id for r in rounds} == {small_day.courier.pk}
    day = DistributionDay.objects.get(pk=small_day.day.pk)
    assert day.status == DistributionDay.Status.PLANNED
    assert (day.planning_current, day.planning_total) == (5, 5)
    assert day.summary["feasible"] is True and day.summary["unserved"] == 0


@pytest.mark.django_db
def test_replanning_keeps_finished_stops_and_plans_only_the_rest(small_day):
    # given a planned day whose first collection is done
    plan_rounds(day_id=small_day.day.pk, time_limit=0.5)
    first = Stop.objects.filter(round__day=small_day.day, kind="collection").order_by("planned_arrival").first()
    stop_record(user=small_day.courier.user, stop_id=first.pk, data=StopActionInput(action="done"))
    # when the day is planned again (a late change)
    outcome = plan_rounds(day_id=small_day.day.pk, time_limit=0.5)
    # then the finished stop is the same row, still done, and its place is not planned a second time
    assert outcome.ok, outcome.message
    kept = Stop.objects.get(pk=first.pk)
    assert kept.status == Stop.Status.DONE
    assert Stop.objects.filter(round__day=small_day.day, key=first.key).count() == 1
    assert Stop.objects.filter(round__day=small_day.day).count() == 4


@pytest.mark.django_db
def test_plan_rounds_without_vehicle_fails_with_a_french_reason_and_writes_no_round(small_day):
    small_day.van.delete()
    outcome = plan_rounds(day_id=small_day.day.pk, time_limit=0.5)
    assert outcome.ok is False
    assert outcome.message == "Aucun véhicule en service : ajoutez-en un avant de planifier."
    assert Round.objects.count() == 0
    assert DistributionDay.objects.get(pk=small_day.day.pk).planning_error == outcome.message
