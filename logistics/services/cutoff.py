"""Orders close at each producer's cut-off before a distribution day.

The rule (Europe/Paris local time):

- a day *opens to residents* at the start of its first pickup slot; a day without slots opens at its delivery
  release (home deliveries leave the hub then);
- a producer's ordering for that day closes `Producer.order_cutoff_hours` hours before that moment, counted on the
  wall clock: 48 h before Friday 16:00 is Wednesday 16:00, even when the clocks change in between;
- the day itself closes (status OPEN -> CLOSED) once every active producer's cut-off has passed, and at the latest
  when it opens (a day with no producer closes then).

`ordering_close_due` applies the rule: the periodic task `close_orders_at_cutoff` calls it every few minutes. It is
idempotent (one `ProducerClosure` per day and producer, a closed day stays closed). The checkout does not wait for
it: `checkout_refusals.py` applies the same rule with the clock, so a late task never lets an order slip in.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from logistics.models import DistributionDay, PickupSlot, ProducerClosure
from plugins.producers.models import Producer, ProducerStatus

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def with_first_slot(days):
    """Annotate `first_slot` (start of the day's first pickup slot, or None) in the same query."""
    first = PickupSlot.objects.filter(date=OuterRef("date")).order_by("start").values("start")[:1]
    return days.annotate(first_slot=Subquery(first))


def day_opens_at(day: DistributionDay, first_slot: time | None) -> datetime:
    """When the day opens to residents: its first pickup slot, else its delivery release (aware, Europe/Paris)."""
    return datetime.combine(day.date, first_slot or day.delivery_release, tzinfo=local_zone())


def cutoff_at(opens_at: datetime, hours: int) -> datetime:
    """`hours` before `opens_at` on the local wall clock (naive arithmetic, then back to Europe/Paris)."""
    local = timezone.localtime(opens_at, local_zone()).replace(tzinfo=None) - timedelta(hours=hours)
    return local.replace(tzinfo=local_zone())


def french_moment(moment: datetime) -> str:
    """« mercredi 15/05/2030 à 16 h 00 »"""
    local = timezone.localtime(moment, local_zone())
    return f"{WEEKDAYS[local.weekday()]} {local:%d/%m/%Y} à {local:%H} h {local:%M}"


@dataclass
class ClosingReport:
    producers_closed: int = 0
    days_closed: list[date] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"producers_closed": self.producers_closed, "days_closed": [d.isoformat() for d in self.days_closed]}


def ordering_close_due(*, now: datetime | None = None) -> ClosingReport:
    """Close, for every open day, each active producer whose cut-off has passed, and the day once all have."""
    now = now or timezone.now()
    report = ClosingReport()
    producers = list(Producer.objects.filter(status=ProducerStatus.ACTIVE).only("pk", "order_cutoff_hours"))
    day_ids = list(DistributionDay.objects.filter(status=DistributionDay.Status.OPEN).values_list("pk", flat=True))
    for day_id in day_ids:
        with transaction.atomic():
            day = (with_first_slot(DistributionDay.objects.select_for_update(of=("self",)))
                   .filter(pk=day_id, status=DistributionDay.Status.OPEN).first())
            if day is None:  # closed by hand (or by another run) meanwhile
                continue
            opens_at = day_opens_at(day, day.first_slot)
            due = {p.pk: cutoff_at(opens_at, p.order_cutoff_hours) for p in producers}
            due = {pk: at for pk, at in due.items() if at <= now}
            already = set(ProducerClosure.objects.filter(day=day).values_list("producer_id", flat=True))
            ProducerClosure.objects.bulk_create(
                [ProducerClosure(day=day, producer_id=pk, cutoff_at=at, closed_at=now)
                 for pk, at in due.items() if pk not in already], ignore_conflicts=True)
            report.producers_closed += len(set(due) - already)
            # Cut-offs are never after the opening: with no producer at all, the day closes when it opens.
            everyone = {p.pk for p in producers}
            if everyone <= set(due) | already and (producers or opens_at <= now):
                day.status = DistributionDay.Status.CLOSED
                day.save(update_fields=["status"])
                report.days_closed.append(day.date)
    return report

