"""Reads of the marketplace: public producer lists (filters, distance), a member's producer, what to prepare."""

import math
from datetime import date

from django.db.models import Q, QuerySet

from backend.commerce.territory.models import Commune
from plugins.producers.models import Preparation, Producer, ProducerMember, ProducerStatus

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    d_phi, d_lambda = phi2 - phi1, math.radians(float(lon2) - float(lon1))
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def commune_by_code(value: str) -> Commune | None:
    value = (value or "").strip()
    return Commune.objects.filter(Q(insee=value) | Q(slug=value)).first() if value else None


def public_producers() -> QuerySet[Producer]:
    return Producer.objects.filter(status=ProducerStatus.ACTIVE).select_related("commune")


def producers_filtered(*, communes=None, labels=None, categories=None, search: str = "") -> QuerySet[Producer]:
    producers = public_producers()
    if communes:
        producers = producers.filter(Q(commune__insee__in=communes) | Q(commune__slug__in=communes))
    for label in labels or ():
        producers = producers.filter(labels__contains=[label])
    if categories:
        producers = producers.filter(Q(product_links__product__category__slug__in=categories)
                                     | Q(product_links__product__category__parent__slug__in=categories)).distinct()
    if search:
        producers = producers.filter(Q(trade_name__icontains=search) | Q(legal_name__icontains=search)
                                     | Q(commune__name__icontains=search))
    return producers


def sorted_by_distance(producers, origin: Commune, descending: bool = False) -> list[Producer]:
    """Producers with `distance_km` set, nearest first (those without coordinates last)."""
    result = list(producers)
    for producer in result:
        lat = producer.latitude if producer.latitude is not None else producer.commune.latitude
        lon = producer.longitude if producer.longitude is not None else producer.commune.longitude
        producer.distance_km = round(haversine_km(origin.latitude, origin.longitude, lat, lon), 2)
    result.sort(key=lambda p: (p.distance_km, p.trade_name), reverse=descending)
    return result


def producer_of_user(user) -> Producer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    member = ProducerMember.objects.select_related("producer").filter(user_id=user.pk).first()
    return member.producer if member else None


def preparations_for_day(*, producer: Producer, day: date) -> QuerySet[Preparation]:
    return (Preparation.objects.filter(producer=producer, distribution_date=day)
            .select_related("order").prefetch_related("lines__order_line").order_by("order__number"))


def preparations_upcoming(*, producer: Producer, from_day: date) -> QuerySet[Preparation]:
    return (Preparation.objects.filter(producer=producer, distribution_date__gte=from_day)
            .select_related("order").order_by("distribution_date", "order__number"))
