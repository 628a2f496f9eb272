"""Reads of the roadmap: workshops with their places left, communes with workshop counts, public places, and the
roadmap's axes and projects (CMS pages of two page types, linked by the attribute "axe-feuille-de-route")."""

import re
from collections import defaultdict
from datetime import datetime

from django.db.models import Count, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from backend.commerce.page.models import AssignedPageAttributeValue, Page
from backend.commerce.territory.models import Commune, PublicPlace
from plugins.roadmap.models import Registration, Workshop

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what secrets.token_urlsafe produces
MAX_PK = 2**63 - 1  # PostgreSQL bigint: a larger number cannot be a primary key (and would break the query)

AXIS_PAGE_TYPE = "axe-feuille-de-route"
PROJECT_PAGE_TYPE = "projet-feuille-de-route"
AXIS_ATTRIBUTE = "axe-feuille-de-route"
STATUS_ATTRIBUTE = "statut-projet"
COMMUNES_ATTRIBUTE = "communes-concernees"


# --- workshops ---

def workshops_with_seats(*, published_only: bool = True) -> QuerySet[Workshop]:
    """Workshops (published ones by default), each annotated with `seats_booked` (places not cancelled)."""
    booked = Sum("registrations__seats", filter=Q(registrations__cancelled_at__isnull=True))
    workshops = Workshop.objects.filter(is_published=True) if published_only else Workshop.objects.all()
    return workshops.annotate(seats_booked=Coalesce(booked, Value(0), output_field=IntegerField()))


def workshops_list(*, commune: str | None = None, starts_from: datetime | None = None,
                   starts_to: datetime | None = None, now: datetime | None = None) -> QuerySet[Workshop]:
    """Workshops in date order. Without bounds: those not yet over. `commune` is an INSEE code or a slug."""
    workshops = workshops_with_seats()
    if commune and "\x00" in commune:  # PostgreSQL refuses NUL in text: such a commune matches nothing
        return workshops.none()
    if commune:
        workshops = workshops.filter(Q(commune__insee=commune) | Q(commune__slug=commune))
    if starts_from is None and starts_to is None:
        workshops = workshops.filter(ends_at__gte=now or timezone.now())
    if starts_from is not None:
        workshops = workshops.filter(starts_at__gte=starts_from)
    if starts_to is not None:
        workshops = workshops.filter(starts_at__lt=starts_to)
    return workshops.order_by("starts_at", "pk")


def registration_by_token(token: str) -> Registration | None:
    token = (token or "").strip()
    if not TOKEN_PATTERN.match(token):
        return None
    return Registration.objects.filter(cancellation_token=token).first()


def communes_with_workshop_counts(*, now: datetime | None = None) -> QuerySet[Commune]:
    """Every commune with `workshops_held` (over, not cancelled) and `workshops_planned` (to come, not cancelled)."""
    now = now or timezone.now()
    live = Q(workshops__is_published=True, workshops__is_cancelled=False)
    return Commune.objects.annotate(
        workshops_held=Count("workshops", filter=live & Q(workshops__ends_at__lt=now)),
        workshops_planned=Count("workshops", filter=live & Q(workshops__ends_at__gte=now)),
    ).order_by("name")


def public_places(*, kind: str | None = None) -> QuerySet[PublicPlace]:
    places = PublicPlace.objects.all()
    if kind:
        places = places.filter(kind=kind)
    return places.order_by("kind", "commune__name", "name", "pk")


# --- roadmap pages ---

def _published_pages_q(prefix: str = "") -> Q:
    now = timezone.now()
    return Q(**{f"{prefix}is_published": True}) & (
        Q(**{f"{prefix}published_at__isnull": True}) | Q(**{f"{prefix}published_at__lte": now}))


def _axis_assignments(page_type: str) -> QuerySet[AssignedPageAttributeValue]:
    return (AssignedPageAttributeValue.objects
            .filter(_published_pages_q("page__"), page__page_type__slug=page_type,
                    value__attribute__slug=AXIS_ATTRIBUTE)
            .select_related("page", "value"))


def roadmap_axes() -> list[tuple[Page, str]]:
    """Published axis pages in their order, each with its key (the slug of its "axe-feuille-de-route" value)."""
    rows = _axis_assignments(AXIS_PAGE_TYPE).order_by("page__sort_order", "page__slug")
    return [(row.page, row.value.slug) for row in rows]


def roadmap_axis(key: str) -> tuple[Page, str] | None:
    row = _axis_assignments(AXIS_PAGE_TYPE).filter(value__slug=key).order_by("page__sort_order").first()
    return (row.page, key) if row else None


def roadmap_projects_by_axis(keys: list[str]) -> dict[str, list[Page]]:
    """Published project pages of each axis key, in their order."""
    rows = (_axis_assignments(PROJECT_PAGE_TYPE).filter(value__slug__in=keys)
            .order_by("page__sort_order", "page__slug"))
    grouped: dict[str, list[Page]] = defaultdict(list)
    for row in rows:
        grouped[row.value.slug].append(row.page)
    return grouped


def page_attribute_values(page_ids: list[int]) -> dict[int, dict[str, list]]:
    """{page id: {attribute slug: [AttributeValue, ...]}} for the given pages, in assignment order."""
    rows = (AssignedPageAttributeValue.objects.filter(page_id__in=page_ids)
            .select_related("value__attribute").order_by("sort_order", "pk"))
    values: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        values[row.page_id][row.value.attribute.slug].append(row.value)
    return values
