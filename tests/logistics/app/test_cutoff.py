"""Orders close at each producer's cut-off before a distribution day (services/cutoff.py, the periodic task)."""

import datetime

import pytest

from logistics.models import DistributionDay, ProducerClosure
from logistics.services.cutoff import cutoff_at, day_opens_at, french_moment, ordering_close_due
from logistics.tasks import close_orders_at_cutoff
from plugins.producers.models import ProducerStatus
from tests.logistics.app import builders
from tests.logistics.app.cutoff_builders import PARIS, open_day, producer

UTC = datetime.UTC


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2030, 5, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def friday(db):
    """Friday 17/05/2030, first slot 16:00: the Bocage closes 48 h before, the Brasserie 24 h before."""
    day = open_day()
    later = builders.pickup_point("Relais Jolimetz", "59325")
    later.start = datetime.time(17)
    later.save(update_fields=["start"])
    builders.pickup_point()  # 16:00-19:00, the first slot of the day
    return day, producer("Ferme du Bocage", hours=48), producer("Brasserie de Landrecies", hours=24)


def _closed(day) -> list[str]:
    return [c.producer.trade_name for c in ProducerClosure.objects.filter(day=day).select_related("producer")]


@pytest.mark.django_db
def test_nothing_closes_before_the_first_cutoff(friday):
    day, _, _ = friday
    report = ordering_close_due(now=at(15, 15, 59))
    assert report.as_dict() == {"producers_closed": 0, "days_closed": []}
    assert ProducerClosure.objects.count() == 0
    assert DistributionDay.objects.get(pk=day.pk).status == DistributionDay.Status.OPEN


@pytest.mark.django_db
def test_each_producer_closes_at_its_own_cutoff_then_the_day(friday):
    day, bocage, brewery = friday
    # at 48 h before the first slot (Wednesday 16:00): the Bocage only
    assert ordering_close_due(now=at(15, 16)).as_dict() == {"producers_closed": 1, "days_closed": []}
    assert _closed(day) == ["Ferme du Bocage"]
    closure = ProducerClosure.objects.get(day=day, producer=bocage)
    assert closure.cutoff_at == datetime.datetime(2030, 5, 15, 14, 0, tzinfo=UTC)
    assert DistributionDay.objects.get(pk=day.pk).status == DistributionDay.Status.OPEN
    # run again a minute later: nothing new (idempotent)
    assert ordering_close_due(now=at(15, 16, 1)).as_dict() == {"producers_closed": 0, "days_closed": []}
    # at 24 h before (Thursday 16:00): the Brasserie, and every producer being closed, the day
    assert ordering_close_due(now=at(16, 16)).as_dict() == {"producers_closed": 1, "days_closed": ["2030-05-17"]}
    assert _closed(day) == ["Ferme du Bocage", "Brasserie de Landrecies"]
    assert ProducerClosure.objects.get(producer=brewery).cutoff_at == datetime.datetime(2030, 5, 16, 14, tzinfo=UTC)
    assert DistributionDay.objects.get(pk=day.pk).status == DistributionDay.Status.CLOSED
    # and a closed day is left alone
    assert ordering_close_due(now=at(17, 9)).as_dict() == {"producers_closed": 0, "days_closed": []}
    assert ProducerClosure.objects.count() == 2


@pytest.mark.django_db
def test_a_producer_closed_early_by_staff_counts_for_closing_the_day(friday):
    day, bocage, brewery = friday
    ProducerClosure.objects.create(day=day, producer=brewery, cutoff_at=at(14, 12))
    assert ordering_close_due(now=at(15, 16)).as_dict() == {"producers_closed": 1, "days_closed": ["2030-05-17"]}
    assert ProducerClosure.objects.get(producer=brewery).cutoff_at == at(14, 12)  # staff's row untouched


@pytest.mark.django_db
def test_suspended_producers_do_not_hold_the_day_open(friday):
    day, _, brewery = friday
    producer("Vergers de Beaudignies", hours=0, status=ProducerStatus.SUSPENDED, insee="59057")
    brewery.order_cutoff_hours = 48
    brewery.save(update_fields=["order_cutoff_hours"])
    assert ordering_close_due(now=at(15, 16)).as_dict() == {"producers_closed": 2, "days_closed": ["2030-05-17"]}
    assert sorted(_closed(day)) == ["Brasserie de Landrecies", "Ferme du Bocage"]


@pytest.mark.django_db
def test_a_day_without_producer_closes_when_it_opens(db):
    day = open_day()
    builders.pickup_point()
    assert ordering_close_due(now=at(17, 15, 59)).days_closed == []
    assert ordering_close_due(now=at(17, 16)).days_closed == [datetime.date(2030, 5, 17)]
    assert DistributionDay.objects.get(pk=day.pk).status == DistributionDay.Status.CLOSED


@pytest.mark.django_db
def test_a_day_without_slot_opens_at_its_delivery_release(db):
    day = DistributionDay.objects.get(pk=open_day().pk)
    assert day_opens_at(day, None) == at(17, 13)
    assert cutoff_at(day_opens_at(day, None), 36) == at(16, 1)


def test_the_cutoff_is_counted_on_the_paris_wall_clock_across_a_change_of_time():
    # clocks go forward on Sunday 31/03/2030 at 02:00: Monday 10:00 minus 48 h is Saturday 10:00 (winter time)
    opens = datetime.datetime(2030, 4, 1, 10, tzinfo=PARIS)
    cutoff = cutoff_at(opens, 48)
    assert cutoff == datetime.datetime(2030, 3, 30, 9, 0, tzinfo=UTC)
    assert french_moment(cutoff) == "samedi 30/03/2030 à 10 h 00"


@pytest.mark.django_db
def test_the_periodic_task_closes_a_past_open_day_and_reports_it(db):
    day = open_day(date=datetime.date(2020, 1, 10))
    producer("Ferme du Bocage", hours=48)
    result = close_orders_at_cutoff.apply().get()
    assert result == {"producers_closed": 1, "days_closed": ["2020-01-10"]}
    assert DistributionDay.objects.get(pk=day.pk).status == DistributionDay.Status.CLOSED
    assert close_orders_at_cutoff.apply().get() == {"producers_closed": 0, "days_closed": []}
