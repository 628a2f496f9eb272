"""A re-plan during a round starts the vehicle from its last finished stop, when it finished there, with what it
carries; the rest of its round is appended to the same round (services/positions.py, services/planning.py)."""

import datetime
import math
import uuid

import pytest
from django.utils import timezone

from logistics.models import Parcel, Round, Stop
from logistics.planning.distances import HaversineProvider
from logistics.planning.problem import Load, Point
from logistics.services.places import Place, as_time, seconds
from logistics.services.planning import plan_rounds
from logistics.services.positions import VehiclePosition, split_on_board, vehicle_positions
from logistics.services.stops import StopActionInput, stop_record
from tests.logistics.app import builders


def _local(hour: int, minute: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(builders.DAY, datetime.time(hour, minute)))


def _finish(stop: Stop, courier, at: datetime.datetime) -> None:
    """The courier marks the stop done (the phone's clock is in 2030: the time is written as it happened)."""
    stop_record(user=courier.user, stop_id=stop.pk, data=StopActionInput(action="done"))
    Stop.objects.filter(pk=stop.pk).update(done_at=at)


def _travel_seconds(a: Stop, b: Stop) -> int:
    matrix = HaversineProvider().matrix([Point(a.latitude, a.longitude), Point(b.latitude, b.longitude)])
    return matrix.duration(0, 1)


def _kg(parcels) -> Load:
    ambient = sum(p.weight_g for p in parcels if not p.chilled)
    chilled = sum(p.weight_g for p in parcels if p.chilled)
    return Load(math.ceil(ambient / 1000), math.ceil(chilled / 1000), sum(p.crates for p in parcels))


@pytest.fixture
def afternoon_day(small_day):
    """The home delivery may be made from 13:00 (so the remaining stop is served as soon as the van gets there)."""
    small_day.home_order.metadata = {"deliveryWindow": "13:00-19:00"}
    small_day.home_order.save(update_fields=["metadata"])
    assert plan_rounds(day_id=small_day.day.pk, time_limit=0.5).ok
    return small_day


@pytest.mark.django_db
def test_a_replan_during_a_delivery_round_continues_it_from_the_last_stop_done(afternoon_day):
    day, courier = afternoon_day.day, afternoon_day.courier
    for stop in Stop.objects.filter(round__day=day, kind=Stop.Kind.COLLECTION):
        _finish(stop, courier, _local(9, 0))
    delivery = Round.objects.get(day=day, kind=Round.Kind.DELIVERY)
    done, remaining = delivery.stops.order_by("position")
    _finish(done, courier, _local(14, 10))
    on_board = set(Parcel.objects.filter(delivery_stop=remaining).values_list("pk", flat=True))
    rounds_before = Round.objects.filter(day=day).count()

    outcome = plan_rounds(day_id=day.pk, time_limit=0.5)

    assert outcome.ok, outcome.message
    assert outcome.unserved == {}
    assert outcome.plan.violations == ()
    assert Round.objects.filter(day=day).count() == rounds_before  # no new round: the same one goes on
    continued = Round.objects.get(pk=delivery.pk)
    assert continued.status == Round.Status.IN_PROGRESS
    kept, new = continued.stops.order_by("position")
    assert (kept.pk, kept.status, kept.position) == (done.pk, Stop.Status.DONE, 1)
    assert (new.key, new.position, new.status) == (remaining.key, 2, Stop.Status.PLANNED)
    # the first new stop: the end of the last stop done plus the drive from there (its window is already open)
    expected = seconds(datetime.time(14, 10)) + _travel_seconds(done, new)
    assert new.planned_arrival == as_time(expected)
    assert seconds(new.window_start) < expected
    # its parcels are still in the van, now on the new stop
    assert set(Parcel.objects.filter(delivery_stop=new).values_list("pk", flat=True)) == on_board
    assert set(Parcel.objects.filter(pk__in=on_board).values_list("status", flat=True)) == {"out_for_delivery"}
    # what the solver was told: the van leaves from the stop done at 14:10 with those goods on board
    van_day = outcome.plan.vehicles[0]
    first = van_day.trips[0]
    assert (first.from_start, first.departure) == (True, seconds(datetime.time(14, 10)))
    assert first.load_at_departure == _kg(Parcel.objects.filter(pk__in=on_board))
    assert continued.return_time == as_time(first.return_time)


@pytest.mark.django_db
def test_a_replan_during_a_collection_round_starts_where_the_van_is_with_what_it_collected(afternoon_day):
    day, courier = afternoon_day.day, afternoon_day.courier
    collection = Round.objects.get(day=day, kind=Round.Kind.COLLECTION)
    done, remaining = collection.stops.order_by("position")
    _finish(done, courier, _local(9, 0))
    collected = list(Parcel.objects.filter(collection_stop=done))

    positions = vehicle_positions(day)
    assert list(positions) == [afternoon_day.van.pk]
    position = positions[afternoon_day.van.pk]
    assert (position.round_id, position.stop.pk, position.at) == (collection.pk, done.pk, 9 * 3600)
    assert Load(*position.carried) == _kg(collected)
    assert position.on_board == set()

    outcome = plan_rounds(day_id=day.pk, time_limit=0.5)

    assert outcome.ok, outcome.message
    assert outcome.plan.violations == ()
    first = outcome.plan.vehicles[0].trips[0]
    assert (first.from_start, first.departure) == (True, 9 * 3600)
    remaining_load = Load(remaining.ambient_kg, remaining.chilled_kg, remaining.crates)
    assert first.load_at_departure == _kg(collected)  # collecting adds to what is on board
    assert first.visits[-1].load_after == _kg(collected) + remaining_load
    new = Round.objects.get(pk=collection.pk).stops.get(position=2)
    assert new.key == remaining.key
    expected = max(seconds(new.window_start), 9 * 3600 + _travel_seconds(done, new))
    assert new.planned_arrival == as_time(expected)
    # the deliveries still leave from the hub, after the collections are back
    assert [round_.kind for round_ in Round.objects.filter(day=day).order_by("number")] == ["collection", "delivery"]


@pytest.mark.django_db
def test_a_round_under_way_with_nothing_left_is_over_after_the_replan(afternoon_day):
    day, courier = afternoon_day.day, afternoon_day.courier
    collection = Round.objects.get(day=day, kind=Round.Kind.COLLECTION)
    done, remaining = collection.stops.order_by("position")
    _finish(done, courier, _local(9, 0))
    # the second producer's goods go to the hub another way: nothing is left to collect
    Parcel.objects.filter(collection_stop=remaining).update(status=Parcel.Status.AT_HUB)

    assert plan_rounds(day_id=day.pk, time_limit=0.5).ok

    finished = Round.objects.get(pk=collection.pk)
    assert list(finished.stops.values_list("pk", flat=True)) == [done.pk]
    assert finished.status == Round.Status.DONE
    assert set(Parcel.objects.filter(collection_stop=done).values_list("status", flat=True)) == {"at_hub"}


def test_a_delivery_partly_on_board_and_partly_at_the_hub_becomes_two_stops():
    on_board, late = (Parcel(id=uuid.uuid4(), weight_g=4000, chilled=True, crates=1),
                      Parcel(id=uuid.uuid4(), weight_g=2500, chilled=False, crates=1))
    relay = Place("retrait:relais-bavay", Stop.Kind.DELIVERY, "Relais Bavay", 50.2934, 3.80266, 13 * 3600,
                  16 * 3600, ambient_g=2500, chilled_g=4000, crates=2, parcel_ids=[on_board.pk, late.pk],
                  chilled_parcel_ids=[on_board.pk], chilled_crates=1)
    farm = Place("collecte:ferme", Stop.Kind.COLLECTION, "Ferme", 50.26, 3.70, 7 * 3600, 12 * 3600,
                 parcel_ids=[late.pk], supplies={"retrait:relais-bavay"})
    position = VehiclePosition(round_id=1, stop=Stop(name="Domicile"), at=14 * 3600, on_board={on_board.pk})

    places, carriers = split_on_board([relay, farm], [on_board, late], {7: position})

    assert [(p.key, p.name, p.parcel_ids, p.ambient_kg, p.chilled_kg, p.crates) for p in places] == [
        ("retrait:relais-bavay", "Relais Bavay", [on_board.pk], 0, 4, 1),
        ("retrait:relais-bavay:hub", "Relais Bavay (depuis le hub)", [late.pk], 3, 0, 1),
        ("collecte:ferme", "Ferme", [late.pk], 0, 0, 0),
    ]
    assert carriers == {"retrait:relais-bavay": 7}
    assert places[2].supplies == {"retrait:relais-bavay", "retrait:relais-bavay:hub"}
