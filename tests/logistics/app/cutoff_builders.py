"""Producers with a cut-off, for the tests of the automatic close and of the checkout refusal."""

import datetime
import itertools

from logistics.models import DistributionDay
from plugins.producers.models import Producer, ProducerProduct, ProducerStatus, ProducerWarehouse
from tests.logistics.app import builders

PARIS = datetime.timezone(datetime.timedelta(hours=2))  # CEST: the summer offset of Europe/Paris
_sirets = itertools.count(10_000_000_000_000)


def producer(name: str, *, hours: int, status=ProducerStatus.ACTIVE, insee="59265") -> Producer:
    """A producer (with its farm as warehouse) whose orders close `hours` before a distribution."""
    found = Producer.objects.create(
        legal_name=f"EARL {name}", trade_name=name, slug=name.lower().replace(" ", "-"), siret=str(next(_sirets)),
        email="contact@example.fr", commune=builders.commune(insee), status=status, order_cutoff_hours=hours)
    ProducerWarehouse.objects.create(producer=found, warehouse=builders.place(name, insee))
    return found


def product_of(owner: Producer, **kwargs):
    product = builders.product_at(owner.warehouse_links.get().warehouse, **kwargs)
    ProducerProduct.objects.create(product=product, producer=owner)
    return product


def open_day(date=builders.DAY) -> DistributionDay:
    return builders.day(date=date, status=DistributionDay.Status.OPEN)
